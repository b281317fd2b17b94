import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { field, tagged } from "~/modules/workflow/queries.server";
import { person } from "../../../../test/support/people";
import { valueOf } from "../../../../test/support/result";
import { loadDemoWorld } from "../../../../test/support/demo";
import { actOnActionItem, createActionItem } from "../actions.server";
import { readableGroupIds } from "../policy.server";
import { daysBetween, WORK_GROUP_STATE_LABELS } from "../labels";
import { openActions, type ActionRow, type LateLetter } from "../dashboard.server";
import { countOverdueActions, lateLetters, overdueActions } from "./dashboard.server";

/** The overdue actions as the Prisma read model listed them before decision 021 (every row). */
async function overdueThroughPrisma(user: SessionUser, today: string): Promise<ActionRow[]> {
  const where = user.roles.includes("COORDINATEUR_CNSA") ? {} : { groupId: { in: await readableGroupIds(user) } };
  return (await openActions({ AND: [where, { dueOn: { lt: today } }] }, today)).filter((r) => r.overdue);
}

/** The late letters as the Prisma read model listed them before decision 021. */
async function lateLettersThroughPrisma(today: string): Promise<LateLetter[]> {
  const groups = await prisma.workGroup.findMany({
    where: { letterDueOn: { lt: today }, workflow: { AND: [tagged("enConstitution"), field("validatedAt", null)] } },
    orderBy: [{ letterDueOn: "asc" }, { name: "asc" }],
    include: { workflow: { select: { status: true } }, pilotOrganisation: { select: { shortName: true } } },
  });
  return groups.map((g) => ({
    code: g.code,
    name: g.name,
    letterDueOn: g.letterDueOn!,
    daysLate: daysBetween(g.letterDueOn!, today),
    status: g.workflow.status,
    statusLabel: WORK_GROUP_STATE_LABELS[g.workflow.status] ?? g.workflow.status,
    pilot: g.pilotOrganisation?.shortName ?? null,
  }));
}

let coordinator: SessionUser, director53: SessionUser, cnaf: SessionUser, outsider: SessionUser;
const DAYS = ["2026-11-24", "2026-12-20", "2027-01-01", "2027-02-15", "2027-06-30"];

beforeAll(async () => {
  ({ coordinator, director53, cnaf } = await loadDemoWorld(new Date("2026-11-24T09:00:00Z")));
  outsider = await person("membre@msa.example", "msa", ["MEMBRE_GT"]);
  // Actions in several groups, due on different days (some on the same day), with several actors, some
  // started, done or abandoned: overdue ones are open and due before the day asked.
  const groups = ["refonte-formulaire", "sphere-famille", "groupe-technique", "sphere-emploi"];
  for (let i = 0; i < 24; i++) {
    setClock(new Date(Date.parse("2026-11-24T09:00:00Z") + i * 1000), { frozen: true });
    const code = groups[i % groups.length]!;
    const dueOn = `2027-0${1 + (i % 5)}-${String(10 + (i % 3)).padStart(2, "0")}`;
    const members = await prisma.workGroupMember.findMany({
      where: { group: { code } },
      orderBy: { organisationId: "asc" },
    });
    const owners = members.slice(0, 1 + (i % 3)).map((m) => m.organisationId);
    const { id } = valueOf(
      await createActionItem(coordinator, code, { title: `Action ${i}`, organisationIds: owners, dueOn }),
    );
    if (i % 6 === 1) valueOf(await actOnActionItem(coordinator, code, id, { type: "COMMENCER" }));
    if (i % 6 === 2) valueOf(await actOnActionItem(coordinator, code, id, { type: "TERMINER", doneOn: "2026-11-24" }));
    if (i % 6 === 3)
      valueOf(await actOnActionItem(coordinator, code, id, { type: "ABANDONNER", reason: "Sans objet" }));
  }
  setClock(new Date("2026-11-24T09:00:00Z"), { frozen: true });
});
afterAll(() => resetClock());

describe("work-group dashboard read models (decision 021)", () => {
  it("lists the overdue actions as the Prisma read model did, for each person and day", async () => {
    for (const someone of [coordinator, director53, cnaf, outsider]) {
      for (const today of DAYS) {
        const before = await overdueThroughPrisma(someone, today);
        expect(await overdueActions(someone, today)).toEqual(before);
        expect(await overdueActions(someone, today, { limit: 10 })).toEqual(before.slice(0, 10));
        expect(await countOverdueActions(someone, today)).toBe(before.length);
      }
    }
    // The data do exercise the limit and the actors' order.
    expect(await countOverdueActions(coordinator, "2027-06-30")).toBeGreaterThan(10);
    expect((await overdueActions(coordinator, "2027-06-30")).some((a) => a.organisations.length > 1)).toBe(true);
  });

  it("lists the late mission letters as the Prisma read model did", async () => {
    for (const today of DAYS) expect(await lateLetters(today)).toEqual(await lateLettersThroughPrisma(today));
    expect((await lateLetters("2027-01-01")).map((l) => l.code)).toEqual([
      "groupe-technique",
      "instance-pilotage",
      "sphere-famille",
    ]);
  });
});
