/**
 * The version page's header on the read connection: through a cycle's every state, for the pilot,
 * an invited member and the coordinator, the same version, group, cycle facts, events offered,
 * invitations (same order, same answers) and timeline as the Prisma read model that read the
 * snapshot (test/support/rfc-version-reference.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { rfcAccess, rfcAccessFrom, rfcFacts, steeringOrganisationIds } from "~/modules/groups/policy.server";
import { people } from "../../../../test/support/people";
import { valueOf } from "../../../../test/support/result";
import { GROUP, openToCnaf, paragraphs, rfcCast, versionRow } from "../../../../test/support/rfc";
import { versionViewThroughPrisma } from "../../../../test/support/rfc-version-reference";
import { disposeComment, postComment } from "../comments.server";
import { concludeCycle, extendCycle } from "../cycle-commands.server";
import { notFound, rfcByNumber } from "../policy.server";
import { readableVersion } from "./version.server";
import { versionView } from "../read-models.server";
import { createRfc } from "../rfc-commands.server";

let pilot: SessionUser, cnaf: SessionUser, coordinator: SessionUser;
let number = "";

type View = Awaited<ReturnType<typeof versionViewThroughPrisma>> | Awaited<ReturnType<typeof versionView>>;

/** What the page shows of a view: the parsed text, and of the cycle's context the facts it displays. */
function shown(result: View) {
  const view = valueOf(result);
  const { openedAt, deadline, closedAt, outcome, conclusion } = view.version.context;
  return {
    ...view,
    version: {
      ...view.version,
      document: view.version.document,
      context: { openedAt, deadline, closedAt, outcome, conclusion },
    },
  };
}

/** The read model answers, for each person and at `at`, what the Prisma read model answered. */
async function sameAsBefore(versionNumber: number, at: string) {
  const now = new Date(at);
  for (const user of [pilot, cnaf, coordinator]) {
    const before = shown(await versionViewThroughPrisma(user, number, versionNumber, now));
    expect(shown(await versionView(user, number, versionNumber, now)), `${user.email} at ${at}`).toEqual(before);
  }
}

const rowVersion = async (n = 1) => (await versionRow(number, n)).workflow.rowVersion;

beforeAll(async () => {
  ({ pilot, cnaf, coordinator } = await rfcCast());
  const created = await createRfc(pilot, GROUP, {
    title: "Format d'échange",
    document: paragraphs("Le formulaire est transmis au format XML.", "Les pièces sont jointes en PDF."),
  });
  number = valueOf(created).number;
});

afterAll(() => resetClock());

describe("the version page's header on the read connection", () => {
  test("a draft, then an open cycle: answered or not, before and after its deadline, extended", async () => {
    await sameAsBefore(1, "2026-11-02T09:00:00Z");
    valueOf(await openToCnaf(pilot, number, "2026-11-30T17:00:00Z"));
    await sameAsBefore(1, "2026-11-03T09:00:00Z");
    valueOf(await postComment(cnaf, number, 1, { kind: "FOND", body: "Et le CSV ?", passage: "format XML" }));
    await sameAsBefore(1, "2026-11-03T09:00:00Z");
    // Past the deadline, before the close job: no more comments, the extension refused with its reason.
    await sameAsBefore(1, "2026-11-30T17:00:00Z");
    valueOf(
      await extendCycle(pilot, number, 1, {
        deadline: new Date("2026-12-04T17:00:00Z"),
        expectedRowVersion: await rowVersion(),
      }),
    );
    await sameAsBefore(1, "2026-12-01T09:00:00Z");
  });

  test("a closed cycle, then concluded with a new version; a withdrawn draft", async () => {
    setClock(new Date("2026-12-04T17:00:00Z"), { frozen: true });
    await runDueJobs();
    expect((await versionRow(number)).workflow.status).toBe("clos");
    await sameAsBefore(1, "2026-12-05T09:00:00Z");
    const comment = await prisma.rfcComment.findFirstOrThrow({ where: { version: { rfc: { number } } } });
    valueOf(await disposeComment(pilot, comment.id, { disposition: "ACCEPTE", reply: "Un CSV est ajouté." }));
    const concluded = await concludeCycle(pilot, number, 1, {
      outcome: "nouvelle-version",
      conclusion: "Ajout d'un format CSV.",
      expectedRowVersion: await rowVersion(),
    });
    expect(valueOf(concluded).next).toBe(2);
    await sameAsBefore(1, "2026-12-05T10:00:00Z");
    await sameAsBefore(2, "2026-12-05T10:00:00Z");
    valueOf(
      await concludeCycle(pilot, number, 2, {
        outcome: "retrait",
        conclusion: "Abandonnée.",
        expectedRowVersion: await rowVersion(2),
      }),
    );
    await sameAsBefore(2, "2026-12-05T11:00:00Z");
  });

  test("is absent, as before, for a version that does not exist or a person outside the RFC", async () => {
    for (const n of [0, 3, 1.5, Number.NaN]) {
      expect(await versionView(pilot, number, n)).toEqual(await versionViewThroughPrisma(pilot, number, n));
      expect(await versionView(pilot, number, n)).toMatchObject({ ok: false, code: "INTROUVABLE" });
    }
    expect(await versionView(pilot, "RFC-1999-001", 1)).toMatchObject({ ok: false, code: "INTROUVABLE" });
  });
});

describe("the RFC and the access to it, read in one statement each", () => {
  test("is the rule's answer on every fact of the RFC, for people of every kind of organisation", async () => {
    const others = await people("ftMember", "otherPilot", "cnafStateRole", "msa", "dgas", "director53", "staff53");
    const everybody = [coordinator, pilot, cnaf, ...Object.values(others)];
    const rfc = await prisma.rfc.findUniqueOrThrow({ where: { number } });
    // The steering body and the adopted status widen the readers: the facts each rule reads.
    const msa = await prisma.organisation.findUniqueOrThrow({ where: { code: "msa" } });
    valueOf(
      await createGroup(coordinator, {
        name: "Instance de pilotage",
        code: "instance-pilotage",
        kind: "FONCTIONNEL",
        memberOrganisationIds: [msa.id],
        pilotOrganisationId: undefined,
        distributionLists: ["MEMBRES"],
        vendorsJoin: "JAMAIS",
      }),
    );
    for (const status of [rfc.status, "ADOPTEE"]) {
      await prisma.rfc.update({
        where: { id: rfc.id },
        data: { status, adoptedAt: status === "ADOPTEE" ? new Date("2026-12-05T12:00:00Z") : null },
      });
      // The RFC as the app's client read it.
      expect(await rfcByNumber(number)).toEqual(await prisma.rfc.findUnique({ where: { number } }));
      const facts = (await rfcFacts([rfc.id])).get(rfc.id)!;
      for (const user of everybody) {
        const access = await rfcAccess(user, rfc.id);
        expect(access, `${user.email}, ${status}`).toEqual(rfcAccessFrom(user, facts, await steeringOrganisationIds()));
        // The version page's header reads the RFC and the access with its version, in one statement.
        const header = await readableVersion(user, number, 1);
        expect(
          header.ok ? { rfc: header.value.rfc, access: header.value.access } : header,
          `${user.email}, ${status}, header`,
        ).toEqual(access.read ? { rfc: await rfcByNumber(number), access } : notFound());
      }
    }
    expect(await steeringOrganisationIds()).toEqual(new Set([msa.id]));
    await prisma.rfc.update({ where: { id: rfc.id }, data: { status: rfc.status } });
    expect(await rfcAccess(pilot, "inconnue")).toEqual({
      read: false,
      pilot: false,
      manage: false,
      invited: false,
      position: false,
    });
  });
});
