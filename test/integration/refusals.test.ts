/**
 * A refusal answers with its HTTP status at the route boundary (decision 019), and the page
 * keeps the French message and what was typed: 409 for a stale form, 422 for an invalid or
 * refused step, 403 for a role that may not take the step, 404 outside the person's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { getRequest } from "~/modules/reprise/requests.server";
import { signAndSubmit } from "../support/reprise-requests";
import { action as requestAction } from "~/routes/reprises.$id";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { repriseCast } from "../support/people";
import { bodyOf, callRoute, statusOf } from "../support/routes";
import { orRefusal } from "~/utils/intent.server";

let director53: SessionUser, director80: SessionUser;
let id = "";
let version = 0;
const post = (user: SessionUser, fields: Record<string, string>) =>
  callRoute(requestAction, user, `/reprises/${id}`, { id }, fields);
const eventCount = () => prisma.workflowEvent.count();

beforeAll(async () => {
  setClock(new Date("2026-11-02T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  ({ director53, director80 } = await repriseCast());
  id = await signAndSubmit(director53, {
    signedOn: "2026-10-20",
    signatoryName: "Claire Moreau",
    requestDate: "2026-11-02",
    desiredDate: "2026-12-10",
  });
  version = orRefusal(await getRequest(director53, id)).workflow.rowVersion;
});
afterAll(() => resetClock());

describe("refusals at the route boundary", () => {
  it("answers 409 to a stale form, with the French message and the reason typed still on the page", async () => {
    const before = await eventCount();
    const answer = await post(director53, {
      intent: "ANNULER",
      rowVersion: String(version + 1),
      reason: "Doublon de la demande du 2 novembre",
    });
    expect(statusOf(answer)).toBe(409);
    expect(bodyOf(answer)).toMatchObject({
      intent: "ANNULER",
      message: expect.stringContaining("modifié par quelqu'un d'autre"),
      values: { reason: "Doublon de la demande du 2 novembre" },
    });
    expect(await eventCount()).toBe(before);
  });

  it("answers 422 to a form without its version or without a required field, keeping what was typed", async () => {
    const incomplete = await post(director53, { intent: "ANNULER", rowVersion: "v", reason: "Motif tapé" });
    expect(statusOf(incomplete)).toBe(422);
    expect(bodyOf(incomplete)).toMatchObject({
      message: "Le formulaire est incomplet : rechargez la page, puis recommencez.",
      values: { reason: "Motif tapé" },
    });
    const missing = await post(director53, { intent: "ANNULER", rowVersion: String(version), reason: "" });
    expect(statusOf(missing)).toBe(422);
    expect(bodyOf(missing)).toMatchObject({ errors: { reason: "Indiquez le motif de l'annulation." } });
  });

  it("answers 403 to a step the person's role does not take, and 404 to a request outside their scope", async () => {
    const coordinatorStep = await post(director53, {
      intent: "FIXER_DATE",
      rowVersion: String(version),
      date: "2026-12-12",
    });
    expect(statusOf(coordinatorStep)).toBe(403);
    expect(await (coordinatorStep as Response).text()).toContain("Votre rôle ne permet pas cette action");
    const elsewhere = await post(director80, { intent: "ANNULER", rowVersion: String(version), reason: "Intrus" });
    expect(statusOf(elsewhere)).toBe(404);
  });

  it("still takes the step when the form is current", async () => {
    const done = await post(director53, { intent: "ANNULER", rowVersion: String(version), reason: "Doublon" });
    expect(statusOf(done)).toBe(302);
    expect(orRefusal(await getRequest(director53, id)).workflow.status).toBe("annulee");
  });
});
