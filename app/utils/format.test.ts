import { describe, expect, test } from "vitest";
import { dayLabel } from "./format";

describe("dayLabel", () => {
  test("writes a Paris calendar day in French, the same when asked again, and a dash for none", () => {
    expect(dayLabel("2026-12-15")).toBe("15 décembre 2026");
    expect(dayLabel("2026-03-29")).toBe("29 mars 2026"); // the day clocks change
    expect(dayLabel("2026-12-15")).toBe("15 décembre 2026");
    expect(dayLabel("2026-10-25")).toBe("25 octobre 2026");
    expect(dayLabel(null)).toBe("—");
    expect(dayLabel("15/12/2026")).toBe("—");
  });
});
