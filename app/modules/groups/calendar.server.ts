/**
 * The work groups' dates on the calendar (provider "groupes"): meetings, due days of open
 * action items, deliverables' delivery days and the end of their validation periods, and
 * mission letters' due days until the group is validated. Each person sees the groups they
 * may read (access.server.ts): the coordinator and the steering body's members see them all.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { allDayEntry, type CalendarEntry, type CalendarProvider, type CalendarRange } from "~/modules/calendar/entry";
import { dayLabel } from "~/utils/format";
import { prisma } from "~/utils/db.server";
import { addCalendarDays, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { projected, projection, tagged } from "~/modules/workflow/queries.server";
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

    const meetings = await prisma.meeting.findMany({
      where: { groupId: { in: groupIds }, startsAt: { lt: range.to }, endsAt: { gt: range.from } },
      include: { group: { select: { code: true, name: true } } },
    });
    for (const m of meetings) {
      entries.push({
        id: `groupe-reunion-${m.id}`,
        title: `Réunion · ${m.group.name}`,
        start: m.startsAt,
        end: m.endsAt,
        allDay: false,
        kind: "groupe-reunion",
        url: `/groupes/${m.group.code}/reunions/${m.id}`,
        description: `Lieu : ${m.place}.`,
      });
    }

    const actions = await prisma.actionItem.findMany({
      where: {
        groupId: { in: groupIds },
        dueOn: { gte: firstDay, lte: lastDay },
        workflow: tagged("ouverte"),
      },
      include: {
        group: { select: { code: true, name: true } },
        workflow: { select: { status: true } },
        organisations: { include: { organisation: { select: { shortName: true } } } },
      },
    });
    for (const a of actions) {
      // ActionItem.dueOn is the engine's copy of the machine's due day (decision 017).
      const { dueOn } = a;
      entries.push(
        allDayEntry(`groupe-action-${a.id}-${dueOn}`, dueOn, {
          title: `Action · ${a.title}`,
          kind: "groupe-action",
          url: `/groupes/${a.group.code}/actions/${a.id}`,
          description: `${a.group.name}. Responsables : ${a.organisations.map((o) => o.organisation.shortName).join(", ")}. État : ${ACTION_ITEM_STATE_LABELS[a.workflow.status] ?? a.workflow.status}.`,
        }),
      );
    }

    const groups = await prisma.workGroup.findMany({
      where: { id: { in: groupIds } },
      include: { deliverables: true, workflow: { select: projection } },
    });
    for (const g of groups) {
      if (g.letterDueOn && inRange(g.letterDueOn) && projected(g.workflow).fields.validatedAt === null) {
        entries.push(
          allDayEntry(`groupe-lettre-${g.id}-${g.letterDueOn}`, g.letterDueOn, {
            title: `Lettre de mission attendue · ${g.name}`,
            kind: "groupe-lettre",
            url: `/groupes/${g.code}`,
            description:
              "Périmètre, rôle de chaque organisation, livrables avec dates de livraison et périodes de validation.",
          }),
        );
      }
      for (const d of g.deliverables) {
        if (inRange(d.dueOn)) {
          entries.push(
            allDayEntry(`groupe-livrable-${d.id}`, d.dueOn, {
              title: `Livrable · ${d.title}`,
              kind: "groupe-livrable",
              url: `/groupes/${g.code}`,
              description: `${g.name}. Période de validation : ${d.validationDays} jours ouvrés.`,
            }),
          );
        }
        const end = addWorkingDays(d.dueOn, d.validationDays);
        if (d.validationDays > 0 && inRange(end)) {
          entries.push(
            allDayEntry(`groupe-validation-${d.id}`, end, {
              title: `Fin de validation · ${d.title}`,
              kind: "groupe-validation",
              url: `/groupes/${g.code}`,
              description: `${g.name}. Livré le ${dayLabel(d.dueOn)}, ${d.validationDays} jours ouvrés de validation.`,
            }),
          );
        }
      }
    }
    return entries;
  },
};
