import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { person } from "../../../../test/support/people";
import { valueOf } from "../../../../test/support/result";
import { loadDemoWorld, type DemoPeople } from "../../../../test/support/demo";
import { groupPageThroughPrisma } from "../../../../test/support/group-page-reference";
import { actOnActionItem, createActionItem } from "../actions.server";
import { groupPageView } from "./group-page.server";

let people: DemoPeople, outsider: SessionUser;
const START = Date.parse("2026-11-24T09:00:00Z");
const GROUPS = ["refonte-formulaire", "sphere-famille", "groupe-technique", "sphere-emploi", "instance-pilotage"];

beforeAll(async () => {
  people = await loadDemoWorld(new Date(START));
  outsider = await person("membre@msa.example", "msa", ["MEMBRE_GT"]);
  // Actions in several groups, some decided in a meeting, with one to three actors, due on different days
  // (some on the same day), some started, done, abandoned or postponed (the machine's due day moves).
  const meeting = await prisma.meeting.findFirstOrThrow({ where: { group: { code: "refonte-formulaire" } } });
  for (let i = 0; i < 30; i++) {
    setClock(new Date(START + i * 1000), { frozen: true });
    const code = GROUPS[i % 4]!;
    const members = await prisma.workGroupMember.findMany({ where: { group: { code } }, orderBy: { role: "asc" } });
    const owners = members.slice(0, 1 + (i % 3)).map((m) => m.organisationId);
    const dueOn = `2027-0${1 + (i % 5)}-${String(10 + (i % 3)).padStart(2, "0")}`;
    const { id } = valueOf(
      await createActionItem(people.coordinator, code, {
        title: `Action ${i}`,
        organisationIds: owners,
        dueOn,
        meetingId: code === "refonte-formulaire" && i % 2 === 0 ? meeting.id : null,
      }),
    );
    const act = (event: Parameters<typeof actOnActionItem>[3]) =>
      actOnActionItem(people.coordinator, code, id, event).then(valueOf);
    if (i % 6 === 1) await act({ type: "COMMENCER" });
    if (i % 6 === 2) await act({ type: "TERMINER", doneOn: "2026-11-24" });
    if (i % 6 === 3) await act({ type: "ABANDONNER", reason: "Sans objet" });
    if (i % 6 === 4) await act({ type: "REPORTER", dueOn: "2027-07-01" });
  }
});
afterAll(() => resetClock());

describe("a group's page on the read connection (decision 021)", () => {
  it("shows what the Prisma read model showed, for each group, person and day", async () => {
    let compared = 0;
    for (const day of ["2026-11-24T09:00:00Z", "2027-02-11T09:00:00Z", "2027-08-01T09:00:00Z"]) {
      setClock(new Date(day), { frozen: true });
      for (const someone of [...Object.values(people), outsider]) {
        for (const code of GROUPS) {
          const view = await groupPageView(someone, code);
          if (!view.ok) {
            // Out of scope: the same 404 as the group's other pages.
            expect(view).toMatchObject({ code: "INTROUVABLE" });
            continue;
          }
          expect(view.value.timeline.map(({ payload: _p, ...item }) => item)).toEqual(
            (await groupPageThroughPrisma(someone, code)).timeline,
          );
          expect({ ...view.value, timeline: null }).toEqual({
            ...(await groupPageThroughPrisma(someone, code)),
            timeline: null,
          });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
    // The data do exercise several actors, late and postponed actions, meetings and steps.
    setClock(new Date("2027-02-11T09:00:00Z"), { frozen: true });
    const refonte = valueOf(await groupPageView(people.coordinator, "refonte-formulaire"));
    expect(refonte.actions.some((a) => a.organisations.includes(", "))).toBe(true);
    expect(refonte.actions.some((a) => a.overdue)).toBe(true);
    expect(refonte.meetings.some((m) => m.actions > 1 && m.attendees > 0)).toBe(true);
    expect(valueOf(await groupPageView(people.coordinator, "sphere-famille")).events.length).toBeGreaterThan(0);
    expect(await groupPageView(outsider, "sphere-emploi")).toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(await groupPageView(people.coordinator, "groupe-inconnu")).toMatchObject({ ok: false, code: "INTROUVABLE" });
  });
});
