/**
 * Every group's mission-letter due day and deliverables, by date (the steering body's table and
 * its exports), on the read connection (decision 021): the letter rows' "validated" from the
 * engine's projection (validatedAt), never from a snapshot.
 */
import { compiledOnce } from "~/utils/read-db.server";
import { addWorkingDays } from "~/utils/working-days.server";
import { fieldIsNull } from "~/modules/workflow/queries.server";
import type { DeadlineRow } from "../dashboard.server";
import type { GroupKind } from "../labels";

const inFrench = new Intl.Collator("fr").compare;

const letterRows = compiledOnce((db) =>
  db
    .selectFrom("WorkGroup as g")
    .innerJoin("WorkflowInstance as w", "w.id", "g.workflowId")
    .select(["g.code", "g.name", "g.kind", "g.letterDueOn", "w.status"])
    // A group without the projected field counts as validated, as projected() read it.
    .select((eb) => eb.not(fieldIsNull("g.workflowId", "validatedAt")).as("done"))
    .where("g.letterDueOn", "is not", null),
);

const deliverableRows = compiledOnce((db) =>
  db
    .selectFrom("Deliverable as d")
    .innerJoin("WorkGroup as g", "g.id", "d.groupId")
    .innerJoin("WorkflowInstance as w", "w.id", "g.workflowId")
    .select(["d.title", "d.dueOn", "d.validationDays", "g.code", "g.name", "g.kind", "w.status"]),
);

/** Every group's deliverables and mission-letter due days, by date, then group and title. */
export async function deliverablesTable(): Promise<DeadlineRow[]> {
  const [letters, deliverables] = await Promise.all([letterRows({}), deliverableRows({})]);
  const group = (g: { code: string; name: string; kind: string }) => ({
    code: g.code,
    name: g.name,
    kind: g.kind as GroupKind,
  });
  const rows: DeadlineRow[] = [
    ...letters.map((g) => ({
      group: group(g),
      type: "LETTRE" as const,
      title: "Lettre de mission",
      dueOn: g.letterDueOn!,
      validationDays: null,
      validationEndsOn: null,
      done: Boolean(g.done),
      status: g.status,
    })),
    ...deliverables.map((d) => ({
      group: group(d),
      type: "LIVRABLE" as const,
      title: d.title,
      dueOn: d.dueOn,
      validationDays: d.validationDays,
      validationEndsOn: addWorkingDays(d.dueOn, d.validationDays),
      done: false,
      status: d.status,
    })),
  ];
  return rows.sort(
    (a, b) => a.dueOn.localeCompare(b.dueOn) || inFrench(a.group.name, b.group.name) || inFrench(a.title, b.title),
  );
}
