import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { rangeDays, type CalendarEntry, type CalendarRange } from "~/modules/calendar/entry";
import { projected, projection, tagged } from "~/modules/workflow/queries.server";
import { readableRfcWhere } from "~/modules/rfc/policy.server";
import { rfcCalendarProvider } from "~/modules/rfc/calendar.server";
import { versionPath } from "~/modules/rfc/workflow.server";
import { createRfc } from "~/modules/rfc/rfc-commands.server";
import { openCycle } from "~/modules/rfc/cycle-commands.server";
import { can } from "~/utils/permissions";
import { loadDemoWorld } from "../../../test/support/demo";
import { person } from "../../../test/support/people";
import { valueOf } from "../../../test/support/result";
import { calendarRanges } from "../../../test/support/calendar-ranges";
import { actOnActionItem, createActionItem } from "./actions.server";
import { createMeeting } from "./meetings.server";
import { actionEntry, deliverableEntries, groupCalendarProvider, letterEntry, meetingEntry } from "./calendar.server";
import { readableGroupIds } from "./policy.server";

/** The groups' entries as the provider read them through Prisma before decision 021. */
async function groupEntriesThroughPrisma(user: SessionUser, range: CalendarRange): Promise<CalendarEntry[]> {
  if (!(range.from < range.to)) return [];
  const groupIds = await readableGroupIds(user);
  if (groupIds.length === 0) return [];
  const { firstDay, lastDay, inRange } = rangeDays(range);
  const entries: CalendarEntry[] = [];

  const meetings = await prisma.meeting.findMany({
    where: { groupId: { in: groupIds }, startsAt: { lt: range.to }, endsAt: { gt: range.from } },
    include: { group: { select: { code: true, name: true } } },
  });
  for (const m of meetings) entries.push(meetingEntry(m, m.group));

  const actions = await prisma.actionItem.findMany({
    where: {
      groupId: { in: groupIds },
      dueOn: { gte: firstDay, lte: lastDay },
      workflow: tagged("ouverte"),
    },
    include: {
      group: { select: { code: true, name: true } },
      workflow: { select: { status: true } },
      organisations: { include: { organisation: { select: { shortName: true } } } },
    },
  });
  for (const a of actions) {
    const actors = a.organisations.map((o) => o.organisation.shortName);
    entries.push(actionEntry({ ...a, status: a.workflow.status }, actors, a.group));
  }

  const groups = await prisma.workGroup.findMany({
    where: { id: { in: groupIds } },
    include: { deliverables: true, workflow: { select: projection } },
  });
  for (const g of groups) {
    if (g.letterDueOn && inRange(g.letterDueOn) && projected(g.workflow).fields.validatedAt === null)
      entries.push(letterEntry(g.id, g.letterDueOn, g));
    for (const d of g.deliverables) entries.push(...deliverableEntries(d, g, inRange));
  }
  return entries;
}

/** The RFC deadlines as the provider read them through Prisma before decision 021. */
async function rfcEntriesThroughPrisma(user: SessionUser, { from, to }: CalendarRange): Promise<CalendarEntry[]> {
  if (!(from < to) || !can(user, "read:rfc")) return [];
  const versions = await prisma.rfcVersion.findMany({
    where: {
      deadline: { gte: new Date(from.getTime() - 1), lt: to },
      workflow: { type: "rfc-cycle", status: { not: "brouillon" } },
      rfc: await readableRfcWhere(user),
    },
    include: { rfc: { select: { number: true, title: true, group: { select: { name: true } } } } },
  });
  return versions.map((v): CalendarEntry => ({
    id: `rfc-echeance-${v.id}`,
    title: `${v.rfc.number} v${v.number} : fin des commentaires`,
    start: v.deadline!,
    end: v.deadline!,
    allDay: false,
    kind: "rfc-echeance",
    url: versionPath(v.rfc.number, v.number),
    description: `Échéance de l'appel à commentaires « ${v.rfc.title} » (groupe ${v.rfc.group.name}), version ${v.number}.`,
  }));
}

const byId = (entries: CalendarEntry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

let people: SessionUser[] = [];

beforeAll(async () => {
  const demo = await loadDemoWorld(new Date("2026-09-01T09:00:00Z"));
  const { coordinator } = demo;
  people = [
    coordinator,
    demo.director53,
    demo.pilotFT,
    demo.cnaf,
    demo.dgefp,
    await person("membre@msa.example", "msa", ["MEMBRE_GT"]),
  ];
  // Actions due across month ends and clock changes, some started, done or abandoned; meetings
  // across midnight and the clock changes.
  const groups = ["refonte-formulaire", "sphere-famille", "groupe-technique", "sphere-emploi"];
  const dues = [
    "2026-10-24",
    "2026-10-25",
    "2026-10-26",
    "2026-10-31",
    "2026-11-01",
    "2026-11-30",
    "2026-12-31",
    "2027-01-01",
    "2027-03-28",
    "2027-03-29",
    "2027-03-31",
  ];
  for (let i = 0; i < 22; i++) {
    const code = groups[i % groups.length]!;
    const members = await prisma.workGroupMember.findMany({
      where: { group: { code } },
      orderBy: { organisationId: "asc" },
    });
    const owners = members.slice(0, 1 + (i % 3)).map((m) => m.organisationId);
    const { id } = valueOf(
      await createActionItem(coordinator, code, {
        title: `Action ${i}`,
        organisationIds: owners,
        dueOn: dues[i % dues.length]!,
      }),
    );
    if (i % 5 === 1) valueOf(await actOnActionItem(coordinator, code, id, { type: "COMMENCER" }));
    if (i % 5 === 2) valueOf(await actOnActionItem(coordinator, code, id, { type: "TERMINER", doneOn: "2026-09-01" }));
    if (i % 5 === 3)
      valueOf(await actOnActionItem(coordinator, code, id, { type: "ABANDONNER", reason: "Sans objet" }));
  }
  for (const [i, date] of ["2026-10-24", "2026-10-25", "2026-11-30", "2026-12-31", "2027-03-28"].entries()) {
    valueOf(
      await createMeeting(coordinator, groups[i % groups.length]!, {
        date,
        startTime: i % 2 === 0 ? "22:30" : "01:30",
        endTime: i % 2 === 0 ? "23:30" : "04:00",
        place: "CNSA, Paris",
        attendeeIds: [coordinator.id],
        agenda: JSON.stringify({
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Ordre du jour" }] }],
        }),
      }),
    );
  }
  // RFC cycles of the coordinator's group, due across a month end and both clock changes: one open
  // to a member, one to every MDPH, one to a member and the conseils; and a draft.
  const invitedId = (
    await prisma.workGroupMember.findFirstOrThrow({
      where: { group: { code: "refonte-formulaire" }, organisation: { kind: { not: "CNSA" } } },
    })
  ).organisationId;
  const deadlines = ["2026-10-25T22:59:00.000Z", "2026-11-30T22:59:00.000Z", "2027-03-28T21:59:00.000Z", null];
  for (const [i, deadline] of deadlines.entries()) {
    const { number } = valueOf(
      await createRfc(coordinator, "refonte-formulaire", {
        title: `Cycle ${i}`,
        document: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Texte." }] }] },
      }),
    );
    if (!deadline) continue;
    const version = await prisma.rfcVersion.findFirstOrThrow({
      where: { rfc: { number } },
      include: { workflow: true },
    });
    valueOf(
      await openCycle(coordinator, number, 1, {
        deadline: new Date(deadline),
        organisationIds: i === 1 ? [] : [invitedId],
        allMdph: i === 1,
        allConseils: i === 2,
        expectedRowVersion: version.workflow.rowVersion,
      }),
    );
  }
});
afterAll(() => resetClock());

describe("the groups' and RFC calendar providers on the read connection (decision 021)", () => {
  it("give every person the entries the Prisma providers gave, in every range", async () => {
    let groupEntries = 0;
    let rfcEntries = 0;
    for (const someone of people) {
      for (const range of calendarRanges()) {
        const label = `${someone.email} ${range.label}`;
        const groups = byId(await groupEntriesThroughPrisma(someone, range));
        expect(byId(await groupCalendarProvider.entriesFor(someone, range)), label).toEqual(groups);
        const rfcs = byId(await rfcEntriesThroughPrisma(someone, range));
        expect(byId(await rfcCalendarProvider.entriesFor(someone, range)), label).toEqual(rfcs);
        rfcEntries += rfcs.length;
        groupEntries += groups.length;
      }
    }
    expect(groupEntries).toBeGreaterThan(50);
    expect(rfcEntries).toBeGreaterThan(6);
  });
});
