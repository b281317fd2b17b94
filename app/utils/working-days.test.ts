import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addMonths,
  dayOfMonthOrLast,
  daysInMonth,
  endOfMonth,
  isIsoDate,
  isWeekend,
  parisDate,
  parisInstant,
  parisWallClock,
} from "./working-days";

describe("ISO dates and calendar arithmetic", () => {
  it("accepts only real days written YYYY-MM-DD", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-4-1")).toBe(false);
    expect(isIsoDate("2026-04-01T00:00")).toBe(false);
    expect(isIsoDate(20260401)).toBe(false);
    expect(() => addCalendarDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addCalendarDays("2026-02-01", 1.5)).toThrow(RangeError);
  });

  it("adds calendar days across month and year ends", () => {
    expect(addCalendarDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addCalendarDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2028-02-29", 1)).toBe("2028-03-01");
    // Crossing both DST changes: plain day counting, no hour drift.
    expect(addCalendarDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addCalendarDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addCalendarDays("2026-01-01", 365)).toBe("2027-01-01");
    expect(addCalendarDays("2028-01-01", 366)).toBe("2029-01-01");
  });

  it("knows month ends, including 29 February 2028", () => {
    expect(endOfMonth("2026-01-15")).toBe("2026-01-31");
    expect(endOfMonth("2026-02-01")).toBe("2026-02-28");
    expect(endOfMonth("2028-02-10")).toBe("2028-02-29");
    expect(endOfMonth("2100-02-10")).toBe("2100-02-28"); // not a leap year
    expect(endOfMonth("2000-02-10")).toBe("2000-02-29"); // a leap year
    expect(endOfMonth("2026-04-30")).toBe("2026-04-30");
    expect(endOfMonth("2026-12-01")).toBe("2026-12-31");
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 11)).toBe(30);
  });

  it("gives the 30th of the month, or its last day when shorter (ITAC validation date)", () => {
    expect(dayOfMonthOrLast(2026, 1, 30)).toBe("2026-01-30");
    expect(dayOfMonthOrLast(2026, 2, 30)).toBe("2026-02-28");
    expect(dayOfMonthOrLast(2028, 2, 30)).toBe("2028-02-29");
    expect(dayOfMonthOrLast(2026, 4, 30)).toBe("2026-04-30");
    expect(dayOfMonthOrLast(2026, 4, 31)).toBe("2026-04-30");
    expect(dayOfMonthOrLast(2026, 3, 25)).toBe("2026-03-25");
    expect(() => dayOfMonthOrLast(2026, 13, 1)).toThrow(RangeError);
    expect(() => dayOfMonthOrLast(2026, 1, 0)).toThrow(RangeError);
    expect(() => dayOfMonthOrLast(26, 1, 1)).toThrow(RangeError);
  });

  it("adds months, clamping to the end of shorter months", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(addMonths("2026-11-25", 1)).toBe("2026-12-25");
    expect(addMonths("2026-12-25", 1)).toBe("2027-01-25");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-05-10", 0)).toBe("2026-05-10");
    expect(addMonths("2026-05-10", -25)).toBe("2024-04-10");
  });

  it("tells weekends apart", () => {
    expect(isWeekend("2026-11-21")).toBe(true); // Saturday
    expect(isWeekend("2026-11-22")).toBe(true); // Sunday
    expect(isWeekend("2026-11-23")).toBe(false); // Monday
    expect(isWeekend("2026-11-20")).toBe(false); // Friday
  });
});

describe("Paris instants and days", () => {
  it("gives the Paris day of instants just before and after midnight, in winter", () => {
    // Winter: Paris is UTC+1, so Paris midnight is 23:00Z the day before.
    expect(parisDate(new Date("2026-01-15T22:59:59.999Z"))).toBe("2026-01-15");
    expect(parisDate(new Date("2026-01-15T23:00:00.000Z"))).toBe("2026-01-16");
    expect(parisDate(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(parisDate(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });

  it("gives the Paris day of instants just before and after midnight, in summer", () => {
    // Summer: Paris is UTC+2, so Paris midnight is 22:00Z the day before.
    expect(parisDate(new Date("2026-07-14T21:59:59.999Z"))).toBe("2026-07-14");
    expect(parisDate(new Date("2026-07-14T22:00:00.000Z"))).toBe("2026-07-15");
    expect(parisDate(new Date("2026-07-15T12:00:00Z"))).toBe("2026-07-15");
  });

  it("rejects invalid input", () => {
    expect(() => parisDate(new Date("nope"))).toThrow(RangeError);
    expect(() => parisInstant("2026-01-01", "24:00")).toThrow(RangeError);
    expect(() => parisInstant("2026-01-01", "9:00")).toThrow(RangeError);
  });

  // Paris wall-clock times on either side of each change, by the offset they must be read with
  // (a bare day is its midnight, the default time).
  it.each([
    {
      change: "March",
      // Last Sunday of March 2026 is the 29th: 02:00 CET becomes 03:00 CEST; in 2027, the 28th.
      winter: ["2026-03-28 09:00", "2026-03-29", "2026-03-29 01:59", "2027-03-27 12:00"],
      summer: ["2026-03-29 03:00", "2026-03-29 12:00", "2026-03-30", "2026-03-30 09:00", "2027-03-28 12:00"],
    },
    {
      change: "October",
      // Last Sunday of October 2026 is the 25th: 03:00 CEST becomes 02:00 CET; in 2027, the 31st.
      summer: ["2026-10-24 09:00", "2026-10-25", "2026-10-25 01:59", "2027-10-30 12:00"],
      winter: ["2026-10-25 03:00", "2026-10-26", "2026-10-26 09:00", "2027-10-31 12:00"],
    },
  ])("gives Paris wall-clock instants with the right offset around the $change change", ({ winter, summer }) => {
    for (const [wallTimes, offset] of [
      [winter, "+01:00"],
      [summer, "+02:00"],
    ] as const)
      for (const wall of wallTimes) {
        const [day, time] = wall.split(" ");
        const expected = new Date(`${day}T${time ?? "00:00"}:00${offset}`).toISOString();
        expect(parisInstant(day, time).toISOString(), wall).toBe(expected);
      }
  });

  it("reads a time in the spring-forward gap with the winter offset (so it lands an hour later)", () => {
    // 02:30 does not exist on 2026-03-29; RFC 5545 reads it as 02:30+01:00 = 01:30Z = 03:30 CEST.
    const instant = parisInstant("2026-03-29", "02:30");
    expect(instant.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(parisInstant("2026-03-29", "02:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(parisDate(instant)).toBe("2026-03-29");
  });

  it("reads a time in the repeated October hour as its first occurrence (summer time)", () => {
    expect(parisInstant("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(parisInstant("2026-10-25", "02:00:00").toISOString()).toBe("2026-10-25T00:00:00.000Z");
  });

  it("round-trips every day of a leap year through Paris midnight and noon", () => {
    let day = "2028-01-01";
    for (let i = 0; i < 366; i += 1) {
      expect(parisDate(parisInstant(day))).toBe(day);
      expect(parisDate(parisInstant(day, "23:59:59"))).toBe(day);
      day = addCalendarDays(day, 1);
    }
    expect(day).toBe("2029-01-01");
  });

  it("does not depend on the server's own time zone", () => {
    const previous = process.env.TZ;
    const results: string[][] = [];
    try {
      for (const zone of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = zone;
        results.push([
          parisDate(new Date("2026-01-15T23:30:00Z")),
          parisInstant("2026-03-29", "09:00").toISOString(),
          addMonths("2026-01-31", 1),
          endOfMonth("2028-02-01"),
        ]);
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    expect(results[0]).toEqual(["2026-01-16", "2026-03-29T07:00:00.000Z", "2026-02-28", "2028-02-29"]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});

describe("the Paris offset, remembered per UTC hour", () => {
  it("gives the day Intl gives for every quarter hour around both 2026 changes and the new year", () => {
    const paris = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    for (const start of ["2026-03-28T12:00:00Z", "2026-10-24T12:00:00Z", "2026-12-31T12:00:00Z"]) {
      for (let quarter = 0; quarter < 4 * 48; quarter++) {
        const instant = new Date(Date.parse(start) + quarter * 900_000);
        // Asked twice: the second answer comes from what was remembered.
        expect(parisDate(instant)).toBe(paris.format(instant));
        expect(parisDate(instant)).toBe(paris.format(instant));
      }
    }
    expect(parisInstant("2026-03-29", "03:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(parisInstant("2026-10-25", "03:00").toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });
});

describe("Paris wall clocks and midnights, worked out once", () => {
  it("gives the day and time Intl gives for every 7 minutes around both 2026 changes and the new year", () => {
    // Swedish writes "2026-03-29 03:00", hours 00 to 23.
    const intl = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });
    // Every seven minutes and a few seconds from noon, two days long: every minute of the hour
    // comes up, seconds are dropped.
    const instants = ["2026-03-28T12:00:00Z", "2026-10-24T12:00:00Z", "2026-12-31T12:00:00Z"].flatMap((noon) =>
      Array.from({ length: 400 }, (_, step) => new Date(Date.parse(noon) + step * 420_013)),
    );
    for (const instant of instants)
      expect(parisWallClock(instant), instant.toISOString()).toBe(intl.format(instant).replace(" ", "T"));
    expect(() => parisWallClock(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("gives the same midnight the first time and from what it remembered, in winter and in summer", () => {
    for (const [day, expected] of [
      ["2026-01-15", "2026-01-14T23:00:00.000Z"],
      ["2026-07-15", "2026-07-14T22:00:00.000Z"],
      ["2026-03-29", "2026-03-28T23:00:00.000Z"],
      ["2026-10-25", "2026-10-24T22:00:00.000Z"],
    ]) {
      expect(parisInstant(day).toISOString()).toBe(expected);
      expect(parisInstant(day, "00:00").toISOString()).toBe(expected);
      // A fresh Date each time: a caller changing it does not change the next answer.
      parisInstant(day).setTime(0);
      expect(parisInstant(day).toISOString()).toBe(expected);
    }
    expect(() => parisInstant("2026-02-30")).toThrow(RangeError);
  });
});
