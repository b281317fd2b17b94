import { DataTable } from "~/components/data-table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExportLinks } from "~/components/export-links";
import { Notice } from "~/components/fields";
import { RepriseStatus } from "~/components/reprise-status";
import { avenantLate, deadlineFactsOf, nextDeadline, nextDispatchDays } from "~/modules/reprise/calendar.server";
import { dayLabel } from "~/utils/format";
import { listRequests, listSignatures } from "~/modules/reprise/requests.server";
import { SERVICE_LABELS } from "~/modules/reprise/rules";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/format";
import { parisDate, parisInstant } from "~/utils/working-days";
import type { Application } from "../../workflows/reprise";

export const meta: MetaFunction = () => [{ title: "Reprise des données ITAC et OPALES — Passerelles" }];

const APPLICATIONS: Application[] = ["ITAC", "OPALES"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const today = parisDate(now());
  // This page is the MDPH's own: a person who also coordinates sees only their MDPH here.
  const [rows, signatures, dispatch] = await Promise.all([
    listRequests(user).then(orRefusal),
    listSignatures(user).then(orRefusal),
    nextDispatchDays(),
  ]);
  const own = rows.filter((r) => r.organisationId === user.organisationId);
  const requests = own.map((r) => ({
    id: r.id,
    reference: r.reference,
    application: r.application,
    requestDate: r.requestDate,
    desiredDate: r.desiredDate,
    status: r.workflow.status,
    open: r.tags.includes("ouverte"),
    next: nextDeadline(deadlineFactsOf(r), today, dispatch),
  }));
  const url = new URL(request.url);
  const saved = url.searchParams.get("avenant");
  const savedSignature = signatures.find((s) => s.organisationId === user.organisationId && s.application === saved);
  return {
    organisation: user.organisation.name,
    requests,
    avenants: APPLICATIONS.map((application) => {
      const s = signatures.find((x) => x.organisationId === user.organisationId && x.application === application);
      const openRequest = requests.find((r) => r.application === application && r.open);
      return {
        application,
        service: SERVICE_LABELS[application],
        signature: s
          ? {
              signedOn: s.signedOn,
              signatory: `${s.signatoryName}, ${s.signatoryFunction}`,
              requestDeadline: s.requestDeadline,
              late: avenantLate(s, today),
              requested: s.requests.length > 0,
              toolDeliveredOn: s.consultationToolDeliveredOn,
            }
          : null,
        openRequest: openRequest ? { id: openRequest.id, reference: openRequest.reference } : null,
      };
    }),
    notice: savedSignature
      ? `La signature de l'avenant ${savedSignature.application} est enregistrée. Votre MDPH doit demander sa date d'extraction au plus tard le ${dayLabel(savedSignature.requestDeadline)}.`
      : null,
  };
}

const day = (iso: string | null | undefined) => (iso ? formatDate(parisInstant(iso, "12:00")) : "—");

export default function MdphReprises() {
  const { organisation, requests, avenants, notice } = useLoaderData<typeof loader>();
  const canRequest = avenants.some((a) => a.signature && !a.openRequest);
  const unsigned = avenants.some((a) => !a.signature);
  return (
    <>
      <h1>Reprise des données ITAC et OPALES</h1>
      <p className="fr-text--lead">{organisation}</p>
      <Notice message={notice} />
      <div className="fr-callout fr-mb-4w">
        <p className="fr-callout__text fr-text--md">
          L'avenant au protocole d'assistance se signe pour une application ou les deux, éventuellement à des dates
          différentes, par la personne désignée par la commission exécutive de la MDPH. Il engage la MDPH à demander sa
          date d'extraction dans le mois qui suit celui de la signature.
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w fr-mb-0">
          {unsigned ? (
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/mdph/reprises/avenant">
                Enregistrer la signature d'un avenant
              </Link>
            </li>
          ) : null}
          {canRequest ? (
            <li>
              <Link className="fr-btn" to="/mdph/reprises/nouvelle">
                Faire une demande de reprise
              </Link>
            </li>
          ) : null}
        </ul>
      </div>

      <section aria-labelledby="avenants-titre">
        <h2 id="avenants-titre">Avenants au protocole d'assistance</h2>
        <DataTable
          small={false}
          hiddenCaption
          caption="Signature de l'avenant et échéance de la demande, par application"
          columns={["Application", "Avenant", "Demande à faire avant le", "Demande", "Outil de consultation"]}
          rows={avenants}
          row={(a) => (
            <tr key={a.application}>
              <th scope="row">{a.application}</th>
              <td>
                {a.signature ? (
                  <>
                    Signé le {day(a.signature.signedOn)}
                    <br />
                    <span className="fr-text--sm">{a.signature.signatory}</span>
                  </>
                ) : (
                  <>
                    <span className="fr-badge fr-badge--sm">Non signé</span>{" "}
                    <Link to={`/mdph/reprises/avenant?application=${a.application}`}>
                      Enregistrer la signature<span className="fr-sr-only"> de l'avenant {a.application}</span>
                    </Link>
                  </>
                )}
              </td>
              <td>
                {a.signature ? (
                  <>
                    {day(a.signature.requestDeadline)}{" "}
                    {a.signature.late ? (
                      <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span>
                    ) : a.signature.requested ? (
                      <span className="fr-badge fr-badge--sm fr-badge--success">Demande faite</span>
                    ) : null}
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {a.openRequest ? (
                  <Link to={`/reprises/${a.openRequest.id}`}>{a.openRequest.reference}</Link>
                ) : a.signature ? (
                  <Link to={`/mdph/reprises/nouvelle?application=${a.application}`}>
                    Faire la demande<span className="fr-sr-only"> de reprise {a.application}</span>
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {a.signature
                  ? a.signature.toolDeliveredOn
                    ? `Livré le ${day(a.signature.toolDeliveredOn)}`
                    : "Pas encore livré"
                  : "—"}
              </td>
            </tr>
          )}
        />
      </section>

      <section aria-labelledby="demandes-titre" className="fr-mt-4w">
        <h2 id="demandes-titre">Demandes de reprise</h2>
        {requests.length === 0 ? (
          <p>Votre MDPH n'a encore fait aucune demande de reprise.</p>
        ) : (
          <DataTable
            small={false}
            hiddenCaption
            caption="Demandes de reprise de la MDPH, avec leur état et leur prochaine échéance"
            columns={["Référence", "Application", "Demandée le", "Date souhaitée", "État", "Prochaine échéance"]}
            rows={requests}
            row={(r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/reprises/${r.id}`}>{r.reference}</Link>
                </th>
                <td>{r.application}</td>
                <td>{day(r.requestDate)}</td>
                <td>{day(r.desiredDate)}</td>
                <td>
                  <RepriseStatus status={r.status} />
                </td>
                <td>
                  {r.next.label}
                  {r.next.date ? ` : ${day(r.next.date)}` : ""}{" "}
                  {r.next.late ? <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span> : null}
                </td>
              </tr>
            )}
          />
        )}
        {requests.length > 0 ? <ExportLinks to="/mdph/reprises/export" what="la liste des demandes" /> : null}
      </section>
    </>
  );
}
