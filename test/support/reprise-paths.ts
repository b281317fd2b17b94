/** Reprise events along the usual path, stamped as the engine stamps them; shared by the machine's tests. */
import type { RepriseEvent, RepriseInput } from "../../workflows/reprise";

/** Paris noon on a day, as the engine would stamp it. */
export const at = (day: string) => `${day}T11:00:00.000Z`;

export const dispatch = (month = "2026-11", answerDeadline = "2026-11-30", day = "2026-11-25"): RepriseEvent => ({
  type: "ENVOYER",
  campaignMonth: month,
  answerDeadline,
  now: at(day),
});

/**
 * From the request to its reception on Monday 14 December 2026, whose validation window the
 * server counts to Wednesday 6 January 2027 (15 working days, Christmas and New Year's Day out).
 */
export const happyPath = (input: Pick<RepriseInput, "application">): RepriseEvent[] => [
  dispatch(),
  { type: "CONFIRMER_DATE", now: at("2026-11-27") },
  { type: "EXTRAIRE", date: "2026-12-10", now: at("2026-12-10") },
  {
    type: "EXPEDIER",
    medium: input.application === "ITAC" ? "DVD" : "Clé USB",
    date: "2026-12-11",
    reference: "RAR 1A 234 567 8901 2",
    now: at("2026-12-11"),
  },
  { type: "RECEPTIONNER", date: "2026-12-14", validationDeadline: "2027-01-06", now: at("2026-12-14") },
];
