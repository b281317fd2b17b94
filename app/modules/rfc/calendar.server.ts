/**
 * RFC cycle deadlines on the calendar (provider "rfc"): the deadline instant of every cycle
 * the person may read, opened or already closed.
 */
import type { CalendarEntry, CalendarProvider } from "~/modules/calendar/entry";
import { readDb, storedInstant } from "~/utils/read-db.server";
import { readableGroupIds } from "~/modules/groups/policy.server";
import { can } from "~/utils/permissions";
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
    // readableRfcWhere() of policy.server.ts, in SQL.
    const everything = can(user, "manage:group");
    const groupIds = everything ? [] : await readableGroupIds(user);
    const invited = can(user, "read:rfc") && can(user, "comment:rfc");
    const adopted = can(user, "record:rfc-position") && user.organisation.kind === "MDPH";
    const versions = await readDb()
      .selectFrom("RfcVersion as v")
      .innerJoin("WorkflowInstance as w", "w.id", "v.workflowId")
      .innerJoin("Rfc as r", "r.id", "v.rfcId")
      .innerJoin("WorkGroup as g", "g.id", "r.groupId")
      .select(["v.id", "v.number", "v.deadline", "r.number as rfcNumber", "r.title", "g.name as groupName"])
      .where("v.deadline", ">=", storedInstant(new Date(from.getTime() - 1)))
      .where("v.deadline", "<", storedInstant(to))
      .where("w.type", "=", "rfc-cycle")
      .where("w.status", "!=", "brouillon")
      .$if(!everything, (q) =>
        q.where((eb) =>
          eb.or([
            eb("r.groupId", "in", groupIds.length > 0 ? groupIds : [""]),
            ...(invited
              ? [
                  eb.exists(
                    eb
                      .selectFrom("RfcVersion as iv")
                      .innerJoin("RfcInvitation as i", "i.versionId", "iv.id")
                      .select("i.versionId")
                      .whereRef("iv.rfcId", "=", "r.id")
                      .where("i.organisationId", "=", user.organisationId),
                  ),
                ]
              : []),
            ...(adopted ? [eb("r.status", "=", "ADOPTEE")] : []),
          ]),
        ),
      )
      .execute();
    return versions.map((v): CalendarEntry => ({
      id: `rfc-echeance-${v.id}`,
      title: `${v.rfcNumber} v${v.number} : fin des commentaires`,
      start: new Date(v.deadline!),
      end: new Date(v.deadline!),
      allDay: false,
      kind: "rfc-echeance",
      url: versionPath(v.rfcNumber, v.number),
      description: `Échéance de l'appel à commentaires « ${v.title} » (groupe ${v.groupName}), version ${v.number}.`,
    }));
  },
};
