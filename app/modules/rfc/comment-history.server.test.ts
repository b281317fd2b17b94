import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { listAuditEntries, verifyJournals } from "~/modules/journal/admin.server";
import { actorOf, audit } from "~/modules/journal/audit.server";
import type { RichTextDocument } from "~/modules/richtext/render.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { people } from "../../../test/support/people";
import { deleteComment, disposeComment, editComment, postComment } from "./comments.server";
import { openCycle } from "./cycle-commands.server";
import { versionView } from "./read-models.server";
import { createRfc } from "./rfc-commands.server";
import { valueOf } from "../../../test/support/result";

const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const NUMBER = "RFC-2026-001";
const DOCUMENT: RichTextDocument = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [{ type: "text", text: "Le formulaire est transmis au format XML, encodé en UTF-8." }],
    },
  ],
};
const TEXTS = [
  "Le XML est trop lourd.",
  "Le XML est trop lourd pour nos logiciels.",
  "Un commentaire retiré.",
  "Accepté tel quel.",
  "Accepté : un CSV sera aussi proposé.",
  "au format XML",
];

let pilot: SessionUser, director53: SessionUser;
let edited = "",
  removed = "";

const auditTextOfComments = async () =>
  JSON.stringify(
    await prisma.auditEntry.findMany({ where: { entityType: "RfcComment" }, select: { action: true, data: true } }),
  );

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  const cast = await people("coordinator", "pilot", "director53");
  ({ pilot, director53 } = cast);
  const org = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
  const group = await createGroup(cast.coordinator, {
    name: "Refonte du formulaire",
    code: "refonte-formulaire",
    kind: "FONCTIONNEL",
    memberOrganisationIds: [await org("cnsa"), await org("mdph-53")],
    pilotOrganisationId: await org("france-travail"),
    letterDueOn: "2026-12-31",
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
  });
  if (!group.ok) throw new Error(group.message);
  expect(await createRfc(pilot, "refonte-formulaire", { title: "Format d'échange", document: DOCUMENT })).toEqual({
    ok: true,
    value: { number: NUMBER },
  });
  const expectedRowVersion = valueOf(await versionView(pilot, NUMBER, 1)).version.workflowRowVersion;
  const opened = await openCycle(pilot, NUMBER, 1, {
    organisationIds: [await org("mdph-53")],
    allMdph: false,
    allConseils: false,
    expectedRowVersion,
    deadline: new Date("2026-11-23T17:00:00Z"),
  });
  expect(opened.ok).toBe(true);
});
afterAll(() => resetClock());

describe("the history of a comment", () => {
  it("keeps the text before an edit or a deletion in the comment's own history, and none of it in the audit log", async () => {
    at("2026-11-03T09:00:00Z");
    const posted = await postComment(director53, NUMBER, 1, {
      kind: "OBJECTION",
      body: TEXTS[0],
      passage: "au format XML",
    });
    if (!posted.ok) throw new Error(posted.message);
    edited = posted.value.id;
    at("2026-11-04T09:00:00Z");
    expect(await editComment(director53, edited, { body: TEXTS[1], kind: "FOND" })).toEqual({
      ok: true,
      value: undefined,
    });
    const other = await postComment(director53, NUMBER, 1, { kind: "QUESTION", body: TEXTS[2] });
    if (!other.ok) throw new Error(other.message);
    removed = other.value.id;
    at("2026-11-05T09:00:00Z");
    expect(await deleteComment(director53, removed)).toEqual({ ok: true, value: undefined });

    const revisions = await prisma.rfcCommentRevision.findMany({ orderBy: { at: "asc" } });
    expect(
      revisions.map((r) => ({
        commentId: r.commentId,
        at: r.at.toISOString(),
        change: r.change,
        authorId: r.authorId,
        body: r.body,
        kind: r.kind,
      })),
    ).toEqual([
      {
        commentId: edited,
        at: "2026-11-04T09:00:00.000Z",
        change: "modification",
        authorId: director53.id,
        body: TEXTS[0],
        kind: "OBJECTION",
      },
      {
        commentId: removed,
        at: "2026-11-05T09:00:00.000Z",
        change: "suppression",
        authorId: director53.id,
        body: TEXTS[2],
        kind: "QUESTION",
      },
    ]);
    const logged = await auditTextOfComments();
    expect(logged).toContain("rfc-commentaire-modifie");
    expect(logged).toContain("rfc-commentaire-supprime");
    for (const text of TEXTS) expect(logged).not.toContain(text);
  });

  it("keeps a revised disposition's previous answer in the comment's history, not in the audit log", async () => {
    at("2026-11-23T17:00:01Z");
    await runDueJobs();
    expect(await disposeComment(pilot, edited, { disposition: "ACCEPTE", reply: TEXTS[3] })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await disposeComment(pilot, edited, { disposition: "PARTIELLEMENT_ACCEPTE", reply: TEXTS[4] })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await prisma.rfcCommentRevision.findFirstOrThrow({ where: { change: "disposition" } })).toMatchObject({
      commentId: edited,
      authorId: pilot.id,
      disposition: "ACCEPTE",
      dispositionReply: TEXTS[3],
    });
    expect(await prisma.rfcComment.findUniqueOrThrow({ where: { id: edited } })).toMatchObject({
      disposition: "PARTIELLEMENT_ACCEPTE",
      dispositionReply: TEXTS[4],
    });
    const logged = await auditTextOfComments();
    const revised = await prisma.auditEntry.findFirstOrThrow({ where: { action: "rfc-disposition-revisee" } });
    expect(JSON.parse(revised.data)).toEqual({
      numero: NUMBER,
      version: 1,
      disposition: "PARTIELLEMENT_ACCEPTE",
      precedente: "ACCEPTE",
    });
    for (const text of TEXTS) expect(logged).not.toContain(text);
    expect((await verifyJournals()).ok).toBe(true);
  });
});

describe("entries written before the comments had their own history", () => {
  it("are copied into the comments' history by the migration, stay in the intact chain, and no longer show their text in the journal", async () => {
    const actor = actorOf(director53);
    // What comments.server.ts used to write, an hour apart.
    const legacyEntries = [
      {
        actor,
        entityId: edited,
        action: "rfc-commentaire-modifie",
        data: { avant: "Ancien texte d'avant", nature: "FOND" },
      },
      { actor, entityId: removed, action: "rfc-commentaire-supprime", data: { texte: "Ancien texte supprimé" } },
      {
        actor: actorOf(pilot),
        entityId: edited,
        action: "rfc-disposition-revisee",
        data: {
          disposition: "REJETE",
          reponse: "Nouvelle réponse",
          avant: { disposition: "NOTE", reponse: "Ancienne réponse" },
        },
      },
      {
        actor,
        entityId: edited,
        action: "rfc-commentaire-publie",
        data: { numero: NUMBER, version: 1, nature: "FOND", passage: "au format XML" },
      },
    ];
    for (const [hour, entry] of legacyEntries.entries())
      await audit({ ...entry, entityType: "RfcComment" }, new Date(`2026-11-06T${10 + hour}:00:00Z`));
    const before = await prisma.rfcCommentRevision.count();

    const folder = readdirSync("prisma/migrations").find((name) => name.endsWith("_security_events"));
    const file = `prisma/migrations/${folder}/migration.sql`;
    const sql = readFileSync(file, "utf8");
    const copy = sql.slice(sql.indexOf('INSERT INTO "RfcCommentRevision"'));
    const statements = copy
      .replace(/^\s*--.*$/gm, "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    expect(statements).toHaveLength(3);
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);

    const copied = await prisma.rfcCommentRevision.findMany({
      where: { id: { startsWith: "audit-" } },
      orderBy: { at: "asc" },
    });
    expect(await prisma.rfcCommentRevision.count()).toBe(before + copied.length);
    const legacy = copied.filter((r) => r.at >= new Date("2026-11-06T00:00:00Z"));
    expect(legacy.map((r) => [r.commentId, r.change, r.body, r.disposition, r.dispositionReply, r.authorId])).toEqual([
      [edited, "modification", "Ancien texte d'avant", null, null, director53.id],
      [removed, "suppression", "Ancien texte supprimé", null, null, director53.id],
      [edited, "disposition", null, "NOTE", "Ancienne réponse", pilot.id],
    ]);

    // The chain is untouched: journal:verify still passes.
    expect((await verifyJournals()).ok).toBe(true);
    const { entries } = await listAuditEntries({ type: "RfcComment" });
    const shown = JSON.stringify(entries.map((e) => e.details));
    for (const text of [
      "Ancien texte d'avant",
      "Ancien texte supprimé",
      "Ancienne réponse",
      "Nouvelle réponse",
      "au format XML",
    ])
      expect(shown).not.toContain(text);
    expect(entries.find((e) => e.action === "rfc-commentaire-supprime" && e.details !== "")?.details).toBe(
      "texte : dans l'historique du commentaire",
    );
  });
});
