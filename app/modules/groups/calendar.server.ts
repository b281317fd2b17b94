/**
 * The work groups' dates on the calendar (provider "groupes"): meetings, due days of open
 * action items, deliverables' delivery days and the end of their validation periods, and
 * mission letters' due days until the group is validated. Each person sees the groups they
 * may read (access.server.ts): the coordinator and the steering body's members see them all.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { allDayEntry, type CalendarEntry, type CalendarProvider, type CalendarRange } from "~/modules/calendar/entry";
import { dayLabel } from "~/utils/format";
import { sql } from "kysely";
import { readDb, storedInstant } from "~/utils/read-db.server";
import { addCalendarDays, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { readableGroupIds } from "./policy.server";
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
    const firstDay = parisDate(range.from);
    const lastDay = parisDate(new Date(range.to.getTime() - 1));
    const inRange = (day: IsoDate) => day >= firstDay && day <= lastDay;
    const entries: CalendarEntry[] = [];

    const db = readDb();
    const inGroups = groupIds.length > 0 ? groupIds : [""];
    const [meetings, actions, letters, deliverables] = await Promise.all([
      db
        .selectFrom("Meeting as m")
        .innerJoin("WorkGroup as g", "g.id", "m.groupId")
        .select(["m.id", "m.startsAt", "m.endsAt", "m.place", "g.code", "g.name"])
        .where("m.groupId", "in", inGroups)
        .where("m.startsAt", "<", storedInstant(range.to))
        .where("m.endsAt", ">", storedInstant(range.from))
        .execute(),
      db
        .selectFrom("ActionItem as a")
        .innerJoin("WorkGroup as g", "g.id", "a.groupId")
        .innerJoin("WorkflowInstance as w", "w.id", "a.workflowId")
        .select([
          "a.id",
          "a.title",
          "a.dueOn",
          "w.status",
          "g.code",
          "g.name",
          sql<string>`(SELECT json_group_array(o.shortName) FROM ActionItemOrganisation ao
                       JOIN Organisation o ON o.id = ao.organisationId WHERE ao.actionItemId = a.id)`.as("actors"),
        ])
        .where("a.groupId", "in", inGroups)
        .where("a.dueOn", ">=", firstDay)
        .where("a.dueOn", "<=", lastDay)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("WorkflowTag as t")
              .select("t.workflowId")
              .whereRef("t.workflowId", "=", "a.workflowId")
              .where("t.tag", "=", "ouverte"),
          ),
        )
        .execute(),
      // letterLate() without the day: due in the range, the group not validated.
      db
        .selectFrom("WorkGroup as g")
        .select(["g.id", "g.code", "g.name", "g.letterDueOn"])
        .where("g.id", "in", inGroups)
        .where("g.letterDueOn", ">=", firstDay)
        .where("g.letterDueOn", "<=", lastDay)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("WorkflowField as f")
              .select("f.workflowId")
              .whereRef("f.workflowId", "=", "g.workflowId")
              .where("f.name", "=", "validatedAt")
              .where("f.value", "is", null),
          ),
        )
        .execute(),
      // Delivered in the range, or delivered before it with a validation period that may end in it:
      // n working days never span more than 2n + 14 calendar days (weekends and holidays).
      db
        .selectFrom("Deliverable as d")
        .innerJoin("WorkGroup as g", "g.id", "d.groupId")
        .select(["d.id", "d.title", "d.dueOn", "d.validationDays", "g.code", "g.name"])
        .where("d.groupId", "in", inGroups)
        .where("d.dueOn", "<=", lastDay)
        .where(sql<boolean>`date(d.dueOn, '+' || (2 * d.validationDays + 14) || ' days') >= ${firstDay}`)
        .execute(),
    ]);

    for (const m of meetings) {
      entries.push({
        id: `groupe-reunion-${m.id}`,
        title: `Réunion · ${m.name}`,
        start: new Date(m.startsAt),
        end: new Date(m.endsAt),
        allDay: false,
        kind: "groupe-reunion",
        url: `/groupes/${m.code}/reunions/${m.id}`,
        description: `Lieu : ${m.place}.`,
      });
    }

    for (const a of actions) {
      // ActionItem.dueOn is the engine's copy of the machine's due day (decision 017).
      const { dueOn } = a;
      entries.push(
        allDayEntry(`groupe-action-${a.id}-${dueOn}`, dueOn, {
          title: `Action · ${a.title}`,
          kind: "groupe-action",
          url: `/groupes/${a.code}/actions/${a.id}`,
          description: `${a.name}. Responsables : ${(JSON.parse(a.actors) as string[]).join(", ")}. État : ${ACTION_ITEM_STATE_LABELS[a.status] ?? a.status}.`,
        }),
      );
    }

    for (const g of letters) {
      entries.push(
        allDayEntry(`groupe-lettre-${g.id}-${g.letterDueOn}`, g.letterDueOn!, {
          title: `Lettre de mission attendue · ${g.name}`,
          kind: "groupe-lettre",
          url: `/groupes/${g.code}`,
          description:
            "Périmètre, rôle de chaque organisation, livrables avec dates de livraison et périodes de validation.",
        }),
      );
    }

    for (const d of deliverables) {
      if (inRange(d.dueOn)) {
        entries.push(
          allDayEntry(`groupe-livrable-${d.id}`, d.dueOn, {
            title: `Livrable · ${d.title}`,
            kind: "groupe-livrable",
            url: `/groupes/${d.code}`,
            description: `${d.name}. Période de validation : ${d.validationDays} jours ouvrés.`,
          }),
        );
      }
      const end = addWorkingDays(d.dueOn, d.validationDays);
      if (d.validationDays > 0 && inRange(end)) {
        entries.push(
          allDayEntry(`groupe-validation-${d.id}`, end, {
            title: `Fin de validation · ${d.title}`,
            kind: "groupe-validation",
            url: `/groupes/${d.code}`,
            description: `${d.name}. Livré le ${dayLabel(d.dueOn)}, ${d.validationDays} jours ouvrés de validation.`,
          }),
        );
      }
    }
    return entries;
  },
};
