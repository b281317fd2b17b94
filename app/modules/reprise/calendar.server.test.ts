import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person, repriseCast } from "../../../test/support/people";
import { resetClock, setClock } from "~/utils/clock.server";
import { parisInstant } from "~/utils/working-days";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { calendarEntriesFor, calendarKinds } from "~/modules/calendar/providers.server";
import { rangeDays, type CalendarEntry } from "~/modules/calendar/entry";
import { dispatchCampaign, dispatchEarly } from "./campaign.server";
import { actOnRequest, recordSignature } from "./request-commands.server";
import { getRequest, listRequests } from "./requests.server";
import { allDayEntry } from "~/modules/calendar/entry";
import { REPRISE_STATE_LABELS } from "../../../workflows/reprise";
import { calendarRanges } from "../../../test/support/calendar-ranges";
import { avenantAndListEntriesFromPrisma } from "../../../test/support/reprise-calendar-reference";
import { now } from "~/utils/clock.server";
import { shipment, signAndSubmit } from "../../../test/support/reprise-requests";
import {
  datedSteps,
  deadlineFactsOf,
  nextDeadline,
  nextDispatchDays,
  repriseCalendarProvider,
} from "./calendar.server";
import { orRefusal } from "~/utils/intent.server";

const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const range = (from: string, to: string) => ({ from: parisInstant(from), to: parisInstant(to) });
const winter = range("2026-11-01", "2027-02-01");

/** The requests' entries as the provider built them from the snapshots before decision 021. */
async function requestEntriesFromSnapshots(user: SessionUser, { from, to }: { from: Date; to: Date }) {
  const requests = await listRequests(user);
  if (!requests.ok) return [];
  const { firstDay, lastDay } = rangeDays({ from, to });
  return requests.value
    .filter((request) => request.workflow.status !== "annulee")
    .flatMap((request) =>
      datedSteps(request)
        .filter((step) => step.date >= firstDay && step.date <= lastDay)
        .map((step) =>
          allDayEntry(`reprise-${request.id}-${step.key}`, step.date, {
            title: `${request.reference} · ${step.label}`,
            kind: step.kind,
            url: `/reprises/${request.id}`,
            description: `${request.organisation.name}, demande ${request.application}. État : ${REPRISE_STATE_LABELS[request.workflow.status] ?? request.workflow.status}.`,
          }),
        ),
    );
}
const avenantsAndLists = (entries: CalendarEntry[]) =>
  entries
    .filter((e) => e.id.startsWith("reprise-avenant-") || e.id.startsWith("reprise-liste-"))
    .sort((a, b) => a.id.localeCompare(b.id));
const requestsOnly = (entries: CalendarEntry[]) =>
  entries
    .filter((e) => !e.id.startsWith("reprise-avenant-") && !e.id.startsWith("reprise-liste-"))
    .sort((a, b) => a.id.localeCompare(b.id));

const titles = (entries: CalendarEntry[]) => entries.map((e) => e.title);
const on = (entries: CalendarEntry[], title: string) => entries.find((e) => e.title === title);

let coordinator: SessionUser,
  director53: SessionUser,
  director80: SessionUser,
  dagemo: SessionUser,
  member: SessionUser;
let itac53: string;

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, director53, director80, dagemo } = await repriseCast());
  member = await person("membre@cnaf.example", "cnaf", ["MEMBRE_GT"]);
  itac53 = await signAndSubmit(director53, {
    signedOn: "2026-10-20",
    requestDate: "2026-11-02",
    desiredDate: "2026-12-10",
  });
  // The Somme signed its OPALES avenant but has not asked for its date yet.
  expect(
    await recordSignature(director80, {
      application: "OPALES",
      signedOn: "2026-11-02",
      signatoryName: "Jean Lenoir",
      signatoryFunction: "Directeur",
      designatedByCommission: "oui",
    }),
  ).toMatchObject({ ok: true });
});
afterAll(() => resetClock());

describe("reprise calendar provider", () => {
  it("shows a director their own request's dated steps and their avenant's request deadline, linked to the pages", async () => {
    const entries = await repriseCalendarProvider.entriesFor(director53, winter);
    const desired = on(entries, "ITAC-053-001 · date souhaitée de mise à disposition")!;
    expect(desired).toMatchObject({
      allDay: true,
      kind: "reprise-date",
      url: `/reprises/${itac53}`,
      start: parisInstant("2026-12-10"),
      end: parisInstant("2026-12-11"),
    });
    expect(desired.description).toContain("MDPH de la Mayenne");
    expect(on(entries, "Avenant ITAC · demande de date à faire au plus tard ce jour")).toMatchObject({
      kind: "reprise-echeance",
      url: "/mdph/reprises",
      start: parisInstant("2026-11-30"),
    });
    expect(on(entries, "Avenant ITAC · demande de date à faire au plus tard ce jour")!.description).toContain(
      "la demande est faite",
    );
    expect(titles(entries).some((t) => t.startsWith("Envoi de la liste"))).toBe(false);
  });

  it("never shows a director another MDPH's request, but shows their own late avenant", async () => {
    const entries = await repriseCalendarProvider.entriesFor(director80, winter);
    expect(titles(entries)).toEqual(["Avenant OPALES · demande de date à faire au plus tard ce jour"]);
    expect(entries[0].start).toEqual(parisInstant("2026-12-31"));
    expect(entries[0].description).toContain("aucune demande à ce jour");
    at("2027-01-04T09:00:00Z");
    expect((await repriseCalendarProvider.entriesFor(director80, winter))[0].description).toContain(
      "l'échéance est dépassée",
    );
    at("2026-11-02T09:00:00Z");
  });

  it("gives nothing, without failing, to people who see no reprise request, and nothing outside the range", async () => {
    expect(await repriseCalendarProvider.entriesFor(member, winter)).toEqual([]);
    expect(await repriseCalendarProvider.entriesFor(director53, range("2026-12-11", "2026-12-12"))).toEqual([]);
    expect(
      await repriseCalendarProvider.entriesFor(director53, {
        from: parisInstant("2026-12-12"),
        to: parisInstant("2026-12-11"),
      }),
    ).toEqual([]);
  });

  it("shows the coordinator the next dispatch day of each application, then the list actually sent", async () => {
    const before = await repriseCalendarProvider.entriesFor(coordinator, range("2026-11-01", "2026-12-01"));
    expect(on(before, "Envoi de la liste mensuelle ITAC de novembre 2026")).toMatchObject({
      kind: "reprise-envoi",
      start: parisInstant("2026-11-25"),
    });
    expect(on(before, "Envoi de la liste mensuelle OPALES de novembre 2026")).toMatchObject({
      start: parisInstant("2026-11-25"),
    });
    expect(await nextDispatchDays()).toEqual({ ITAC: "2026-11-25", OPALES: "2026-11-25" });

    at("2026-11-20T09:00:00Z");
    expect(await dispatchEarly(coordinator, "ITAC")).toMatchObject({ ok: true, sent: 1 });
    const after = await repriseCalendarProvider.entriesFor(coordinator, range("2026-11-01", "2026-12-01"));
    expect(on(after, "Liste ITAC de novembre 2026 envoyée")).toMatchObject({
      start: parisInstant("2026-11-20"),
      kind: "reprise-envoi",
    });
    expect(on(after, "Liste ITAC de novembre 2026 envoyée")!.description).toContain("envoi anticipé");
    expect(on(after, "Envoi de la liste mensuelle ITAC de novembre 2026")).toBeUndefined();
    expect(on(after, "Envoi de la liste mensuelle OPALES de novembre 2026")).toBeDefined();
    // ITAC's next list is December's (24th: the 25th is Christmas Day).
    expect(await nextDispatchDays()).toEqual({ ITAC: "2026-12-24", OPALES: "2026-11-25" });
  });

  it("shows the State service a request once a list carried it, with its answer deadline", async () => {
    const entries = await repriseCalendarProvider.entriesFor(dagemo, winter);
    expect(on(entries, "ITAC-053-001 · réponse attendue du service de l'État")).toMatchObject({
      kind: "reprise-echeance",
      start: parisInstant("2026-11-30"),
      url: `/reprises/${itac53}`,
    });
    expect(titles(entries).some((t) => t.startsWith("Avenant") || t.startsWith("Envoi"))).toBe(false);
    const request = orRefusal(await getRequest(dagemo, itac53));
    expect(nextDeadline(deadlineFactsOf(request), "2026-11-20", await nextDispatchDays())).toEqual({
      label: "Réponse du service de l'État attendue au plus tard",
      date: "2026-11-30",
      late: false,
    });
    expect(nextDeadline(deadlineFactsOf(request), "2026-12-01", await nextDispatchDays())).toMatchObject({
      late: true,
    });
  });

  it("follows the request through its binding date, shipment, reception, validation window and access cut", async () => {
    expect(await actOnRequest(dagemo, itac53, { type: "CONFIRMER_DATE" })).toMatchObject({ ok: true, status: "datee" });
    at("2026-12-10T09:00:00Z");
    expect(await actOnRequest(dagemo, itac53, { type: "EXTRAIRE", date: "2026-12-10" })).toMatchObject({ ok: true });
    at("2026-12-11T09:00:00Z");
    expect(await actOnRequest(dagemo, itac53, shipment("2026-12-11"))).toMatchObject({ ok: true });
    at("2026-12-14T09:00:00Z");
    expect(await actOnRequest(director53, itac53, { type: "RECEPTIONNER", date: "2026-12-14" })).toMatchObject({
      ok: true,
      status: "enValidation",
    });

    const entries = await repriseCalendarProvider.entriesFor(director53, winter);
    const dayOf = (title: string) => on(entries, `ITAC-053-001 · ${title}`)?.start;
    expect(dayOf("date de mise à disposition arrêtée")).toEqual(parisInstant("2026-12-10"));
    expect(dayOf("expédition des fichiers (DVD)")).toEqual(parisInstant("2026-12-11"));
    expect(dayOf("réception des fichiers")).toEqual(parisInstant("2026-12-14"));
    // 15 working days, Christmas and New Year's Day excluded.
    expect(on(entries, "ITAC-053-001 · fin du délai de validation")).toMatchObject({
      kind: "reprise-echeance",
      start: parisInstant("2027-01-06"),
    });
    expect(dayOf("coupure possible de l'accès à ITAC")).toEqual(parisInstant("2026-12-28"));
    const request = orRefusal(await getRequest(director53, itac53));
    expect(nextDeadline(deadlineFactsOf(request), "2026-12-14", await nextDispatchDays())).toEqual({
      label: "Fin du délai de validation",
      date: "2027-01-06",
      late: false,
    });
  });

  it("is registered with the calendar: the page and the ICS feed get the entries with their kinds", async () => {
    const entries = await calendarEntriesFor(director53, range("2027-01-01", "2027-02-01"));
    expect(titles(entries)).toContain("ITAC-053-001 · fin du délai de validation");
    expect(titles(entries)).toContain("Nouvel An");
    expect(calendarKinds()["reprise-echeance"]).toEqual({
      label: "Échéance de reprise",
      colour: "orange-terre-battue",
    });
  });

  it("leaves a cancelled request off the calendar", async () => {
    const itac80 = await signAndSubmit(director80, {
      signedOn: "2026-12-01",
      signatoryName: "Jean Lenoir",
      signatoryFunction: "Directeur",
      requestDate: "2026-12-14",
      desiredDate: "2027-01-20",
    });
    expect(titles(await repriseCalendarProvider.entriesFor(director80, winter))).toContain(
      "ITAC-080-001 · date souhaitée de mise à disposition",
    );
    expect(
      await actOnRequest(director80, itac80, { type: "ANNULER", reason: "Changement de calendrier" }),
    ).toMatchObject({ ok: true, status: "annulee" });
    expect(
      titles(await repriseCalendarProvider.entriesFor(director80, winter)).filter((t) => t.startsWith("ITAC-080")),
    ).toEqual([]);
  });

  it("reads the requests' dated steps from the projection as the snapshots gave them, in every range", async () => {
    let seen = 0;
    for (const someone of [coordinator, director53, director80, dagemo, member]) {
      for (const r of calendarRanges()) {
        const before = requestsOnly(await requestEntriesFromSnapshots(someone, r));
        expect(
          requestsOnly(await repriseCalendarProvider.entriesFor(someone, r)),
          `${someone.email} ${r.label}`,
        ).toEqual(before);
        seen += before.length;
      }
    }
    expect(seen).toBeGreaterThan(20);
  });

  it("reads the avenants' deadlines and the monthly lists in SQL as Prisma gave them, in every range", async () => {
    // A list that left early (ITAC, November), one that left on its day (OPALES, January), one
    // planned; avenants with and without a request, one late.
    at("2027-01-25T09:00:00Z");
    expect(await dispatchCampaign({ application: "OPALES", month: "2027-01", actor: null, now: now() })).toMatchObject({
      ok: true,
    });
    let seen = 0;
    for (const day of ["2026-11-02T09:00:00Z", "2027-01-25T12:00:00Z"]) {
      at(day);
      for (const someone of [coordinator, director53, director80, dagemo, member]) {
        for (const r of calendarRanges()) {
          const before = avenantsAndLists(await avenantAndListEntriesFromPrisma(someone, r, now()));
          expect(
            avenantsAndLists(await repriseCalendarProvider.entriesFor(someone, r)),
            `${someone.email} ${r.label} ${day}`,
          ).toEqual(before);
          seen += before.length;
        }
      }
    }
    expect(seen).toBeGreaterThan(40);
  });
});
