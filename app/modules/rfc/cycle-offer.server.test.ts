/**
 * The version page offers exactly the cycle events the engine says the person may send now
 * (availableEvents, with the checks written beside the machine in workflows/rfc-cycle.ts), and
 * shows the reason of one it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { loader as versionLoader } from "~/routes/rfc.$number.v.$version._index";
import { resetClock, setClock } from "~/utils/clock.server";
import { GROUP, openToCnaf, paragraphs, rfcCast } from "../../../test/support/rfc";
import { callRoute } from "../../../test/support/routes";
import { createRfc } from "./rfc-commands.server";

let pilot: SessionUser, cnaf: SessionUser;
let number = "";
const at = (iso: string) => setClock(new Date(iso), { frozen: true });
type Page = { offer: { open: unknown; extend: boolean; conclude: boolean; withdraw: boolean; notes: string[] } | null };
const page = async (user: SessionUser) =>
  (await callRoute(versionLoader, user, `/rfc/${number}/v/1`, { number, version: "1" })) as Page;
const offered = async (user: SessionUser) => {
  const { offer } = await page(user);
  return offer && { ...offer, open: offer.open !== null };
};

beforeAll(async () => {
  ({ pilot, cnaf } = await rfcCast());
  const created = await createRfc(pilot, GROUP, { title: "Format d'échange", document: paragraphs("Texte.") });
  if (!created.ok) throw new Error(created.message);
  number = created.value.number;
});
afterAll(() => resetClock());

describe("the cycle events a version page offers", () => {
  it("offers its pilot to open or withdraw a draft, and nothing to a member who does not pilot", async () => {
    expect(await offered(pilot)).toEqual({ open: true, extend: false, conclude: false, withdraw: true, notes: [] });
    expect(await offered(cnaf)).toBeNull();
  });

  it("offers to extend or withdraw an open cycle, and says why it cannot be extended once its deadline passed", async () => {
    expect((await openToCnaf(pilot, number, "2026-12-01T17:00:00Z")).ok).toBe(true);
    expect(await offered(pilot)).toEqual({ open: false, extend: true, conclude: false, withdraw: true, notes: [] });
    // The deadline passed, the close job has not run yet: the cycle still reads "ouvert".
    at("2026-12-01T17:00:01Z");
    expect(await offered(pilot)).toEqual({
      open: false,
      extend: false,
      conclude: false,
      withdraw: true,
      notes: ["L'échéance est passée : le cycle est clos, il ne peut plus être prolongé."],
    });
  });

  it("offers to conclude a closed cycle, withdrawal being one of its outcomes", async () => {
    await runDueJobs();
    expect(await offered(pilot)).toEqual({ open: false, extend: false, conclude: true, withdraw: true, notes: [] });
    expect(await offered(cnaf)).toBeNull();
  });
});
