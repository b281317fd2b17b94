import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock } from "~/utils/clock.server";
import { addWorkingDays } from "~/utils/working-days.server";
import { projected, projection } from "~/modules/workflow/queries.server";
import { valueOf } from "../../../../test/support/result";
import { loadDemoWorld, type DemoPeople } from "../../../../test/support/demo";
import { actOnGroup } from "../group-commands.server";
import { saveLetter } from "../letter.server";
import type { DeadlineRow } from "../dashboard.server";
import type { GroupKind } from "../labels";
import { deliverablesTable } from "./deliverables.server";

/** The table as the Prisma read model built it before decision 021. */
async function deliverablesThroughPrisma(): Promise<DeadlineRow[]> {
  const groups = await prisma.workGroup.findMany({
    include: { deliverables: true, workflow: { select: { status: true, ...projection } } },
  });
  const rows: DeadlineRow[] = [];
  for (const g of groups) {
    const group = { code: g.code, name: g.name, kind: g.kind as GroupKind };
    const status = g.workflow.status;
    if (g.letterDueOn) {
      rows.push({
        group,
        type: "LETTRE",
        title: "Lettre de mission",
        dueOn: g.letterDueOn,
        validationDays: null,
        validationEndsOn: null,
        done: projected(g.workflow).fields.validatedAt !== null,
        status,
      });
    }
    for (const d of g.deliverables) {
      rows.push({
        group,
        type: "LIVRABLE",
        title: d.title,
        dueOn: d.dueOn,
        validationDays: d.validationDays,
        validationEndsOn: addWorkingDays(d.dueOn, d.validationDays),
        done: false,
        status,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.dueOn.localeCompare(b.dueOn) ||
      a.group.name.localeCompare(b.group.name, "fr") ||
      a.title.localeCompare(b.title, "fr"),
  );
}

let people: DemoPeople;
const LETTER = JSON.stringify({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }],
});

beforeAll(async () => {
  people = await loadDemoWorld(new Date("2026-11-24T09:00:00Z"));
  // Deliverables in several groups, due on the same days as each other and as letters, titles that sort
  // differently with accents, validation periods across holidays.
  for (const [code, titles] of [
    ["sphere-emploi", ["Étude d'impact", "Cahier des charges", "avis"]],
    ["sphere-education", ["Cahier des charges", "Écrits"]],
    ["groupe-technique", ["Spécification", "Échéancier"]],
  ] as const) {
    const group = await prisma.workGroup.findUniqueOrThrow({ where: { code }, include: { members: true } });
    valueOf(
      await saveLetter(
        people.coordinator,
        code,
        {
          missionLetter: LETTER,
          roles: Object.fromEntries(group.members.map((m) => [m.organisationId, "Membre"])),
          deliverables: titles.map((title, i) => ({
            title,
            dueOn: ["2026-12-31", "2027-01-31", "2027-05-01"][i]!,
            validationDays: 10 + i,
          })),
        },
        group.rowVersion,
      ),
    );
  }
  // One letter validated: its row is done.
  valueOf(await actOnGroup(people.coordinator, "sphere-emploi", "VALIDER_PILOTE"));
  valueOf(await actOnGroup(people.coordinator, "sphere-emploi", "VALIDER"));
});
afterAll(() => resetClock());

describe("the deliverables table on the read connection (decision 021)", () => {
  it("lists the letters and deliverables as the Prisma read model did", async () => {
    const before = await deliverablesThroughPrisma();
    expect(await deliverablesTable()).toEqual(before);
    // The data do exercise validated and pending letters, and rows due on the same day in several groups.
    expect(before.some((r) => r.type === "LETTRE" && r.done)).toBe(true);
    expect(before.some((r) => r.type === "LETTRE" && !r.done)).toBe(true);
    expect(new Set(before.filter((r) => r.dueOn === "2027-01-31").map((r) => r.group.code)).size).toBeGreaterThan(2);
  });
});
