import { afterEach, describe, expect, it } from "vitest";
import { createTestMdph } from "../../../test/support/organisations";
import { createPerson } from "../../../test/support/people";
import type { SessionUser } from "~/modules/auth/session.server";
import type { CalendarEntry, CalendarProvider } from "./entry";
import {
  calendarEntriesFor,
  calendarKinds,
  calendarUserById,
  publicHolidaysProvider,
  registerCalendarProvider,
  registeredCalendarProviders,
} from "./providers.server";
import { prisma } from "~/utils/db.server";
import { parisInstant } from "~/utils/working-days";

function userOf(departementCode: string | null, overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: "u1",
    email: "agent@example.fr",
    firstName: "Camille",
    lastName: "Martin",
    organisationId: "org1",
    organisation: {
      id: "org1",
      code: departementCode ? `mdph-${departementCode}` : "cnsa",
      kind: departementCode ? "MDPH" : "CNSA",
      name: "Organisation",
      shortName: "Org",
      departementCode,
      regionCode: null,
    },
    roles: [],
    totpEnabled: false,
    ...overrides,
  };
}

const may2026 = { from: parisInstant("2026-05-01"), to: parisInstant("2026-06-01") };
const april2026 = { from: parisInstant("2026-04-01"), to: parisInstant("2026-05-01") };

function entry(id: string, start: string, end: string, extra: Partial<CalendarEntry> = {}): CalendarEntry {
  return { id, title: id, start: new Date(start), end: new Date(end), allDay: false, kind: "essai", ...extra };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function register(provider: CalendarProvider) {
  cleanups.push(registerCalendarProvider(provider));
}
/** A provider that always gives these entries (and declares these kinds). */
function registerEntries(id: string, entries: CalendarEntry[], kinds?: CalendarProvider["kinds"]) {
  register({ id, label: `Fournisseur ${id}`, ...(kinds && { kinds }), entriesFor: async () => entries });
}

describe("calendar provider registry", () => {
  it("registers the public holidays provider by default", () => {
    expect(registeredCalendarProviders().map((p) => p.id)).toContain("jours-feries");
    expect(calendarKinds()["jour-ferie"]).toEqual({ label: "Jour férié", colour: "green-emeraude" });
  });

  it("merges every provider's entries, sorted by start", async () => {
    registerEntries("essai-a", [
      entry("a-late", "2026-05-20T10:00:00Z", "2026-05-20T11:00:00Z"),
      entry("a-early", "2026-05-02T08:00:00Z", "2026-05-02T09:00:00Z"),
    ]);
    registerEntries("essai-b", [entry("b-mid", "2026-05-14T12:00:00Z", "2026-05-14T13:00:00Z")], {
      essai: { label: "Essai", colour: "pink-tuile" },
    });
    const entries = await calendarEntriesFor(userOf("53"), may2026);
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([
      "jour-ferie-2026-05-01",
      "a-early",
      "jour-ferie-2026-05-08",
      "jour-ferie-2026-05-14",
      "b-mid",
      "a-late",
      "jour-ferie-2026-05-25",
    ]);
    expect(calendarKinds().essai).toEqual({ label: "Essai", colour: "pink-tuile" });
  });

  it("is idempotent by id: registering the same id again replaces the provider", async () => {
    registerEntries("essai", [entry("old", "2026-05-05T08:00:00Z", "2026-05-05T09:00:00Z")]);
    registerEntries("essai", [entry("new", "2026-05-05T08:00:00Z", "2026-05-05T09:00:00Z")]);
    expect(registeredCalendarProviders().filter((p) => p.id === "essai")).toHaveLength(1);
    const ids = (await calendarEntriesFor(userOf(null), may2026)).map((e) => e.id);
    expect(ids).toContain("new");
    expect(ids).not.toContain("old");
  });

  it("the removal function only removes the provider it registered", () => {
    const first = registerCalendarProvider({ id: "essai", label: "Essai", entriesFor: async () => [] });
    const second = registerCalendarProvider({ id: "essai", label: "Essai 2", entriesFor: async () => [] });
    cleanups.push(second);
    first();
    expect(registeredCalendarProviders().find((p) => p.id === "essai")?.label).toBe("Essai 2");
  });

  it("keeps only entries overlapping the range, including instant deadlines", async () => {
    registerEntries("essai", [
      entry("before", "2026-04-30T08:00:00Z", "2026-04-30T09:00:00Z"),
      entry("ends-at-from", "2026-04-30T20:00:00Z", may2026.from.toISOString()),
      entry("straddles", "2026-04-30T20:00:00Z", "2026-05-01T08:00:00Z"),
      entry("deadline", "2026-05-31T21:00:00Z", "2026-05-31T21:00:00Z"),
      entry("starts-at-to", may2026.to.toISOString(), "2026-06-01T08:00:00Z"),
    ]);
    const ids = (await calendarEntriesFor(userOf(null), may2026)).filter((e) => e.kind === "essai").map((e) => e.id);
    expect(ids).toEqual(["straddles", "deadline"]);
  });

  it("fails when a provider fails, rather than showing an incomplete calendar", async () => {
    register({ id: "essai", label: "Essai", entriesFor: async () => Promise.reject(new Error("base indisponible")) });
    await expect(calendarEntriesFor(userOf(null), may2026)).rejects.toThrow("base indisponible");
  });

  it("passes the person and the range to each provider", async () => {
    const calls: unknown[] = [];
    register({
      id: "essai",
      label: "Essai",
      entriesFor: async (user, range) => (calls.push({ user: user.id, range }), []),
    });
    await calendarEntriesFor(userOf("53", { id: "u42" }), may2026);
    expect(calls).toEqual([{ user: "u42", range: may2026 }]);
  });
});

describe("public holidays provider", () => {
  it("gives 1 and 8 May, Ascension and Whit Monday in May 2026, as all-day Paris days", async () => {
    const entries = await publicHolidaysProvider.entriesFor(userOf("53"), may2026);
    expect(entries.map((e) => [e.id, e.title])).toEqual([
      ["jour-ferie-2026-05-01", "Fête du travail"],
      ["jour-ferie-2026-05-08", "Fête de la Victoire 1945"],
      ["jour-ferie-2026-05-14", "Ascension"],
      ["jour-ferie-2026-05-25", "Lundi de Pentecôte"],
    ]);
    const ascension = entries[2]!;
    expect(ascension).toMatchObject({ allDay: true, kind: "jour-ferie", description: "Jour férié national." });
    // Paris midnight to Paris midnight (UTC+2 in May).
    expect(ascension.start.toISOString()).toBe("2026-05-13T22:00:00.000Z");
    expect(ascension.end.toISOString()).toBe("2026-05-14T22:00:00.000Z");
    expect(ascension.url).toBeUndefined();
  });

  it("gives Good Friday to an MDPH of Moselle (57), not to one of Mayenne (53)", async () => {
    const moselle = await publicHolidaysProvider.entriesFor(userOf("57"), april2026);
    expect(moselle.map((e) => e.id)).toEqual(["jour-ferie-2026-04-03", "jour-ferie-2026-04-06"]);
    expect(moselle[0]).toMatchObject({
      title: expect.stringMatching(/Vendredi saint/i),
      description: "Jour férié local (Alsace-Moselle).",
    });

    const mayenne = await publicHolidaysProvider.entriesFor(userOf("53"), april2026);
    expect(mayenne.map((e) => e.id)).toEqual(["jour-ferie-2026-04-06"]);
  });

  it("gives Saint Stephen's Day (26 December) in Alsace-Moselle only", async () => {
    const december = { from: parisInstant("2026-12-01"), to: parisInstant("2027-01-01") };
    expect((await publicHolidaysProvider.entriesFor(userOf("67"), december)).map((e) => e.id)).toEqual([
      "jour-ferie-2026-12-25",
      "jour-ferie-2026-12-26",
    ]);
    expect((await publicHolidaysProvider.entriesFor(userOf(null), december)).map((e) => e.id)).toEqual([
      "jour-ferie-2026-12-25",
    ]);
  });

  it("gives the national holidays to an organisation without département", async () => {
    const entries = await publicHolidaysProvider.entriesFor(userOf(null), {
      from: parisInstant("2026-01-01"),
      to: parisInstant("2027-01-01"),
    });
    expect(entries).toHaveLength(11);
  });

  it("covers ranges across a new year and cuts at the range's Paris days", async () => {
    const range = { from: parisInstant("2026-12-25", "12:00"), to: parisInstant("2027-01-01", "00:01") };
    const entries = await publicHolidaysProvider.entriesFor(userOf(null), range);
    expect(entries.map((e) => e.id)).toEqual(["jour-ferie-2026-12-25", "jour-ferie-2027-01-01"]);
    expect(await publicHolidaysProvider.entriesFor(userOf(null), { from: range.to, to: range.from })).toEqual([]);
  });
});

describe("calendarUserById", () => {
  it("loads a person with their organisation's département, and refuses a deactivated one", async () => {
    const organisation = await createTestMdph("essai-cal", "MDPH essai");
    const roles = ["DIRECTEUR_MDPH"];
    const user = await createPerson({
      email: "cal@example.fr",
      organisationId: organisation.id,
      passwordHash: null,
      roles,
    });
    const loaded = await calendarUserById(user.id);
    expect(loaded).toMatchObject({
      id: user.id,
      roles: ["DIRECTEUR_MDPH"],
      organisation: { id: organisation.id, departementCode: null, shortName: "MDPH essai" },
    });
    expect(loaded?.organisation).not.toHaveProperty("active");

    await prisma.organisation.update({ where: { id: organisation.id }, data: { active: false } });
    expect(await calendarUserById(user.id)).toBeNull();
    expect(await calendarUserById("inconnu")).toBeNull();
  });
});
