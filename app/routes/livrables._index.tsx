import { DataTable } from "~/components/data-table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExportLinks } from "~/components/export-links";
import { LateBadge } from "~/components/group-status";
import { seesEveryGroup } from "~/modules/groups/policy.server";
import { deadlineSituation, DEADLINE_TYPE_LABELS } from "~/modules/groups/dashboard.server";
import { deliverablesTable } from "~/modules/groups/queries/deliverables.server";
import { dayLabel } from "~/utils/format";
import { forbidden, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Livrables et échéances des groupes de travail — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(await seesEveryGroup(user)))
    throw forbidden("Ce tableau est réservé à la CNSA et aux membres de l'instance de pilotage.");
  const today = parisDate(now());
  const rows = await deliverablesTable();
  return {
    today: dayLabel(today),
    coordinator: can(user, "manage:group"),
    rows: rows.map((r, i) => ({
      key: `${r.group.code}-${r.type}-${i}`,
      group: r.group,
      type: DEADLINE_TYPE_LABELS[r.type],
      title: r.title,
      due: dayLabel(r.dueOn),
      validationDays: r.validationDays,
      validationEnds: r.validationEndsOn ? dayLabel(r.validationEndsOn) : null,
      situation: deadlineSituation(r, today),
    })),
  };
}

export default function Deliverables() {
  const { rows, today, coordinator } = useLoaderData<typeof loader>();
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          {coordinator ? (
            <>
              <li>
                <Link className="fr-breadcrumb__link" to="/cnsa">
                  Coordination CNSA
                </Link>
              </li>
              <li>
                <Link className="fr-breadcrumb__link" to="/cnsa/groupes">
                  Groupes de travail
                </Link>
              </li>
            </>
          ) : null}
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Livrables et échéances
            </a>
          </li>
        </ol>
      </nav>
      <h1>Livrables et échéances des groupes de travail</h1>
      <p className="fr-text--lead">
        Le calendrier des travaux de tous les groupes, tel que l'arrêtent leurs lettres de mission : dates de livraison
        et périodes de validation. Nous sommes le {today}.
      </p>
      <p>
        <Link className="fr-link fr-icon-calendar-line fr-link--icon-left" to="/calendrier">
          Voir ces échéances dans le calendrier, avec les réunions et les actions
        </Link>
      </p>
      <DataTable
        small={false}
        caption={
          <>
            {rows.length} échéance{rows.length > 1 ? "s" : ""}, par date
          </>
        }
        columns={["Date", "Groupe", "Échéance", "Période de validation", "Fin de la validation", "Situation"]}
        rows={rows}
        empty="Aucune échéance n'est encore fixée."
        row={(r) => (
          <tr key={r.key}>
            <td>{r.due}</td>
            <td>
              <Link to={`/groupes/${r.group.code}`}>{r.group.name}</Link>
            </td>
            <th scope="row">{r.type === "Livrable" ? r.title : r.type}</th>
            <td>{r.validationDays === null ? "—" : `${r.validationDays} jours ouvrés`}</td>
            <td>{r.validationEnds ?? "—"}</td>
            <td>{r.situation.late ? <LateBadge /> : r.situation.label}</td>
          </tr>
        )}
      />
      <ExportLinks to="/livrables/export" what="le tableau des livrables et échéances" />
    </>
  );
}
