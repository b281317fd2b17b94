/**
 * An action item as the group's and the meeting's tables show it: its actors, its due day and, past
 * that day while still open, how late it is.
 */
import { actionContext } from "./actions.server";
import { dayCount, daysBetween } from "./labels";
import { dayLabel } from "~/utils/format";
import { isOverdue } from "../../../workflows/action-item";

type ActionRecord = {
  id: string;
  title: string;
  workflow: Parameters<typeof actionContext>[0] & { status: string };
  organisations: { organisation: { shortName: string } }[];
};

/** What a row shows of an action: `dueOn` is the machine's due day (ActionItem.dueOn is the engine's copy), `actors` its organisations' short names. */
export type ActionFacts = { id: string; title: string; dueOn: string; status: string; actors: string };

export function actionTableRow(item: ActionFacts, today: string) {
  const overdue = isOverdue(item, item.status, today);
  return {
    id: item.id,
    title: item.title,
    organisations: item.actors,
    due: dayLabel(item.dueOn),
    status: item.status,
    overdue,
    late: overdue ? dayCount(daysBetween(item.dueOn, today)) : null,
  };
}

/** The row of an action item loaded with its workflow (the meeting's page). */
export function actionRow(item: ActionRecord, today: string) {
  return actionTableRow(
    {
      id: item.id,
      title: item.title,
      dueOn: actionContext(item.workflow).dueOn,
      status: item.workflow.status,
      actors: item.organisations.map((o) => o.organisation.shortName).join(", "),
    },
    today,
  );
}
