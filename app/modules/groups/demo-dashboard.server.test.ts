import { orRefusal } from "~/utils/intent.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { calendarEntriesFor } from "~/modules/calendar/providers.server";
import { parisInstant } from "~/utils/working-days";
import { person } from "../../../test/support/people";
import { loadDemoData } from "../../../seeds/demo.server";
import { loadDemoWorld } from "../../../test/support/demo";
import { groupCalendarProvider } from "./calendar.server";
import { groupsOverview, myActions } from "./dashboard.server";
import { deliverablesTable } from "./queries/deliverables.server";
import { lateLetters, overdueActions } from "./queries/dashboard.server";
import { groupPageView } from "./queries/group-page.server";
import { getGroup, listGroups } from "./group-queries.server";
import { WORK_GROUP_STATE_LABELS } from "./labels";

let coordinator: SessionUser,
  director53: SessionUser,
  pilotFT: SessionUser,
  cnaf: SessionUser,
  dgefp: SessionUser,
  outsider: SessionUser;

beforeAll(async () => {
  ({ coordinator, director53, pilotFT, cnaf, dgefp } = await loadDemoWorld(new Date("2026-11-24T09:00:00Z")));
  outsider = await person("membre@msa.example", "msa", ["MEMBRE_GT"]);
});
afterAll(() => resetClock());

describe("demo work groups (compte rendu du 23/03/2007)", () => {
  it("loads the seven groups with their members, proposed pilots and states, once", async () => {
    const groups = orRefusal(await listGroups(coordinator));
    const summary = Object.fromEntries(
      groups.map((g) => [
        g.code,
        [WORK_GROUP_STATE_LABELS[g.status], g.pilot?.shortName, g.pilot?.validated, g.memberCount, g.letterDueOn],
      ]),
    );
    expect(summary).toEqual({
      "instance-pilotage": ["Proposé", "CNSA", true, 4, "2026-12-31"],
      "sphere-famille": ["Lettre de mission rédigée", "CNSA", true, 4, "2026-12-31"],
      "sphere-emploi": ["Proposé", "France Travail", false, 5, "2027-01-31"],
      "sphere-education": ["Proposé", "MENESR", false, 4, "2027-01-31"],
      "sphere-maladie-medico-social": ["Proposé", "CNSA", true, 5, "2027-01-31"],
      "refonte-formulaire": ["Travaux engagés", "CNSA", true, 3, null],
      "groupe-technique": ["Proposé", "CNSA", true, 3, "2026-12-31"],
    });
    const refonte = orRefusal(await getGroup(coordinator, "refonte-formulaire"));
    expect(refonte.completeness).toMatchObject({ perimeter: true, roles: true, deliverables: true });
    const refontePage = orRefusal(await groupPageView(coordinator, "refonte-formulaire"));
    expect(refontePage.meetings).toHaveLength(1);
    expect(refontePage.actions.map((a) => a.status)).toEqual(["enCours", "enCours"]);
    // The famille letter is a draft: validating it would say what is missing.
    expect(orRefusal(await getGroup(coordinator, "sphere-famille")).problems).toEqual([
      "La lettre de mission est incomplète : il manque le rôle de CNAF, MDPH 53 et MDPH 80 ; au moins un livrable avec sa date de livraison et sa période de validation.",
    ]);
    await loadDemoData();
    expect(await prisma.workGroup.count()).toBe(7);
    expect(await prisma.actionItem.count()).toBe(2);
  });

  it("shows the overdue action to the coordinator and to the responsible MDPH, not to a member of another group", async () => {
    const today = "2026-11-24";
    const all = await overdueActions(coordinator, today);
    expect(all.map((a) => [a.title, a.organisations, a.daysLate])).toEqual([
      ["Recenser les pièces justificatives demandées par chaque MDPH", ["MDPH 53", "MDPH 80"], 5],
    ]);
    expect((await overdueActions(director53, today)).map((a) => a.title)).toEqual([
      "Recenser les pièces justificatives demandées par chaque MDPH",
    ]);
    expect(await overdueActions(cnaf, today)).toEqual([]);
    const mine = await myActions(director53, today);
    expect(mine.map((a) => [a.title, a.overdue])).toEqual([
      ["Recenser les pièces justificatives demandées par chaque MDPH", true],
    ]);
    expect((await myActions(coordinator, today)).map((a) => [a.title, a.overdue, a.dueOn])).toEqual([
      ["Proposer une première maquette du formulaire unique", false, "2026-12-15"],
    ]);
  });

  it("lists late mission letters and every group's deadlines for the steering body", async () => {
    expect(await lateLetters("2026-12-31")).toEqual([]);
    expect((await lateLetters("2027-01-01")).map((l) => [l.code, l.daysLate])).toEqual([
      ["groupe-technique", 1],
      ["instance-pilotage", 1],
      ["sphere-famille", 1],
    ]);
    const table = await deliverablesTable();
    expect(
      table.filter((r) => r.type === "LIVRABLE").map((r) => [r.group.code, r.title, r.dueOn, r.validationEndsOn]),
    ).toEqual([
      ["refonte-formulaire", "Formulaire de demande unique révisé", "2027-01-31", "2027-02-19"],
      [
        "refonte-formulaire",
        "Spécification du formulaire dématérialisé (format d'échange)",
        "2027-03-31",
        "2027-04-28",
      ],
    ]);
    expect(table.filter((r) => r.type === "LETTRE")).toHaveLength(6);
  });

  it("gives each person an overview of the groups they read; the steering body's MDPH reads them all", async () => {
    expect((await groupsOverview(cnaf)).map((g) => g.code)).toEqual(["sphere-famille"]);
    expect((await groupsOverview(dgefp)).map((g) => g.code)).toEqual(["sphere-emploi"]);
    const pilot = await groupsOverview(pilotFT);
    expect(pilot).toEqual([
      expect.objectContaining({
        code: "sphere-emploi",
        piloting: true,
        pilot: { shortName: "France Travail", validated: false },
      }),
    ]);
    expect(await groupsOverview(director53)).toHaveLength(7);
    expect(await groupsOverview(outsider)).toEqual([]);
  });
});

describe("work groups calendar", () => {
  const winter = { from: parisInstant("2026-11-01"), to: parisInstant("2027-05-01") };
  it("shows a member the dates of their groups only, the steering body and coordinator every group's", async () => {
    const titles = async (u: SessionUser) =>
      (await groupCalendarProvider.entriesFor(u, winter)).map((e) => e.title).sort();
    expect(await titles(cnaf)).toEqual(["Lettre de mission attendue · Sphère famille"]);
    expect(await titles(outsider)).toEqual([]);
    const everything = await titles(coordinator);
    expect(everything).toEqual(await titles(director53));
    expect(everything).toEqual(
      expect.arrayContaining([
        "Réunion · Refonte et dématérialisation du formulaire",
        "Action · Recenser les pièces justificatives demandées par chaque MDPH",
        "Livrable · Formulaire de demande unique révisé",
        "Fin de validation · Formulaire de demande unique révisé",
        "Lettre de mission attendue · Sphère emploi",
      ]),
    );
    // No letter entry for the validated group.
    expect(everything.filter((t) => t.startsWith("Lettre de mission attendue"))).toHaveLength(6);
    const meeting = (await calendarEntriesFor(dgefp, winter)).filter((e) => e.kind.startsWith("groupe-"));
    expect(meeting.map((e) => e.title)).toEqual(["Lettre de mission attendue · Sphère emploi"]);
  });
});
