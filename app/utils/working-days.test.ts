import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  dayOfMonthOrLast,
  daysInMonth,
  endOfMonth,
  holidayName,
  isIsoDate,
  isPublicHoliday,
  isWeekend,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  nextWorkingDayOnOrAfter,
  parisDate,
  parisInstant,
  publicHolidays,
  workingDaysBetween,
} from "./working-days";

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), as an oracle. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

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
          addWorkingDays("2026-04-30", 15),
          endOfMonth("2028-02-01"),
        ]);
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    expect(results[0]).toEqual(["2026-01-16", "2026-03-29T07:00:00.000Z", "2026-05-27", "2028-02-29"]);
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

describe("French public holidays (date-holidays)", () => {
  it("lists the eleven national public holidays of 2026 with French names", () => {
    expect(publicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Nouvel An" },
      { date: "2026-04-06", name: "Lundi de Pâques" },
      { date: "2026-05-01", name: "Fête du travail" },
      { date: "2026-05-08", name: "Fête de la Victoire 1945" },
      { date: "2026-05-14", name: "Ascension" },
      { date: "2026-05-25", name: "Lundi de Pentecôte" },
      { date: "2026-07-14", name: "Fête Nationale de la France" },
      { date: "2026-08-15", name: "Assomption" },
      { date: "2026-11-01", name: "Toussaint" },
      { date: "2026-11-11", name: "Armistice 1918" },
      { date: "2026-12-25", name: "Noël" },
    ]);
  });

  it.each([
    // year, Easter Monday, Ascension, Whit Monday
    [2025, "2025-04-21", "2025-05-29", "2025-06-09"],
    [2026, "2026-04-06", "2026-05-14", "2026-05-25"],
    [2027, "2027-03-29", "2027-05-06", "2027-05-17"],
    [2028, "2028-04-17", "2028-05-25", "2028-06-05"],
    [2029, "2029-04-02", "2029-05-10", "2029-05-21"],
  ])("places the Easter-based holidays of %i", (year, easterMonday, ascension, whitMonday) => {
    expect(holidayName(easterMonday)).toBe("Lundi de Pâques");
    expect(holidayName(ascension)).toBe("Ascension");
    // Whit Monday is the "journée de solidarité" in many workplaces, but it stays a public
    // holiday; date-holidays 3.37 lists it as "public" and this pins it.
    expect(holidayName(whitMonday)).toBe("Lundi de Pentecôte");
    expect(isWorkingDay(easterMonday)).toBe(false);
    expect(isWorkingDay(ascension)).toBe(false);
    expect(isWorkingDay(whitMonday)).toBe(false);
  });

  it("agrees with an independent Easter computation from 2000 to 2060", () => {
    for (let year = 2000; year <= 2060; year += 1) {
      const easter = easterSunday(year);
      const names = new Map(publicHolidays(year).map((h) => [h.date, h.name]));
      // Ascension can fall on 1 May (2008): both names are kept.
      expect(names.get(addCalendarDays(easter, 1)), `Easter Monday ${year}`).toMatch(/Lundi de Pâques/);
      expect(names.get(addCalendarDays(easter, 39)), `Ascension ${year}`).toMatch(/Ascension/);
      expect(names.get(addCalendarDays(easter, 50)), `Whit Monday ${year}`).toMatch(/Lundi de Pentecôte/);
      // Sundays and observances are not public holidays.
      expect(names.has(easter)).toBe(false);
      expect(names.has(addCalendarDays(easter, 49))).toBe(false);
      const fixed = ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"].map((d) => `${year}-${d}`);
      const expected = new Set([...fixed, ...[1, 39, 50].map((n) => addCalendarDays(easter, n))]);
      expect([...names.keys()].sort()).toEqual([...expected].sort());
    }
  });

  it("keeps both names when two holidays share a day", () => {
    expect(holidayName("2008-05-01")).toBe("Fête du travail / Ascension");
  });

  it("names ordinary days null", () => {
    expect(holidayName("2026-04-05")).toBeNull(); // Easter Sunday: an observance, not counted
    expect(holidayName("2026-05-31")).toBeNull(); // Mother's Day: an observance
    expect(holidayName("2026-11-23")).toBeNull();
    expect(isPublicHoliday("2026-12-26")).toBe(false);
  });

  it("adds Good Friday and 26 December in Alsace-Moselle (57, 67, 68)", () => {
    for (const departement of ["57", "67", "68"]) {
      expect(holidayName("2026-04-03", { departement })).toBe("Vendredi saint");
      expect(holidayName("2026-12-26", { departement })).toBe("Lendemain de Noël");
      expect(holidayName("2025-04-18", { departement })).toBe("Vendredi saint");
      expect(isWorkingDay("2025-12-26", { departement })).toBe(false); // a Friday
      expect(publicHolidays(2026, { departement })).toHaveLength(13);
    }
    // Elsewhere they are ordinary days.
    expect(isWorkingDay("2025-12-26")).toBe(true);
    expect(isWorkingDay("2026-04-03")).toBe(true);
    expect(isWorkingDay("2026-04-03", { departement: "75" })).toBe(true);
    expect(isWorkingDay("2026-04-03", { departement: "2A" })).toBe(true);
    expect(publicHolidays(2026, { departement: "13" })).toHaveLength(11);
  });

  it("adds the abolition-of-slavery day in the overseas départements", () => {
    expect(holidayName("2026-12-20", { departement: "974" })).toBe("Abolition de l’esclavage");
    expect(holidayName("2026-05-27", { departement: "971" })).toBe("Abolition de l’esclavage");
    expect(holidayName("2026-05-22", { departement: "972" })).toBe("Abolition de l’esclavage");
    expect(holidayName("2026-06-10", { departement: "973" })).toBe("Abolition de l’esclavage");
    expect(holidayName("2026-04-27", { departement: "976" })).toBe("Abolition de l’esclavage");
    expect(holidayName("2026-05-27")).toBeNull();
  });
});

describe("working days", () => {
  it("excludes weekends and public holidays", () => {
    expect(isWorkingDay("2026-11-23")).toBe(true);
    expect(isWorkingDay("2026-11-21")).toBe(false);
    expect(isWorkingDay("2026-11-11")).toBe(false); // Wednesday, Armistice
    expect(isWorkingDay("2026-07-14")).toBe(false);
  });

  it("counts n working days after a date, not the date itself", () => {
    expect(addWorkingDays("2026-11-23", 0)).toBe("2026-11-23");
    expect(addWorkingDays("2026-11-21", 0)).toBe("2026-11-21"); // n = 0: unchanged, even a Saturday
    expect(addWorkingDays("2026-11-23", 1)).toBe("2026-11-24");
    expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23"); // Friday → Monday
    expect(addWorkingDays("2026-11-21", 1)).toBe("2026-11-23"); // Saturday → Monday
    expect(addWorkingDays("2026-11-23", 5)).toBe("2026-11-30");
    expect(addWorkingDays("2026-04-03", 1)).toBe("2026-04-07"); // over Easter Monday
    expect(() => addWorkingDays("2026-04-03", 1.5)).toThrow(RangeError);
  });

  it("gives 15 working days across May 2026's holidays (validation window after a delivery)", () => {
    // Delivery on Thursday 30 April: 1 May, 8 May, Ascension (14) and Whit Monday (25) skipped.
    expect(addWorkingDays("2026-04-30", 15)).toBe("2026-05-27");
    expect(workingDaysBetween("2026-04-30", "2026-05-27")).toBe(15);
    expect(workingDaysBetween("2026-04-30", "2026-05-26")).toBe(14);
  });

  it("gives 15 working days across the year end (Christmas and New Year's Day)", () => {
    expect(addWorkingDays("2026-12-18", 15)).toBe("2027-01-12");
    expect(workingDaysBetween("2026-12-18", "2027-01-12")).toBe(15);
    // 2025: 26 December is a Friday, a holiday only in Alsace-Moselle.
    expect(addWorkingDays("2025-12-24", 1)).toBe("2025-12-26");
    expect(addWorkingDays("2025-12-24", 1, { departement: "67" })).toBe("2025-12-29");
    expect(addWorkingDays("2025-12-19", 15)).toBe("2026-01-13");
    expect(addWorkingDays("2025-12-19", 15, { departement: "57" })).toBe("2026-01-14");
  });

  it("counts backwards with a negative n", () => {
    expect(addWorkingDays("2026-11-23", -1)).toBe("2026-11-20");
    expect(addWorkingDays("2026-04-07", -1)).toBe("2026-04-03");
    expect(addWorkingDays("2026-04-07", -1, { departement: "68" })).toBe("2026-04-02");
    expect(addWorkingDays("2027-01-04", -2)).toBe("2026-12-30");
  });

  it("makes workingDaysBetween the inverse of addWorkingDays", () => {
    for (const start of ["2026-04-30", "2026-12-18", "2026-11-21", "2028-02-28", "2027-05-08"]) {
      for (let n = -25; n <= 25; n += 1) {
        expect(workingDaysBetween(start, addWorkingDays(start, n)), `${start} ${n}`).toBe(n);
      }
    }
    expect(workingDaysBetween("2026-11-23", "2026-11-23")).toBe(0);
    expect(workingDaysBetween("2026-11-21", "2026-11-22")).toBe(0); // a weekend
    expect(workingDaysBetween("2026-01-01", "2026-12-31")).toBe(252);
  });

  it("finds the working day on or around a date", () => {
    expect(lastWorkingDayOnOrBefore("2026-11-23")).toBe("2026-11-23");
    expect(lastWorkingDayOnOrBefore("2026-11-22")).toBe("2026-11-20");
    expect(lastWorkingDayOnOrBefore("2026-05-25")).toBe("2026-05-22"); // Whit Monday → Friday
    expect(lastWorkingDayOnOrBefore("2027-01-03")).toBe("2026-12-31");
    expect(nextWorkingDayOnOrAfter("2026-11-23")).toBe("2026-11-23");
    expect(nextWorkingDayOnOrAfter("2026-04-04")).toBe("2026-04-07"); // Sat → Tue after Easter
    expect(nextWorkingDayOnOrAfter("2026-04-03", { departement: "57" })).toBe("2026-04-07");
    expect(nextWorkingDayOnOrAfter("2026-12-25")).toBe("2026-12-28");
  });

  it("puts the OPALES calendar deadline 5 working days from the 25th", () => {
    // 25 April 2026 is a Saturday; counting 5 working days skips 1 May (a Friday).
    expect(addWorkingDays("2026-04-25", 5)).toBe("2026-05-04");
    // The ITAC validation on the 30th of February falls back to its last day.
    expect(dayOfMonthOrLast(2026, 2, 30)).toBe("2026-02-28");
  });
});
