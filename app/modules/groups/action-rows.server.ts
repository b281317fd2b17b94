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

export function actionRow(item: ActionRecord, today: string) {
  const context = actionContext(item.workflow);
  const overdue = isOverdue(context, item.workflow.status, today);
  return {
    id: item.id,
    title: item.title,
    organisations: item.organisations.map((o) => o.organisation.shortName).join(", "),
    due: dayLabel(context.dueOn),
    status: item.workflow.status,
    overdue,
    late: overdue ? dayCount(daysBetween(context.dueOn, today)) : null,
  };
}
