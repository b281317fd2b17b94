import { describe, expect, it } from "vitest";
import type { CalendarEntry } from "~/modules/calendar/entry";
import { allDaySpan, buildIcs, DEFAULT_PROD_ID, icsUid, ICS_UID_DOMAIN } from "./ics.server";
import { parisInstant } from "./working-days";

type Property = { name: string; params: Record<string, string>; value: string };

/** Unfolds the content lines of an iCalendar text and splits each into name, params, value. */
function parse(ics: string): Property[] {
  expect(ics).not.toMatch(/[^\r]\n/); // only CRLF line ends
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      const [name, ...params] = line.slice(0, colon).split(";");
      return {
        name,
        params: Object.fromEntries(params.map((p) => p.split("=") as [string, string])),
        value: line.slice(colon + 1),
      };
    });
}

function events(ics: string): Property[][] {
  const result: Property[][] = [];
  let current: Property[] | null = null;
  for (const property of parse(ics)) {
    if (property.name === "BEGIN" && property.value === "VEVENT") current = [];
    else if (property.name === "END" && property.value === "VEVENT") {
      result.push(current!);
      current = null;
    } else if (current) current.push(property);
  }
  return result;
}

function prop(event: Property[], name: string): Property | undefined {
  return event.find((p) => p.name === name);
}

const stamp = new Date("2026-11-22T10:00:00Z");

const entries: CalendarEntry[] = [
  {
    id: "reprise-abc:extraction",
    title: "Extraction ITAC – MDPH 67",
    start: new Date("2026-12-03T08:30:00Z"), // 09:30 Paris
    end: new Date("2026-12-03T10:00:00Z"),
    allDay: false,
    kind: "reprise",
    url: "/reprises/abc",
    description: "Livraison par courrier recommandé",
  },
  {
    id: "jour-ferie:2026-12-25",
    title: "Noël",
    start: parisInstant("2026-12-25"),
    end: parisInstant("2026-12-26"),
    allDay: true,
    kind: "jour-ferie",
  },
  {
    id: "rfc-42:echeance",
    title: "RFC 42, version 2; clôture\nsecond line \\ backslash",
    start: new Date("2026-07-14T15:00:00Z"), // summer: 17:00 Paris
    end: new Date("2026-07-14T15:00:00Z"),
    allDay: false,
    kind: "rfc",
    url: "https://elsewhere.example/rfc/42",
  },
];

describe("buildIcs", () => {
  it("writes one VEVENT per entry inside one VCALENDAR", () => {
    const ics = buildIcs({ name: "Passerelles", entries, generatedAt: stamp });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(events(ics)).toHaveLength(3);
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(3);
    const calendar = parse(ics);
    expect(calendar.find((p) => p.name === "PRODID")?.value).toBe(DEFAULT_PROD_ID);
    expect(calendar.find((p) => p.name === "X-WR-CALNAME")?.value).toBe("Passerelles");
    expect(calendar.find((p) => p.name === "METHOD")?.value).toBe("PUBLISH");
    expect(buildIcs({ name: "Vide", entries: [], generatedAt: stamp })).not.toContain("BEGIN:VEVENT");
  });

  it("writes timed entries in UTC and sets no time zone", () => {
    const ics = buildIcs({ name: "Passerelles", entries, generatedAt: stamp });
    expect(ics).not.toMatch(/TZID|VTIMEZONE|X-WR-TIMEZONE/);
    const [timed, , summer] = events(ics);
    expect(prop(timed, "DTSTART")).toEqual({ name: "DTSTART", params: {}, value: "20261203T083000Z" });
    expect(prop(timed, "DTEND")?.value).toBe("20261203T100000Z");
    expect(prop(timed, "DTSTAMP")?.value).toBe("20261122T100000Z");
    expect(prop(summer, "DTSTART")?.value).toBe("20260714T150000Z");
    for (const event of events(ics)) {
      const start = prop(event, "DTSTART")!;
      if (start.params.VALUE !== "DATE") expect(start.value).toMatch(/^\d{8}T\d{6}Z$/);
    }
  });

  it("writes all-day entries as DATE values of their Paris day, end exclusive", () => {
    const [, christmas] = events(buildIcs({ name: "Passerelles", entries, generatedAt: stamp }));
    expect(prop(christmas, "DTSTART")).toEqual({ name: "DTSTART", params: { VALUE: "DATE" }, value: "20261225" });
    expect(prop(christmas, "DTEND")).toEqual({ name: "DTEND", params: { VALUE: "DATE" }, value: "20261226" });
    expect(prop(christmas, "TRANSP")?.value).toBe("TRANSPARENT");
  });

  it("escapes commas, semicolons, backslashes and newlines in summaries and descriptions", () => {
    const ics = buildIcs({ name: "Passerelles", entries, generatedAt: stamp });
    const [first, , rfc] = events(ics);
    expect(prop(rfc, "SUMMARY")?.value).toBe("RFC 42\\, version 2\\; clôture\\nsecond line \\\\ backslash");
    expect(prop(first, "DESCRIPTION")?.value).toBe("Livraison par courrier recommandé");
    // The raw text holds no bare newline from the title: it stays one (folded) content line.
    expect(ics).not.toContain("clôture\nsecond");
  });

  it("keeps an injected line out of the calendar name", () => {
    const ics = buildIcs({ name: "Agenda\r\nBEGIN:VEVENT", entries: [], generatedAt: stamp });
    expect(ics).not.toMatch(/^BEGIN:VEVENT/m);
    expect(parse(ics).find((p) => p.name === "X-WR-CALNAME")?.value).toBe("Agenda BEGIN:VEVENT");
  });

  it("derives stable UIDs from the entry ids", () => {
    const first = buildIcs({ name: "A", entries, generatedAt: stamp });
    const second = buildIcs({
      name: "B",
      entries: [...entries].reverse(),
      appUrl: "https://autre.example",
      generatedAt: new Date(stamp.getTime() + 3_600_000),
    });
    const uids = (ics: string) => events(ics).map((e) => prop(e, "UID")!.value);
    expect(uids(first)).toEqual([
      `reprise-abc:extraction@${ICS_UID_DOMAIN}`,
      `jour-ferie:2026-12-25@${ICS_UID_DOMAIN}`,
      `rfc-42:echeance@${ICS_UID_DOMAIN}`,
    ]);
    expect([...uids(second)].sort()).toEqual([...uids(first)].sort());
    expect(icsUid("x")).toBe(`x@${ICS_UID_DOMAIN}`);
  });

  it("makes URLs absolute when an app URL is given, and leaves out bare paths otherwise", () => {
    const withBase = events(
      buildIcs({ name: "P", entries, appUrl: "https://passerelles.example.fr/", generatedAt: stamp }),
    );
    expect(prop(withBase[0], "URL")).toEqual({
      name: "URL",
      params: { VALUE: "URI" },
      value: "https://passerelles.example.fr/reprises/abc",
    });
    expect(prop(withBase[1], "URL")).toBeUndefined();
    expect(prop(withBase[2], "URL")?.value).toBe("https://elsewhere.example/rfc/42");

    const withoutBase = events(buildIcs({ name: "P", entries, generatedAt: stamp }));
    expect(prop(withoutBase[0], "URL")).toBeUndefined();
    expect(prop(withoutBase[2], "URL")?.value).toBe("https://elsewhere.example/rfc/42");

    const odd = events(
      buildIcs({
        name: "P",
        entries: [
          { ...entries[0], url: "/recherche?q=a,b;c" },
          { ...entries[0], id: "js", url: "javascript:alert(1)" },
        ],
        appUrl: "https://passerelles.example.fr",
        generatedAt: stamp,
      }),
    );
    expect(prop(odd[0], "URL")?.value).toBe("https://passerelles.example.fr/recherche?q=a%2Cb%3Bc");
    expect(prop(odd[1], "URL")).toBeUndefined();
  });

  it("accepts a custom PRODID and tags events with their kind", () => {
    const ics = buildIcs({ name: "P", entries, prodId: "-//CNSA//Passerelles test//FR", generatedAt: stamp });
    expect(parse(ics).find((p) => p.name === "PRODID")?.value).toBe("-//CNSA//Passerelles test//FR");
    expect(events(ics).map((e) => prop(e, "CATEGORIES")?.value)).toEqual(["reprise", "jour-ferie", "rfc"]);
  });
});

describe("allDaySpan", () => {
  it("reads a Paris-midnight end as exclusive", () => {
    expect(allDaySpan(parisInstant("2026-04-06"), parisInstant("2026-04-07"))).toEqual({
      first: "2026-04-06",
      endExclusive: "2026-04-07",
    });
    // Across the October change (the 25th has 25 hours).
    expect(allDaySpan(parisInstant("2026-10-24"), parisInstant("2026-10-27"))).toEqual({
      first: "2026-10-24",
      endExclusive: "2026-10-27",
    });
  });

  it("reads a UTC-midnight end as exclusive too", () => {
    expect(allDaySpan(new Date("2026-04-06"), new Date("2026-04-07"))).toEqual({
      first: "2026-04-06",
      endExclusive: "2026-04-07",
    });
  });

  it("includes the day of an end during the day, and always covers the start day", () => {
    expect(allDaySpan(parisInstant("2026-04-06"), parisInstant("2026-04-08", "23:59"))).toEqual({
      first: "2026-04-06",
      endExclusive: "2026-04-09",
    });
    expect(allDaySpan(parisInstant("2026-04-06"), parisInstant("2026-04-06"))).toEqual({
      first: "2026-04-06",
      endExclusive: "2026-04-07",
    });
    expect(allDaySpan(new Date("2026-04-06"), new Date("2026-04-06"))).toEqual({
      first: "2026-04-06",
      endExclusive: "2026-04-07",
    });
  });

  it("writes a multi-day all-day entry with its exclusive end", () => {
    const ics = buildIcs({
      name: "P",
      entries: [
        {
          id: "pilote",
          title: "Pilote",
          start: parisInstant("2027-12-30"),
          end: parisInstant("2028-01-02"),
          allDay: true,
          kind: "pilote",
        },
      ],
      generatedAt: stamp,
    });
    const [event] = events(ics);
    expect(prop(event, "DTSTART")?.value).toBe("20271230");
    expect(prop(event, "DTEND")?.value).toBe("20280102");
  });
});
