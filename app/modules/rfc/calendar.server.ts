/**
 * RFC cycle deadlines on the calendar (provider "rfc"): the deadline instant of every cycle
 * the person may read, opened or already closed.
 */
import type { CalendarEntry, CalendarProvider } from "~/modules/calendar/entry";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { readableRfcWhere } from "./policy.server";
import { versionPath } from "./workflow.server";

export const RFC_CALENDAR_KINDS = {
  "rfc-echeance": { label: "Échéance d'appel à commentaires", colour: "pink-tuile" },
} as const;

export const rfcCalendarProvider: CalendarProvider = {
  id: "rfc",
  label: "Appels à commentaires (RFC)",
  kinds: RFC_CALENDAR_KINDS,
  async entriesFor(user, { from, to }) {
    if (!(from < to) || !can(user, "read:rfc")) return [];
    const versions = await prisma.rfcVersion.findMany({
      where: {
        deadline: { gte: new Date(from.getTime() - 1), lt: to },
        workflow: { type: "rfc-cycle", status: { not: "brouillon" } },
        rfc: await readableRfcWhere(user),
      },
      include: { rfc: { select: { number: true, title: true, group: { select: { name: true } } } } },
    });
    return versions.map((v): CalendarEntry => ({
      id: `rfc-echeance-${v.id}`,
      title: `${v.rfc.number} v${v.number} : fin des commentaires`,
      start: v.deadline!,
      end: v.deadline!,
      allDay: false,
      kind: "rfc-echeance",
      url: versionPath(v.rfc.number, v.number),
      description: `Échéance de l'appel à commentaires « ${v.rfc.title} » (groupe ${v.rfc.group.name}), version ${v.number}.`,
    }));
  },
};
