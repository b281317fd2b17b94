/**
 * The RFC tests' common start: the people of the "refonte-formulaire" group (piloted by France
 * Travail, CNAF a member, DGAS outside it) and the text of a version, as a rich-text document.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { openCycle } from "~/modules/rfc/cycle-commands.server";
import type { RichTextDocument } from "~/modules/richtext/render.server";
import { setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { people } from "./people";

export const GROUP = "refonte-formulaire";

export const paragraphs = (...texts: string[]): RichTextDocument => ({
  type: "doc",
  content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

/** The instant the RFC tests start at, frozen: a Monday morning of November 2026. */
export const RFC_TESTS_START = "2026-11-02T09:00:00Z";

/** Freezes the clock at RFC_TESTS_START, loads the reference data, then creates the group and its people. */
export async function rfcCast() {
  setClock(new Date(RFC_TESTS_START), { frozen: true });
  await loadReferenceData();
  const { coordinator, pilot, cnaf } = await people("coordinator", "pilot", "cnaf");
  const orgId = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
  const ids = { cnsa: await orgId("cnsa"), cnaf: await orgId("cnaf"), franceTravail: await orgId("france-travail") };
  const group = await createGroup(coordinator, {
    name: "Refonte et dématérialisation du formulaire",
    code: GROUP,
    kind: "FONCTIONNEL",
    memberOrganisationIds: [ids.cnsa, ids.cnaf],
    pilotOrganisationId: ids.franceTravail,
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
  });
  if (!group.ok) throw new Error(group.message);
  return { coordinator, pilot, cnaf, ids } satisfies Record<string, SessionUser | Record<string, string>>;
}

/** Version `n` of RFC `number`, with its workflow (state and row version). */
export const versionRow = (number: string, n = 1) =>
  prisma.rfcVersion.findFirstOrThrow({ where: { rfc: { number }, number: n }, include: { workflow: true } });

/** The pilot opens version 1 of RFC `number` to the CNAF alone, until `deadline`. */
export async function openToCnaf(pilot: SessionUser, number: string, deadline: string) {
  const cnaf = await prisma.organisation.findUniqueOrThrow({ where: { code: "cnaf" } });
  return openCycle(pilot, number, 1, {
    deadline: new Date(deadline),
    organisationIds: [cnaf.id],
    allMdph: false,
    allConseils: false,
    expectedRowVersion: (await versionRow(number)).workflow.rowVersion,
  });
}
