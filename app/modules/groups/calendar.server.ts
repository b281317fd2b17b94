/**
 * The work groups' dates on the calendar (provider "groupes"): meetings, due days of open
 * action items, deliverables' delivery days and the end of their validation periods, and
 * mission letters' due days until the group is validated. Each person sees the groups they
 * may read (access.server.ts): the coordinator and the steering body's members see them all.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { allDayEntry, rangeDays } from "~/modules/calendar/entry";
import type { CalendarEntry, CalendarProvider, CalendarRange } from "~/modules/calendar/entry";
import { dayLabel } from "~/utils/format";
import { sql } from "kysely";
import { readDb, storedInstant } from "~/utils/read-db.server";
import type { IsoDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { fieldIsNull } from "~/modules/workflow/queries.server";
import { readableGroupIds } from "./policy.server";
import { openActionRows } from "./queries/dashboard.server";
import { ACTION_ITEM_STATE_LABELS } from "./labels";

export const GROUP_CALENDAR_KINDS = {
  "groupe-reunion": { label: "Réunion de groupe de travail", colour: "blue-cumulus" },
  "groupe-action": { label: "Échéance d'action", colour: "brown-caramel" },
  "groupe-livrable": { label: "Livraison d'un livrable", colour: "green-archipel" },
  "groupe-validation": { label: "Fin de validation d'un livrable", colour: "pink-macaron" },
  "groupe-lettre": { label: "Échéance de lettre de mission", colour: "yellow-tournesol" },
} as const;

export const groupCalendarProvider: CalendarProvider = {
  id: "groupes",
  label: "Groupes de travail",
  kinds: { ...GROUP_CALENDAR_KINDS },
  async entriesFor(user: SessionUser, range: CalendarRange) {
    if (!(range.from < range.to)) return [];
    const groupIds = await readableGroupIds(user);
    if (groupIds.length === 0) return [];
    const { firstDay, lastDay, inRange } = rangeDays(range);
    const entries: CalendarEntry[] = [];

    const db = readDb();
    const [meetings, actions, letters, deliverables] = await Promise.all([
      db
        .selectFrom("Meeting as m")
        .innerJoin("WorkGroup as g", "g.id", "m.groupId")
        .select(["m.id", "m.startsAt", "m.endsAt", "m.place", "g.code", "g.name"])
        .where("m.groupId", "in", groupIds)
        .where("m.startsAt", "<", storedInstant(range.to))
        .where("m.endsAt", ">", storedInstant(range.from))
        .execute(),
      openActionRows()
        .where("a.groupId", "in", groupIds)
        .where("a.dueOn", ">=", firstDay)
        .where("a.dueOn", "<=", lastDay)
        .execute(),
      // letterLate() without the day: due in the range, the group not validated.
      db
        .selectFrom("WorkGroup as g")
        .select(["g.id", "g.code", "g.name", "g.letterDueOn"])
        .where("g.id", "in", groupIds)
        .where("g.letterDueOn", ">=", firstDay)
        .where("g.letterDueOn", "<=", lastDay)
        .where(fieldIsNull("g.workflowId", "validatedAt"))
        .execute(),
      // Delivered in the range, or delivered before it with a validation period that may end in it:
      // n working days never span more than 2n + 14 calendar days (weekends and holidays).
      db
        .selectFrom("Deliverable as d")
        .innerJoin("WorkGroup as g", "g.id", "d.groupId")
        .select(["d.id", "d.title", "d.dueOn", "d.validationDays", "g.code", "g.name"])
        .where("d.groupId", "in", groupIds)
        .where("d.dueOn", "<=", lastDay)
        .where(sql<boolean>`date(d.dueOn, '+' || (2 * d.validationDays + 14) || ' days') >= ${firstDay}`)
        .execute(),
    ]);

    for (const m of meetings) entries.push(meetingEntry(m, m));
    for (const a of actions) entries.push(actionEntry(a, JSON.parse(a.actors) as string[], a));
    for (const g of letters) entries.push(letterEntry(g.id, g.letterDueOn!, g));
    for (const d of deliverables) entries.push(...deliverableEntries(d, d, inRange));
    return entries;
  },
};

type GroupRef = { code: string; name: string };

// The entries of each kind, written once: the provider and the test's Prisma oracle build them alike.

export function meetingEntry(
  m: { id: string; startsAt: Date | string; endsAt: Date | string; place: string },
  group: GroupRef,
): CalendarEntry {
  return {
    id: `groupe-reunion-${m.id}`,
    title: `Réunion · ${group.name}`,
    start: new Date(m.startsAt),
    end: new Date(m.endsAt),
    allDay: false,
    kind: "groupe-reunion",
    url: `/groupes/${group.code}/reunions/${m.id}`,
    description: `Lieu : ${m.place}.`,
  };
}

/** ActionItem.dueOn is the engine's copy of the machine's due day (decision 017). */
export function actionEntry(
  a: { id: string; title: string; dueOn: IsoDate; status: string },
  actors: string[],
  group: GroupRef,
): CalendarEntry {
  return allDayEntry(`groupe-action-${a.id}-${a.dueOn}`, a.dueOn, {
    title: `Action · ${a.title}`,
    kind: "groupe-action",
    url: `/groupes/${group.code}/actions/${a.id}`,
    description: `${group.name}. Responsables : ${actors.join(", ")}. État : ${ACTION_ITEM_STATE_LABELS[a.status] ?? a.status}.`,
  });
}

export function letterEntry(groupId: string, letterDueOn: IsoDate, group: GroupRef): CalendarEntry {
  return allDayEntry(`groupe-lettre-${groupId}-${letterDueOn}`, letterDueOn, {
    title: `Lettre de mission attendue · ${group.name}`,
    kind: "groupe-lettre",
    url: `/groupes/${group.code}`,
    description: "Périmètre, rôle de chaque organisation, livrables avec dates de livraison et périodes de validation.",
  });
}

/** A deliverable's day and the end of its validation period, each when it falls in the range. */
export function deliverableEntries(
  d: { id: string; title: string; dueOn: IsoDate; validationDays: number },
  group: GroupRef,
  inRange: (day: IsoDate) => boolean,
): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  if (inRange(d.dueOn)) {
    entries.push(
      allDayEntry(`groupe-livrable-${d.id}`, d.dueOn, {
        title: `Livrable · ${d.title}`,
        kind: "groupe-livrable",
        url: `/groupes/${group.code}`,
        description: `${group.name}. Période de validation : ${d.validationDays} jours ouvrés.`,
      }),
    );
  }
  const end = addWorkingDays(d.dueOn, d.validationDays);
  if (d.validationDays > 0 && inRange(end)) {
    entries.push(
      allDayEntry(`groupe-validation-${d.id}`, end, {
        title: `Fin de validation · ${d.title}`,
        kind: "groupe-validation",
        url: `/groupes/${group.code}`,
        description: `${group.name}. Livré le ${dayLabel(d.dueOn)}, ${d.validationDays} jours ouvrés de validation.`,
      }),
    );
  }
  return entries;
}
