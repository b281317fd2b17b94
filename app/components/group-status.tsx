import { Link } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import {
  WORK_GROUP_STATE_LABELS,
  ACTION_ITEM_STATE_LABELS,
  actionStatusBadge,
  groupStatusBadge,
} from "~/modules/groups/labels";

/** A group's state as a DSFR badge (the label is always written: never colour alone). */
export function GroupStatusBadge({ status }: { status: string }) {
  return <span className={groupStatusBadge(status)}>{WORK_GROUP_STATE_LABELS[status] ?? status}</span>;
}

export function ActionStatusBadge({ status }: { status: string }) {
  return <span className={actionStatusBadge(status)}>{ACTION_ITEM_STATE_LABELS[status] ?? status}</span>;
}

/** The proposed pilot, with "à valider" until the coordinator validates it. */
export function PilotName({ pilot }: { pilot: { name?: string; shortName: string; validated: boolean } | null }) {
  if (!pilot) return <>Aucun pilote proposé</>;
  return (
    <>
      {pilot.name ?? pilot.shortName}{" "}
      {pilot.validated ? null : (
        <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">À valider</span>
      )}
    </>
  );
}

export function LateBadge({ label = "En retard" }: { label?: string }) {
  return <span className="fr-badge fr-badge--sm fr-badge--error">{label}</span>;
}

/** Server-rendered, sanitised rich text (renderRichText's output only). */
export function RichText({ html, empty = "Rien n'est encore rédigé." }: { html: string; empty?: string }) {
  if (!html.trim()) return <p className="fr-text--sm fr-mb-0">{empty}</p>;
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

export type ActionTableRow = {
  id: string;
  title: string;
  organisations: string;
  due: string;
  overdue: boolean;
  late: string | null;
  status: string;
};

/** A group's action items (or a meeting's), by due day, with lateness and state. */
export function ActionTable({
  groupCode,
  rows,
  caption,
  firstColumn = "Action",
}: {
  groupCode: string;
  rows: ActionTableRow[];
  caption: string;
  firstColumn?: string;
}) {
  return (
    <DataTable
      hiddenCaption
      caption={caption}
      columns={[firstColumn, "Acteurs", "Échéance", "État"]}
      rows={rows}
      row={(a) => (
        <tr key={a.id}>
          <th scope="row">
            <Link to={`/groupes/${groupCode}/actions/${a.id}`}>{a.title}</Link>
          </th>
          <td>{a.organisations}</td>
          <td>
            {a.due} {a.overdue ? <LateBadge label={`En retard de ${a.late}`} /> : null}
          </td>
          <td>
            <ActionStatusBadge status={a.status} />
          </td>
        </tr>
      )}
    />
  );
}
