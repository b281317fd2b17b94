import { describe, expect, it } from "vitest";
import { leadTimeChannelLabel, leadTimeDays, leadTimeStatistics, type RecordedDates } from "./lead-times";

const step = (
  stepCode: RecordedDates["stepCode"],
  channel: RecordedDates["channel"],
  askedOn: string | null,
  obtainedOn: string | null,
): RecordedDates => ({ stepCode, channel, askedOn, obtainedOn });

describe("Ségur lead times", () => {
  it("counts calendar days from the request to the obtention, weekends and DST included", () => {
    expect(leadTimeDays({ askedOn: "2026-03-02", obtainedOn: "2026-03-20" })).toBe(18);
    expect(leadTimeDays({ askedOn: "2026-03-27", obtainedOn: "2026-03-30" })).toBe(3);
    expect(leadTimeDays({ askedOn: "2026-03-02", obtainedOn: "2026-03-02" })).toBe(0);
    expect(leadTimeDays({ askedOn: "2026-03-02", obtainedOn: null })).toBeNull();
    expect(leadTimeDays({ askedOn: null, obtainedOn: null })).toBeNull();
  });

  it("gives the mean and median per step over every channel, then per channel, in the graph's order", () => {
    const rows = leadTimeStatistics([
      step("carte-cpe", "F301", "2026-01-05", "2026-02-04"), // 30
      step("carte-cpe", "DEMARCHES_SIMPLIFIEES", "2026-01-05", "2026-01-15"), // 10
      step("carte-cpe", "DEMARCHES_SIMPLIFIEES", "2026-01-05", "2026-01-19"), // 14
      step("carte-cpe", "F301", "2026-01-05", null), // still waiting: not counted
      step("contrat-ans", "DEMARCHES_SIMPLIFIEES", "2026-01-02", "2026-01-09"), // 7
    ]);
    expect(rows).toEqual([
      { stepCode: "contrat-ans", channel: null, count: 1, meanDays: 7, medianDays: 7 },
      { stepCode: "contrat-ans", channel: "DEMARCHES_SIMPLIFIEES", count: 1, meanDays: 7, medianDays: 7 },
      { stepCode: "carte-cpe", channel: null, count: 3, meanDays: 18, medianDays: 14 },
      { stepCode: "carte-cpe", channel: "F301", count: 1, meanDays: 30, medianDays: 30 },
      { stepCode: "carte-cpe", channel: "DEMARCHES_SIMPLIFIEES", count: 2, meanDays: 12, medianDays: 12 },
    ]);
  });

  it("has no row for a step nothing was obtained for, and none from an empty list", () => {
    expect(leadTimeStatistics([])).toEqual([]);
    expect(leadTimeStatistics([step("certificats", "F413", "2026-01-05", null)])).toEqual([]);
  });

  it("labels the all-channels row and each channel in French", () => {
    expect(leadTimeChannelLabel(null)).toBe("Tous canaux");
    expect(leadTimeChannelLabel("F301")).toBe("Formulaire F301");
  });
});
