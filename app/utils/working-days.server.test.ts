import { describe, expect, it } from "vitest";
import { addCalendarDays, dayOfMonthOrLast } from "./working-days";
import {
  addWorkingDays,
  holidayName,
  isPublicHoliday,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  nextWorkingDayOnOrAfter,
  publicHolidays,
  workingDaysBetween,
} from "./working-days.server";

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
    // Answers are kept per holiday calendar: asked again, each keeps its own.
    expect(addWorkingDays("2025-12-24", 1)).toBe("2025-12-26");
    expect(addWorkingDays("2025-12-24", 1, { departement: "57" })).toBe("2025-12-29");
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

  it("does not depend on the server's own time zone", () => {
    const previous = process.env.TZ;
    const results: (string | number | boolean)[][] = [];
    try {
      for (const zone of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = zone;
        results.push([
          addWorkingDays("2026-04-30", 15),
          workingDaysBetween("2026-12-24", "2027-01-04"),
          isWorkingDay("2026-05-25"),
        ]);
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    expect(results[0]).toEqual(["2026-05-27", 5, false]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
