import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetClock } from "~/utils/clock.server";
import { loadDemoWorld, type DemoPeople } from "../../../test/support/demo";
import { CALENDAR_ENTRIES, capitalise, dayList, longDay } from "./day-list";
import { calendarPage } from "./page.server";

type Listed = { firstDay: string; lastDay: string; id: string };
type PageData = { today: string; period: { first: string; last: string }; entries: Listed[] | null };

/** The list as the loader sent it before (its `days`), from the same entries: the oracle. */
function daysAsTheLoaderSentThem({ entries, period, today }: PageData) {
  const days = new Map<string, Omit<Listed, "firstDay" | "lastDay">[]>();
  for (const { firstDay, lastDay, ...entry } of entries ?? []) {
    if (lastDay < period.first || firstDay > period.last) continue;
    const day = firstDay < period.first ? period.first : firstDay;
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => ({ date, label: capitalise(longDay(date)), isToday: date === today, entries: list }));
}

let people: DemoPeople;
beforeAll(async () => {
  people = await loadDemoWorld(new Date("2026-11-24T09:00:00Z"));
});
afterAll(() => resetClock());

describe("the calendar page's list, built from the entries sent once", () => {
  it("shows the days and entries the loader's `days` showed, in every view", async () => {
    let outside = 0;
    let crowded = 0;
    for (const someone of [people.coordinator, people.director53, people.pilotFT]) {
      for (const path of [
        "/calendrier",
        "/calendrier?vue=mois&date=2027-01-15",
        "/calendrier?vue=mois&date=2027-02-01",
        "/calendrier?vue=semaine&date=2026-12-24",
        "/calendrier?vue=agenda&date=2026-12-20",
        "/calendrier?vue=mois&date=2026-05-01",
      ]) {
        const data = await calendarPage(someone, new URL(`http://localhost${path}`));
        expect(data).not.toHaveProperty("days");
        const list = dayList(data.entries!, data.period, data.today);
        expect(list.map((d) => ({ ...d, entries: d.entries.map(({ firstDay: _f, lastDay: _l, ...e }) => e) }))).toEqual(
          daysAsTheLoaderSentThem(data),
        );
        outside += data.entries!.filter((e) => e.lastDay < data.period.first || e.firstDay > data.period.last).length;
        crowded += list.filter((d) => d.entries.length > 1).length;
      }
    }
    // The data do exercise the grid's spill-over days (left out of the list) and days of several entries.
    expect(outside).toBeGreaterThan(0);
    expect(crowded).toBeGreaterThan(0);
    expect(longDay("2026-06-01")).toBe("Lundi 1er juin 2026");
  });

  it("serves the entries once on a document request: to the server render, not in the data", async () => {
    const url = new URL("http://localhost/calendrier?vue=mois&date=2026-12-01");
    const asData = await calendarPage(people.coordinator, url);
    const servedOnce = new Map<string, unknown>();
    const asDocument = await calendarPage(people.coordinator, url, {
      ip: "127.0.0.1",
      documentRequest: true,
      servedOnce,
    });
    expect(asDocument.entries).toBeNull();
    expect(asData.entries!.length).toBeGreaterThan(0);
    expect(servedOnce.get(CALENDAR_ENTRIES)).toEqual(asData.entries);
    // A client navigation's data request carries them.
    const navigation = await calendarPage(people.coordinator, url, { ip: "127.0.0.1", servedOnce: new Map() });
    expect(navigation.entries).toEqual(asData.entries);
  });
});
