import { describe, expect, it } from "vitest";
import { monthsBetween, signatureRequestDeadline } from "./rules";
import {
  answerDeadline,
  campaignAnswerDeadline,
  catchUpMonth,
  dispatchDay,
  dispatchInstant,
  isLateDispatch,
  receptionClosesWindow,
  upcomingDispatchMonth,
  validationDeadlineFor,
} from "./rules.server";

const shifted = { hour: "09:00", shift: "jour-ouvre-precedent" as const };
const fixed = { hour: "09:00", shift: "le-25" as const };

describe("reprise dates", () => {
  it("dispatches on the 25th, or on the last working day before it when the setting says so", () => {
    expect(dispatchDay("2026-11", shifted)).toBe("2026-11-25"); // Wednesday
    expect(dispatchDay("2026-10", shifted)).toBe("2026-10-23"); // Sunday 25 → Friday 23
    expect(dispatchDay("2026-12", shifted)).toBe("2026-12-24"); // Christmas → Thursday 24
    expect(dispatchDay("2027-04", shifted)).toBe("2027-04-23"); // Sunday 25 → Friday 23
    expect(dispatchDay("2026-10", fixed)).toBe("2026-10-25");
  });

  it("dispatches at the configured hour in Paris, summer or winter", () => {
    expect(dispatchInstant("2026-11", shifted).toISOString()).toBe("2026-11-25T08:00:00.000Z");
    expect(dispatchInstant("2026-06", shifted).toISOString()).toBe("2026-06-25T07:00:00.000Z");
  });

  it("knows which month's dispatch comes next", () => {
    expect(upcomingDispatchMonth(new Date("2026-11-25T07:59:59Z"), shifted)).toBe("2026-11");
    expect(upcomingDispatchMonth(new Date("2026-11-25T08:00:00Z"), shifted)).toBe("2026-12");
    expect(upcomingDispatchMonth(new Date("2026-12-31T22:59:00Z"), shifted)).toBe("2027-01");
  });

  it("gives ITAC until the 30th, or the last day of a shorter month", () => {
    expect(answerDeadline("ITAC", "2026-11")).toBe("2026-11-30");
    expect(answerDeadline("ITAC", "2027-02")).toBe("2027-02-28");
    expect(answerDeadline("ITAC", "2028-02")).toBe("2028-02-29");
  });

  it("gives OPALES five working days from the 25th, holidays counted out", () => {
    expect(answerDeadline("OPALES", "2026-11")).toBe("2026-12-02"); // Wed 25 → Thu 26, Fri 27, Mon 30, Tue 1, Wed 2
    expect(answerDeadline("OPALES", "2026-12")).toBe("2027-01-04"); // 25/12 and 1/1 are holidays
    expect(answerDeadline("OPALES", "2027-04")).toBe("2027-04-30");
  });

  it("after a downtime, the dispatch job of a month sends the list of the latest month whose moment has passed", () => {
    expect(catchUpMonth("2027-01", new Date("2027-01-25T08:00:00Z"), shifted)).toBe("2027-01");
    expect(catchUpMonth("2027-01", new Date("2027-02-25T07:59:59Z"), shifted)).toBe("2027-01");
    expect(catchUpMonth("2027-01", new Date("2027-02-25T08:00:00Z"), shifted)).toBe("2027-02");
    expect(catchUpMonth("2027-01", new Date("2027-03-01T09:00:00Z"), shifted)).toBe("2027-02");
    expect(catchUpMonth("2026-11", new Date("2027-03-01T09:00:00Z"), shifted)).toBe("2027-02");
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(monthsBetween("2027-02", "2027-02")).toEqual([]);
  });

  it("counts a late list's answer deadline from its actual dispatch, never earlier than the circulaire's", () => {
    expect(isLateDispatch("2026-12", "2026-12-24", shifted)).toBe(false);
    expect(isLateDispatch("2026-12", "2026-12-10", shifted)).toBe(false); // early
    expect(isLateDispatch("2026-12", "2026-12-25", shifted)).toBe(true);
    expect(campaignAnswerDeadline("ITAC", "2026-11", "2026-11-25", shifted)).toBe("2026-11-30");
    expect(campaignAnswerDeadline("ITAC", "2026-11", "2026-11-26", shifted)).toBe("2026-12-03"); // 5 working days from Thursday 26
    expect(campaignAnswerDeadline("ITAC", "2027-02", "2027-03-01", shifted)).toBe("2027-03-08");
    expect(campaignAnswerDeadline("OPALES", "2027-02", "2027-03-01", shifted)).toBe("2027-03-08");
    expect(campaignAnswerDeadline("OPALES", "2026-09", "2026-09-25", shifted)).toBe("2026-10-02"); // on time on Friday 25: the circulaire's
  });

  it("expects the request within the month following the month of signature", () => {
    expect(signatureRequestDeadline("2026-11-23")).toBe("2026-12-31");
    expect(signatureRequestDeadline("2027-01-31")).toBe("2027-02-28");
    expect(signatureRequestDeadline("2026-12-01")).toBe("2027-01-31");
  });

  it("opens a validation window of 15 working days at reception, holidays counted out", () => {
    // Reception Monday 14 December 2026: Christmas (25/12) and New Year (1/1) fall inside.
    expect(validationDeadlineFor("2026-12-14", "53")).toBe("2027-01-06");
    // Reception Wednesday 20 December 2028: 26 December is a Tuesday, a holiday in 57, 67 and 68 only.
    expect(validationDeadlineFor("2028-12-20", "53")).toBe("2029-01-12");
    expect(validationDeadlineFor("2028-12-20", "67")).toBe("2029-01-15");
  });

  it("tells a reception whose window is already over from one still open", () => {
    expect(receptionClosesWindow("2026-12-14", "53", "2027-01-06")).toBe(false);
    expect(receptionClosesWindow("2026-12-14", "53", "2027-01-07")).toBe(true);
  });
});
