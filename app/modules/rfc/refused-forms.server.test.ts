/**
 * The RFC's single-action forms answer a refusal with its HTTP status (decision 019) — 422 for a
 * refused field or step, 409 when someone saved the draft meanwhile — and hand back what was
 * typed, so that the page shows it again with the message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { action as newRfcAction } from "~/routes/groupes.$code.rfc.nouvelle";
import { action as draftAction } from "~/routes/rfc.$number.v.$version.modifier";
import { resetClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { bodyOf, callRoute, statusOf } from "../../../test/support/routes";
import { GROUP, openToCnaf, paragraphs, rfcCast, versionRow } from "../../../test/support/rfc";
import { createRfc } from "./rfc-commands.server";

let pilot: SessionUser;
const NEW = `/groupes/${GROUP}/rfc/nouvelle`;
const textOf = (body: unknown) => JSON.stringify((body as { document: unknown }).document);
const postNew = (fields: Record<string, string>) => callRoute(newRfcAction, pilot, NEW, { code: GROUP }, fields);
const postDraft = (number: string, fields: Record<string, string>) =>
  callRoute(draftAction, pilot, `/rfc/${number}/v/1/modifier`, { number, version: "1" }, fields);

beforeAll(async () => {
  ({ pilot } = await rfcCast());
});
afterAll(() => resetClock());

describe("the new RFC form", () => {
  it("answers 422 to a short title or a missing text, keeping the title and the text typed", async () => {
    const answer = await postNew({ title: "XY", content__texte: "Le formulaire est transmis en XML." });
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      message: "Rien n'a été enregistré : corrigez les champs signalés.",
      errors: { title: "Saisissez le titre de la RFC (3 caractères au moins)." },
      title: "XY",
    });
    expect(textOf(bodyOf(answer))).toContain("Le formulaire est transmis en XML.");
    const empty = await postNew({ title: "Format", content__texte: "" });
    expect(statusOf(empty)).toBe(422);
    expect(bodyOf(empty)).toMatchObject({
      errors: { content: "Saisissez le texte de la version 1." },
      title: "Format",
    });
    expect(await prisma.rfc.count()).toBe(0);
  });

  it("answers 422 to a title the service refuses, and creates the RFC once it is right", async () => {
    const long = "Format ".repeat(40);
    const answer = await postNew({ title: long, content__texte: "Texte" });
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      errors: { title: expect.stringContaining("Le titre dépasse") },
      title: long,
    });
    const created = await postNew({ title: "Format d'échange", content__texte: "Texte" });
    expect(statusOf(created)).toBe(302);
  });
});

describe("the draft editor", () => {
  it("answers 409 when the draft was saved by someone else meanwhile, keeping the title, note and text typed", async () => {
    const number = "RFC-2026-001";
    const shown = (await versionRow(number)).updatedAt.toISOString();
    expect(
      statusOf(await postDraft(number, { title: "Format d'échange", content__texte: "Version A", updatedAt: shown })),
    ).toBe(302);
    const stale = await postDraft(number, {
      title: "Format d'échange révisé",
      changeNote: "",
      content__texte: "Version B, tapée en même temps",
      updatedAt: shown,
    });
    expect(statusOf(stale)).toBe(409);
    expect(bodyOf(stale)).toMatchObject({
      message: expect.stringContaining("modifiée par quelqu'un d'autre"),
      title: "Format d'échange révisé",
    });
    expect(textOf(bodyOf(stale))).toContain("Version B, tapée en même temps");
  });

  it("answers 422 to a refused title or text, and to a draft frozen since the page was shown", async () => {
    const number = "RFC-2026-001";
    const shown = (await versionRow(number)).updatedAt.toISOString();
    const short = await postDraft(number, { title: "X", content__texte: "Texte gardé", updatedAt: shown });
    expect(statusOf(short)).toBe(422);
    expect(bodyOf(short)).toMatchObject({ errors: { title: expect.any(String) }, title: "X" });
    const empty = await postDraft(number, { title: "Titre gardé", content__texte: "", updatedAt: shown });
    expect(statusOf(empty)).toBe(422);
    expect(bodyOf(empty)).toMatchObject({ errors: { content: expect.any(String) }, title: "Titre gardé" });

    const frozen = await createRfc(pilot, GROUP, { title: "Pièces justificatives", document: paragraphs("PDF.") });
    if (!frozen.ok) throw new Error(frozen.message);
    const before = await versionRow(frozen.value.number);
    expect((await openToCnaf(pilot, frozen.value.number, "2026-12-15T17:00:00Z")).ok).toBe(true);
    const late = await postDraft(frozen.value.number, {
      title: "Pièces justificatives",
      content__texte: "Texte tapé avant l'ouverture",
      updatedAt: before.updatedAt.toISOString(),
    });
    expect(statusOf(late)).toBe(422);
    expect(bodyOf(late)).toMatchObject({ message: expect.stringContaining("Cette version est figée") });
    expect(textOf(bodyOf(late))).toContain("Texte tapé avant l'ouverture");
  });
});
