/**
 * The single-action reprise forms answer a refusal with its HTTP status, like the multi-action
 * ones (decision 019): 422 for an invalid or refused form, 404 for a record that does not exist,
 * and the page gets back its message and what was typed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { action as avenantAction } from "~/routes/mdph.reprises.avenant";
import { action as newRequestAction } from "~/routes/mdph.reprises.nouvelle";
import { action as toolDeliveryAction } from "~/routes/cnsa.reprises.avenants";
import { action as boardAction } from "~/routes/cnsa.reprises._index";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { repriseCast } from "../support/people";
import { contact, signAndSubmit } from "../support/reprise-requests";
import { bodyOf, callRoute, statusOf } from "../support/routes";

let coordinator: SessionUser, director53: SessionUser, director80: SessionUser;
let requestId = "";

beforeAll(async () => {
  setClock(new Date("2026-11-02T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  ({ coordinator, director53, director80 } = await repriseCast());
  requestId = await signAndSubmit(director53, {
    signedOn: "2026-10-20",
    requestDate: "2026-11-02",
    desiredDate: "2026-12-10",
  });
});
afterAll(() => resetClock());

describe("the director's avenant form", () => {
  const post = (user: SessionUser, fields: Record<string, string>) =>
    callRoute(avenantAction, user, "/mdph/reprises/avenant", {}, fields);
  const typed = {
    application: "OPALES",
    signatoryName: "Jeanne Lefèvre",
    signatoryFunction: "Directrice adjointe",
    designatedByCommission: "oui",
  };

  it.each([
    {
      refused: "a missing field",
      user: () => director80,
      fields: { signedOn: "" },
      errors: { signedOn: "Saisissez la date de signature." },
      values: { signatoryName: "Jeanne Lefèvre", signatoryFunction: "Directrice adjointe" },
    },
    {
      refused: "a signature date in the future",
      user: () => director80,
      fields: { signedOn: "2026-11-03" },
      errors: { signedOn: "La date de signature ne peut pas être dans le futur." },
      values: { signatoryName: "Jeanne Lefèvre", signedOn: "2026-11-03" },
    },
    {
      refused: "an avenant already recorded",
      user: () => director53,
      fields: { application: "ITAC", signedOn: "2026-10-21" },
      errors: { application: expect.stringContaining("déjà enregistré") },
      values: { signatoryName: "Jeanne Lefèvre" },
    },
  ])("answers 422 to $refused, keeping what was typed", async ({ user, fields, errors, values }) => {
    const answer = await post(user(), { ...typed, ...fields });
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({ errors, values });
    expect(await prisma.avenantSignature.count({ where: { organisationId: director80.organisationId } })).toBe(0);
  });
});

describe("the director's new request form", () => {
  const post = (user: SessionUser, fields: Record<string, string>) =>
    callRoute(newRequestAction, user, "/mdph/reprises/nouvelle", {}, fields);

  it.each([
    {
      refused: "an invalid field",
      user: () => director80,
      fields: { application: "ITAC", desiredDate: "2026-12-10", contactPhone: "quarante-deux" },
      errors: { contactPhone: expect.stringContaining("numéro de téléphone français") },
      values: { contactName: "Paul Martin", contactPhone: "quarante-deux" },
    },
    {
      refused: "a request without avenant",
      user: () => director80,
      fields: { application: "ITAC", desiredDate: "2026-12-10" },
      errors: { application: "Enregistrez d'abord la signature de l'avenant pour ITAC." },
      values: { contactName: "Paul Martin", desiredDate: "2026-12-10" },
    },
    {
      refused: "a desired date already past",
      user: () => director53,
      fields: { application: "OPALES", desiredDate: "2026-11-01" },
      errors: { desiredDate: "La date souhaitée doit être postérieure à aujourd'hui." },
      values: { contactEmail: contact.contactEmail, desiredDate: "2026-11-01" },
    },
  ])("answers 422 to $refused, keeping what was typed", async ({ user, fields, errors, values }) => {
    const answer = await post(user(), { requestDate: "2026-11-02", ...contact, ...fields });
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({ errors, values });
    expect(await prisma.repriseRequest.count()).toBe(1);
  });
});

describe("the coordinator's consultation tool form", () => {
  const post = (fields: Record<string, string>) =>
    callRoute(toolDeliveryAction, coordinator, "/cnsa/reprises/avenants", {}, { intent: "outil", ...fields });

  it("answers 422 to a delivery date in the future, keeping the date typed, and 404 to an unknown avenant", async () => {
    const signature = await prisma.avenantSignature.findFirstOrThrow();
    const future = await post({ signatureId: signature.id, date: "2026-11-20" });
    expect(statusOf(future)).toBe(422);
    expect(bodyOf(future)).toMatchObject({
      ok: false,
      id: signature.id,
      errors: { date: "La date de livraison ne peut pas être dans le futur." },
      values: { date: "2026-11-20" },
    });
    const missing = await post({ signatureId: signature.id, date: "" });
    expect(statusOf(missing)).toBe(422);
    expect(bodyOf(missing)).toMatchObject({ errors: { date: "Saisissez la date de livraison." } });
    const unknown = await post({ signatureId: "inconnu", date: "2026-11-02" });
    expect(statusOf(unknown)).toBe(404);
    expect(bodyOf(unknown)).toMatchObject({ errors: { date: "Cet avenant est introuvable." } });
    expect(
      (await prisma.avenantSignature.findUniqueOrThrow({ where: { id: signature.id } })).consultationToolDeliveredOn,
    ).toBeNull();
  });
});

describe("the coordinator's board", () => {
  const post = (fields: Record<string, string>) => callRoute(boardAction, coordinator, "/cnsa/reprises", {}, fields);

  it("answers 422 to a move the order refuses, and 404 to a note on an unknown request", async () => {
    const top = await post({ intent: "monter", id: requestId });
    expect(statusOf(top)).toBe(422);
    expect(bodyOf(top)).toMatchObject({ ok: false, message: "Cette demande est déjà en tête de liste." });
    const unknown = await post({ intent: "note", id: "inconnue", note: "À relancer" });
    expect(statusOf(unknown)).toBe(404);
    expect(bodyOf(unknown)).toMatchObject({ ok: false, message: "Cette demande de reprise est introuvable." });
  });

  it("answers 422 to a move with no request chosen, naming the list whose toolbar was pressed", async () => {
    const unchosen = await post({ intent: "descendre", application: "ITAC" });
    expect(statusOf(unchosen)).toBe(422);
    expect(bodyOf(unchosen)).toEqual({
      intent: "descendre",
      application: "ITAC",
      ok: false,
      message: "Choisissez d'abord, par son rang, la demande à déplacer.",
    });
  });
});
