/**
 * The demo world, for tests that read across the demo's groups: reference and demo data loaded on
 * a frozen test clock, and the demo's people as the services see them after sign-in.
 */
import { sessionUserById, type SessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadDemoData } from "../../seeds/demo.server";
import { loadReferenceData } from "../../seeds/reference/load.server";

const DEMO_PEOPLE = {
  coordinator: "camille.durand@cnsa.example",
  director53: "claire.moreau@mdph53.example",
  pilotFT: "nicolas.petit@france-travail.example",
  cnaf: "sophie.bernard@cnaf.example",
  dgefp: "paul.girard@dgefp.example",
} as const;

export type DemoPeople = Record<keyof typeof DEMO_PEOPLE, SessionUser>;

/** A person of the demo data, by e-mail. */
export async function demoPerson(email: string): Promise<SessionUser> {
  return (await sessionUserById((await prisma.user.findUniqueOrThrow({ where: { email } })).id))!;
}

/** Loads the demo world with the clock frozen at `at`; returns its people by their part in it. */
export async function loadDemoWorld(at: Date): Promise<DemoPeople> {
  setClock(at, { frozen: true });
  await loadReferenceData();
  await loadDemoData();
  const entries = await Promise.all(
    Object.entries(DEMO_PEOPLE).map(async ([part, email]) => [part, await demoPerson(email)] as const),
  );
  return Object.fromEntries(entries) as DemoPeople;
}
