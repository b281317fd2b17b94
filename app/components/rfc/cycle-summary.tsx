/**
 * The "Cycle de commentaires" section of an RFC version: its state, deadline, time left, who
 * answered, the comments and the conclusion, then the links to the disposition table, the
 * comparison with the previous version and (for its pilot, while a draft) the draft editor.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CycleBadge } from "~/components/rfc-fields";
import { plural } from "~/modules/rfc/labels";
import { formatDateTime } from "~/utils/format";

export type CycleSummaryVersion = {
  number: number;
  status: string;
  statusLabel: string;
  deadline: string | null;
  timeLeft: string | null;
  closedAt: string | null;
  outcome: string | null;
  conclusion: string | null;
  changeNote: string;
};

function Fact({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`fr-col-12${wide ? "" : " fr-col-md-4"} fr-mb-2w`}>
      <dt className="fr-text--bold">{label}</dt>
      <dd className="fr-pl-0">{children}</dd>
    </div>
  );
}

function ButtonLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <li>
      <Link className="fr-btn fr-btn--secondary" to={to}>
        {children}
      </Link>
    </li>
  );
}

export function CycleSummary({
  rfcNumber,
  version,
  invited,
  answered,
  comments,
  undisposed,
  canEditDraft,
}: {
  rfcNumber: string;
  version: CycleSummaryVersion;
  invited: number;
  answered: number;
  comments: number;
  undisposed: number;
  canEditDraft: boolean;
}) {
  const path = `/rfc/${rfcNumber}`;
  return (
    <section aria-labelledby="cycle-titre" className="fr-mb-4w">
      <h2 id="cycle-titre" className="fr-h4">
        Cycle de commentaires
      </h2>
      <dl className="fr-grid-row">
        <Fact label="État">
          <CycleBadge status={version.status} label={version.statusLabel} />
        </Fact>
        <Fact label="Échéance (heure de Paris)">
          {version.deadline ? (
            <time dateTime={version.deadline}>{formatDateTime(version.deadline)}</time>
          ) : (
            "Fixée à l'ouverture"
          )}
        </Fact>
        <Fact label="Temps restant">
          {version.timeLeft ?? (version.closedAt ? `Clos le ${formatDateTime(version.closedAt)}` : "—")}
        </Fact>
        {invited > 0 ? (
          <Fact label="Organisations ayant répondu">
            {answered} sur {invited} invitées (<a href="#invitees">voir la liste</a>)
          </Fact>
        ) : null}
        <Fact label="Commentaires">
          {plural(comments, "commentaire")}
          {version.status !== "brouillon" && version.status !== "ouvert"
            ? `, dont ${plural(undisposed, "sans réponse", "sans réponse")}`
            : ""}
        </Fact>
        {version.outcome ? (
          <Fact label="Conclusion">
            {version.outcome}
            {version.conclusion ? ` : ${version.conclusion}` : ""}
          </Fact>
        ) : null}
        {version.changeNote ? (
          <Fact label={`Modifications par rapport à la version ${version.number - 1}`} wide>
            {version.changeNote}
          </Fact>
        ) : null}
      </dl>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {version.status !== "brouillon" ? (
          <ButtonLink to={`${path}/v/${version.number}/dispositions`}>Tableau des dispositions</ButtonLink>
        ) : null}
        {version.number > 1 ? (
          <ButtonLink to={`${path}/comparer?de=${version.number - 1}&a=${version.number}`}>
            Comparer avec la version {version.number - 1}
          </ButtonLink>
        ) : null}
        {canEditDraft ? (
          <ButtonLink to={`${path}/v/${version.number}/modifier`}>Modifier le brouillon</ButtonLink>
        ) : null}
      </ul>
    </section>
  );
}

/** Each invited organisation and whether it has answered (a live top-level comment). */
export function InvitedOrganisations({
  invitations,
  open,
}: {
  invitations: { name: string; answered: boolean }[];
  open: boolean;
}) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitees" className="fr-mb-4w">
      <h2 id="invitees" className="fr-h4">
        Organisations invitées
      </h2>
      <ul>
        {invitations.map((i) => (
          <li key={i.name}>
            {i.name} : {i.answered ? "a répondu" : open ? "n'a pas encore répondu" : "n'a pas répondu"}
          </li>
        ))}
      </ul>
    </section>
  );
}
