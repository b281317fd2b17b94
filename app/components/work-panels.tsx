/**
 * Dashboard lists for work groups and RFC cycles, shared by the member, pilot, director and
 * coordinator home pages. Each takes the rows its dashboard service returns.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DataTable } from "~/components/data-table";
import { Panel } from "~/components/panel";
import type { AwaitingItem } from "~/modules/rfc/dashboard.server";
import { formatDate, formatDateTime } from "~/utils/format";

/** The dashboards' list: a sentence when it is empty, else one spaced row per item. */
function RowList<T>({
  items,
  empty,
  keyOf,
  spacing = "fr-mb-2w",
  children,
}: {
  items: T[];
  empty: string;
  keyOf: (item: T) => string;
  spacing?: "fr-mb-1w" | "fr-mb-2w";
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p className="fr-text--sm fr-mb-0">{empty}</p>;
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={keyOf(item)} className={spacing}>
          {children(item)}
        </li>
      ))}
    </ul>
  );
}

type CycleRef = { number: string; version: number; title: string; href: string };

const cycleKey = (item: CycleRef) => `${item.number}-${item.version}`;

function CycleLink({ item }: { item: CycleRef }) {
  return (
    <Link to={item.href}>
      {item.number} (version {item.version}) — {item.title}
    </Link>
  );
}

function LateBadge({ days }: { days: number }) {
  return (
    <span className="fr-badge fr-badge--sm fr-badge--error">
      En retard de {days} jour{days > 1 ? "s" : ""}
    </span>
  );
}

export function AwaitingAnswerList({ items }: { items: AwaitingItem[] }) {
  return (
    <RowList
      items={items}
      empty="Aucun appel à commentaires n'attend la réponse de votre organisation."
      keyOf={cycleKey}
    >
      {(item) => (
        <>
          <CycleLink item={item} />
          <br />
          <span className="fr-text--sm">
            {item.group} · réponse attendue avant le {formatDateTime(item.deadline)} · <strong>{item.timeLeft}</strong>
          </span>
        </>
      )}
    </RowList>
  );
}

type Action = {
  id: string;
  title: string;
  url: string;
  group: { name: string };
  organisations: string[];
  dueOn: string;
  overdue: boolean;
  daysLate: number;
};

export function ActionList({ items, empty }: { items: Action[]; empty: string }) {
  return (
    <RowList items={items} empty={empty} keyOf={(item) => item.id}>
      {(item) => (
        <>
          <Link to={item.url}>{item.title}</Link> {item.overdue ? <LateBadge days={item.daysLate} /> : null}
          <br />
          <span className="fr-text--sm">
            {item.group.name} · {item.organisations.join(", ")} · échéance le {formatDate(`${item.dueOn}T12:00:00Z`)}
          </span>
        </>
      )}
    </RowList>
  );
}

type Cycle = {
  number: string;
  title: string;
  group: string;
  version: number;
  statusLabel: string;
  status: string;
  timeLeft: string | null;
  comments: number;
  undisposed: number;
  href: string;
};

export function PilotCycleList({ items }: { items: Cycle[] }) {
  return (
    <RowList items={items} empty="Aucun cycle d'appel à commentaires en cours dans vos groupes." keyOf={cycleKey}>
      {(item) => (
        <>
          <CycleLink item={item} />
          <br />
          <span className="fr-text--sm">
            {item.group} · {item.statusLabel}
            {item.timeLeft ? ` · ${item.timeLeft}` : ""} · {item.comments} commentaire{item.comments > 1 ? "s" : ""}
          </span>{" "}
          {item.status === "clos" && item.undisposed > 0 ? (
            <span className="fr-badge fr-badge--sm fr-badge--warning">{item.undisposed} sans réponse</span>
          ) : null}
        </>
      )}
    </RowList>
  );
}

/** The RFC calls the person's organisation has yet to answer, as a dashboard panel with the way to all of them. */
export function AwaitingAnswerPanel({ items }: { items: AwaitingItem[] }) {
  return (
    <Panel title="Appels à commentaires à traiter">
      <AwaitingAnswerList items={items} />
      <Link className="fr-link fr-text--sm" to="/rfc">
        Tous les appels à commentaires
      </Link>
    </Panel>
  );
}

type Rate = { organisationId: string; organisation: string; invited: number; answered: number; rate: number };

export function ResponseRateTable({ rows }: { rows: Rate[] }) {
  if (rows.length === 0) return <p className="fr-text--sm fr-mb-0">Aucun cycle d'appel à commentaires n'est ouvert.</p>;
  return (
    <DataTable
      caption="Taux de réponse par organisation invitée, cycles ouverts"
      hiddenCaption
      className="fr-mb-0"
      columns={["Organisation", "Réponses", "Taux"]}
      rows={rows}
      row={(row) => (
        <tr key={row.organisationId}>
          <th scope="row">{row.organisation}</th>
          <td>
            {row.answered} sur {row.invited}
          </td>
          <td>{Math.round(row.rate * 100)} %</td>
        </tr>
      )}
    />
  );
}

type LateLetter = { code: string; name: string; letterDueOn: string; daysLate: number; pilot: string | null };

export function LateLetterList({ items }: { items: LateLetter[] }) {
  return (
    <RowList items={items} empty="Aucune lettre de mission en retard." keyOf={(item) => item.code} spacing="fr-mb-1w">
      {(item) => (
        <>
          <Link to={`/groupes/${item.code}`}>{item.name}</Link> <LateBadge days={item.daysLate} />
          <br />
          <span className="fr-text--sm">
            Attendue le {formatDate(`${item.letterDueOn}T12:00:00Z`)}
            {item.pilot ? ` · pilote : ${item.pilot}` : ""}
          </span>
        </>
      )}
    </RowList>
  );
}

type ToRecord = { number: string; title: string; adoptedAt: string | null; href: string };

export function PositionsToRecordList({ items }: { items: ToRecord[] }) {
  return (
    <RowList
      items={items}
      empty="Votre MDPH a pris position sur toutes les propositions adoptées."
      keyOf={(item) => item.number}
      spacing="fr-mb-1w"
    >
      {(item) => (
        <>
          <Link to={item.href}>
            {item.number} — {item.title}
          </Link>
          {item.adoptedAt ? <span className="fr-text--sm"> · adoptée le {formatDate(item.adoptedAt)}</span> : null}
        </>
      )}
    </RowList>
  );
}
