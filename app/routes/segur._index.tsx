import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Dashboard, Panel } from "~/components/panel";
import { ObjectivesSummary } from "~/components/segur/pilot-objectives";
import { dependsOn } from "~/components/segur/pilot-register";
import { StepLink, StepProgress } from "~/components/segur/pilot-steps";
import { EXPIRY_HORIZON_DAYS } from "~/modules/segur/queries/board-credentials.server";
import { pilotHome } from "~/modules/segur/queries/pilot-home.server";
import { subjectOf } from "~/modules/segur/queries/pilot-steps.server";
import { CREDENTIAL_KIND_VOCABULARY } from "~/modules/segur/vocabulary";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { dayLabel } from "~/utils/format";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Pilotes Ségur — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-segur", { organisationId: user.organisationId });
  const home = await pilotHome(user, parisDate(now()));
  const step = (s: (typeof home.next)[number]) => ({ ...s, subject: subjectOf(s) });
  return {
    firstName: user.firstName,
    organisation: user.organisation.name,
    pilots: home.pilots,
    unopened: home.unopened,
    next: home.next.map(step),
    blocked: home.blocked.map(step),
    expiring: home.expiring,
    several: home.pilots.length > 1,
    horizon: EXPIRY_HORIZON_DAYS,
  };
}

export default function SegurDashboard() {
  const { firstName, organisation, pilots, unopened, next, blocked, expiring, several, horizon } =
    useLoaderData<typeof loader>();
  const pilotName = (code: string) => (several ? ` — ${pilots.find((p) => p.code === code)?.name ?? code}` : "");
  return (
    <Dashboard title="Pilotes Ségur" firstName={firstName} organisation={organisation}>
      <Panel title="Prochaines étapes" id="panneau-prochaines-etapes">
        {unopened.length > 0 ? (
          <ul className="fr-text--sm">
            {unopened.map((p) => (
              <li key={p.code}>
                Les étapes des prérequis de <Link to={`/segur/pilotes/${p.code}`}>{p.name}</Link> ne sont pas encore
                ouvertes : ouvrez-les depuis la page du pilote.
              </li>
            ))}
          </ul>
        ) : null}
        {next.length === 0 ? (
          unopened.length > 0 ? null : (
            <p className="fr-text--sm fr-mb-0">
              Aucune étape ne peut commencer maintenant : les prérequis en cours attendent leur obtention.
            </p>
          )
        ) : (
          <>
            <p className="fr-text--sm">Ces étapes peuvent commencer dès maintenant, en parallèle.</p>
            <ul className="fr-mb-0">
              {next.map((s) => (
                <li key={s.id}>
                  <StepLink pilotCode={s.pilotCode} step={s} /> — {s.subject}
                  {pilotName(s.pilotCode)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>
      <Panel title="Étapes bloquées" id="panneau-etapes-bloquees">
        {blocked.length === 0 ? (
          <p className="fr-text--sm fr-mb-0">Aucune étape n'est bloquée.</p>
        ) : (
          <ul className="fr-mb-0">
            {blocked.map((s) => (
              <li key={s.id}>
                <StepLink pilotCode={s.pilotCode} step={s} /> — {s.subject}
                {pilotName(s.pilotCode)}
                <br />
                <span className="fr-text--sm">
                  <StepProgress step={s} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={`Expirations dans les ${horizon} jours`} id="panneau-expirations">
        {expiring.length === 0 ? (
          <p className="fr-text--sm fr-mb-0">
            Aucun certificat ni aucune carte n'expire dans les {horizon} prochains jours.
          </p>
        ) : (
          <ul className="fr-mb-0">
            {expiring.map((c) => (
              <li key={c.id}>
                {CREDENTIAL_KIND_VOCABULARY.labelOf(c.kind)} de {c.legalEntityName} : expire le{" "}
                <strong>{dayLabel(c.expiresOn)}</strong>
                {dependsOn(c) ? ` — ${dependsOn(c)}` : ""}
                {c.pilotCodes.map((code) => (
                  <span key={code}>
                    {" "}
                    (<Link to={`/segur/pilotes/${code}/certificats`}>certificats et cartes</Link>)
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Objectifs" id="panneau-objectifs">
        {pilots.length === 0 ? (
          <p className="fr-text--sm fr-mb-0">Votre organisation ne participe à aucun pilote Ségur numérique.</p>
        ) : (
          pilots.map((p) => (
            <div key={p.id} className="fr-mb-2w">
              <h3 className="fr-h6 fr-mb-1w">
                <Link to={`/segur/pilotes/${p.code}`}>{p.name}</Link>
              </h3>
              <ObjectivesSummary objectives={p.objectives} />
            </div>
          ))
        )}
      </Panel>
    </Dashboard>
  );
}
