import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DataTable } from "~/components/data-table";
import { ExportLinks } from "~/components/export-links";
import { RFC_CRUMB } from "~/components/rfc-fields";
import { PositionMap } from "~/components/rfc-position-map";
import { POSITION_LABELS } from "~/modules/rfc/labels";
import { nationalPositions } from "~/modules/rfc/positions.server";
import rfcStyles from "~/modules/rfc/rfc.css?url";
import { requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { formatDate, formatDateTime } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rfcStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Positions des MDPH — ${data.rfc.number} — Passerelles` : "Positions des MDPH — Passerelles" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRefusal(await nationalPositions(user, params.number ?? ""));
}

export default function NationalPositions() {
  const { rfc, rows, counts } = useLoaderData<typeof loader>();
  const answered = rows.length - counts.AUCUNE;
  return (
    <>
      <Breadcrumb items={[RFC_CRUMB, { label: rfc.number, to: `/rfc/${rfc.number}` }]} current="Positions des MDPH" />
      <h1>Positions des MDPH sur {rfc.number}</h1>
      <p>
        {rfc.title}
        {rfc.status === "ADOPTEE" && rfc.adoptedAt
          ? `, adoptée comme proposition le ${formatDate(rfc.adoptedAt)}`
          : " (pas adoptée : aucune position attendue)"}
        . Chaque MDPH reste maîtresse de son système d'information : {answered} sur {rows.length} ont indiqué leur
        position.
      </p>
      <ul className="fr-mb-3w">
        <li>
          {POSITION_LABELS.ADOPTE} : <strong>{counts.ADOPTE}</strong>
        </li>
        <li>
          {POSITION_LABELS.ADOPTERA} : <strong>{counts.ADOPTERA}</strong>
        </li>
        <li>
          {POSITION_LABELS.N_ADOPTE_PAS} : <strong>{counts.N_ADOPTE_PAS}</strong>
        </li>
        <li>
          pas encore de position : <strong>{counts.AUCUNE}</strong>
        </li>
      </ul>
      <section aria-labelledby="carte-titre" className="fr-mb-4w">
        <h2 id="carte-titre" className="fr-h4">
          Vue d'ensemble des départements
        </h2>
        <PositionMap tiles={rows} counts={counts} />
      </section>
      <section aria-labelledby="tableau-titre">
        <h2 id="tableau-titre" className="fr-h4">
          Détail par département
        </h2>
        <DataTable
          caption="Position de chaque MDPH, par numéro de département"
          columns={["Département", "MDPH", "Position", "Commentaire", "Indiquée le"]}
          rows={rows}
          row={(r) => (
            <tr key={r.departementCode}>
              <th scope="row">
                {r.departementCode} — {r.departementName}
              </th>
              <td>{r.mdph}</td>
              <td>{r.position ? r.positionLabel : <em>{r.positionLabel}</em>}</td>
              <td>{r.comment || "—"}</td>
              <td>
                {r.recordedAt ? `${formatDateTime(r.recordedAt)}${r.recordedBy ? ` par ${r.recordedBy}` : ""}` : "—"}
              </td>
            </tr>
          )}
        />
        <ExportLinks to={`/rfc/${rfc.number}/positions/export`} what="les positions des MDPH" />
      </section>
    </>
  );
}
