import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { createSession, type SessionUser } from "~/modules/auth/session.server";
import { sessionCookieName } from "~/modules/auth/cookie.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { createTransport } from "~/modules/mail/transport.server";
import { startSmtpServer, type TestSmtpServer } from "../../../test/support/smtp-server";
import { people } from "../../../test/support/people";
import { paragraphs } from "../../../test/support/rfc";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { action as versionAction, loader as versionLoader } from "../../routes/rfc.$number.v.$version._index";
import { loader as dispositionExport } from "../../routes/rfc.$number.v.$version.dispositions_.export";
import { action as settingsAction } from "../../routes/rfc.parametres";
import { action as notificationsAction } from "../../routes/compte.notifications";
import { readSetting } from "~/modules/settings/settings.server";
import { cycleSetting, digestSetting } from "./settings.server";
import { deleteComment, disposeComment, editComment, postComment } from "./comments.server";
import { awaitingAnswer, pilotCycles, positionsToRecord, responseRates } from "./dashboard.server";
import { compareVersions } from "./diff.server";
import { dispositionTable } from "./dispositions.server";
import { ensureRfcSchedules } from "./jobs.server";
import { nationalPositions, recordPosition } from "./positions.server";
import { concludeCycle, extendCycle, openCycle } from "./cycle-commands.server";
import { listRfcs, versionView } from "./read-models.server";
import { createRfc, updateDraft } from "./rfc-commands.server";
import { valueOf } from "../../../test/support/result";
import { bodyOf, statusOf } from "../../../test/support/routes";

const CONTEXT = { ip: "127.0.0.1" };
const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const V1 = paragraphs(
  "Le formulaire de demande est transmis au format XML, encodé en UTF-8.",
  "Chaque envoi comporte un en-tête, les demandes, puis un enregistrement de fin qui donne le nombre de demandes.",
  "Les pièces justificatives sont jointes au format PDF.",
);
const orgId = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
const recipients = async (template: string) =>
  (await prisma.outboxMail.findMany({ where: { template } }))
    .flatMap((m) => JSON.parse(m.toAddresses) as string[])
    .sort();

let coordinator: SessionUser,
  pilot: SessionUser,
  director53: SessionUser,
  director80: SessionUser,
  cnaf: SessionUser,
  msa: SessionUser,
  dgas: SessionUser;
let ids: Record<string, string>;

async function cookieOf(user: SessionUser) {
  const { token } = await createSession(user.id, { twoFactorVerified: true });
  return `${sessionCookieName()}=${encodeURIComponent(token)}`;
}

async function post(user: SessionUser, path: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { Cookie: await cookieOf(user) },
  });
}

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, pilot, director53, director80 } = await people("coordinator", "pilot", "director53", "director80"));
  ({ cnaf, msa, dgas } = await people("cnaf", "msa", "dgas"));
  ids = Object.fromEntries(
    await Promise.all(
      ["cnsa", "france-travail", "mdph-53", "mdph-80", "cnaf", "msa"].map(async (c) => [c, await orgId(c)]),
    ),
  );
  const group = await createGroup(coordinator, {
    name: "Refonte et dématérialisation du formulaire",
    code: "refonte-formulaire",
    kind: "FONCTIONNEL",
    memberOrganisationIds: [ids.cnsa, ids["mdph-53"], ids["mdph-80"], ids.cnaf, ids.msa],
    pilotOrganisationId: ids["france-travail"],
    letterDueOn: "2026-12-31",
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
  });
  if (!group.ok) throw new Error(group.message);
});
afterAll(() => resetClock());

const NUMBER = "RFC-2026-001";
const DEADLINE = "2026-11-23T17:00:00.000Z";
const EXTENDED = "2026-11-24T17:00:00.000Z";
let workflowRowVersion = 0;
const currentVersion = async (n = 1) => valueOf(await versionView(pilot, NUMBER, n)).version.workflowRowVersion;

describe("an RFC comment cycle", () => {
  let anchored = "";
  let whole = "";
  let reply = "";

  it("numbers a new RFC RFC-2026-001; only the group's pilot or the coordinator may write one", async () => {
    expect(await createRfc(cnaf, "refonte-formulaire", { title: "X", document: V1 })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
    expect(await createRfc(dgas, "refonte-formulaire", { title: "Format", document: V1 })).toMatchObject({
      ok: false,
      code: "INTROUVABLE",
    });
    const created = await createRfc(pilot, "refonte-formulaire", {
      title: "Format d'échange du formulaire de demande",
      document: V1,
    });
    expect(created).toEqual({ ok: true, value: { number: NUMBER } });
    expect((await listRfcs(cnaf)).map((r) => [r.number, r.cycleStatus])).toEqual([[NUMBER, "brouillon"]]);
    expect(await listRfcs(dgas)).toEqual([]);
  });

  it("keeps the draft editable with a version check", async () => {
    const view = valueOf(await versionView(pilot, NUMBER, 1));
    const edited = await updateDraft(pilot, NUMBER, 1, {
      title: "Format d'échange du formulaire de demande",
      document: V1,
      changeNote: "",
      expectedUpdatedAt: view.version.updatedAt,
    });
    expect(edited.ok).toBe(true);
    const stale = await updateDraft(pilot, NUMBER, 1, {
      title: "Autre titre",
      document: V1,
      changeNote: "",
      expectedUpdatedAt: view.version.updatedAt,
    });
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining("modifiée par quelqu'un d'autre") });
  });

  it("refuses to open with less than the minimum duration, then opens and mails each invited person separately", async () => {
    workflowRowVersion = await currentVersion();
    const invite = {
      organisationIds: [ids.cnsa, ids["mdph-53"], ids["mdph-80"], ids.cnaf],
      allMdph: false,
      allConseils: false,
      expectedRowVersion: workflowRowVersion,
    };
    const tooSoon = await openCycle(pilot, NUMBER, 1, { ...invite, deadline: new Date("2026-11-12T08:59:59Z") });
    expect(tooSoon).toMatchObject({
      ok: false,
      field: "deadline",
      message: expect.stringContaining("Laissez au moins 10 jours pour répondre"),
    });
    const stranger = await openCycle(pilot, NUMBER, 1, {
      ...invite,
      organisationIds: [await orgId("dgas")],
      deadline: new Date(DEADLINE),
    });
    expect(stranger).toMatchObject({ ok: false, field: "invites" });
    expect(await openCycle(cnaf, NUMBER, 1, { ...invite, deadline: new Date(DEADLINE) })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
    expect(await openCycle(pilot, NUMBER, 1, { ...invite, deadline: new Date(DEADLINE) })).toEqual({
      ok: true,
      value: { invited: 4 },
    });

    const opening = await prisma.outboxMail.findMany({ where: { template: "rfc.ouverture" } });
    expect(opening.every((m) => (JSON.parse(m.toAddresses) as string[]).length === 1)).toBe(true);
    expect(await recipients("rfc.ouverture")).toEqual(
      expect.arrayContaining(["coord@cnsa.example", "dir53@mdph.example", "dir80@mdph.example", "membre@cnaf.example"]),
    );
    const jobs = await prisma.scheduledJob.findMany({
      where: { kind: { startsWith: "rfc." } },
      orderBy: { dueAt: "asc" },
    });
    expect(jobs.map((j) => [j.kind, j.dueAt.toISOString()])).toEqual([
      ["rfc.rappel", "2026-11-16T17:00:00.000Z"],
      ["rfc.rappel", "2026-11-22T17:00:00.000Z"],
      ["rfc.cloture", DEADLINE],
    ]);
    expect(
      (
        await prisma.rfcVersion.findFirstOrThrow({ where: { rfc: { number: NUMBER }, number: 1 } })
      ).deadline?.toISOString(),
    ).toBe(DEADLINE);
  });

  it("freezes the version once opened", async () => {
    const view = valueOf(await versionView(pilot, NUMBER, 1));
    expect(
      await updateDraft(pilot, NUMBER, 1, {
        title: "x".repeat(5),
        document: paragraphs("autre"),
        changeNote: "",
        expectedUpdatedAt: view.version.updatedAt,
      }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("Cette version est figée"),
    });
  });

  it("takes anchored and whole-text comments and replies from invited organisations only", async () => {
    at("2026-11-03T09:00:00Z");
    const a = await postComment(director53, NUMBER, 1, {
      kind: "OBJECTION",
      body: "Le XML est trop lourd pour nos logiciels.",
      passage: "transmis au format  XML",
      passagePrefix: "Le formulaire de demande est ",
      passageSuffix: ", encodé",
    });
    if (!a.ok) throw new Error(a.message);
    anchored = a.value.id;
    const comment = await prisma.rfcComment.findUniqueOrThrow({ where: { id: anchored } });
    expect(comment).toMatchObject({
      anchorQuote: "transmis au format XML",
      anchorPrefix: "Le formulaire de demande est",
      anchorSuffix: ", encodé en UTF-8. Chaque envoi comporte",
    });
    expect(
      await postComment(director53, NUMBER, 1, { kind: "QUESTION", body: "?", passage: "au format JSON" }),
    ).toMatchObject({
      ok: false,
      field: "passage",
      message: expect.stringContaining("Ce passage ne figure pas dans la version commentée"),
    });
    expect(
      await postComment(director53, NUMBER, 1, { kind: "QUESTION", body: "?", passage: "au format" }),
    ).toMatchObject({
      ok: false,
      field: "passage",
      message: expect.stringContaining("passage plus long"),
    });
    expect(await postComment(director53, NUMBER, 1, { kind: "INCONNU", body: "?" })).toMatchObject({
      ok: false,
      field: "kind",
    });

    const w = await postComment(cnaf, NUMBER, 1, { kind: "FOND", body: "Il manque le numéro d'allocataire." });
    if (!w.ok) throw new Error(w.message);
    whole = w.value.id;
    const r = await postComment(cnaf, NUMBER, 1, { body: "La CNAF partage cette réserve.", parentId: anchored });
    if (!r.ok) throw new Error(r.message);
    reply = r.value.id;

    // MSA reads the group but is not invited; DGAS does not even read it.
    expect(await postComment(msa, NUMBER, 1, { kind: "SOUTIEN", body: "D'accord." })).toEqual({
      ok: false,
      code: "REFUSE",
      message: expect.stringContaining("Votre organisation n'est pas invitée à commenter cette version"),
    });
    expect(await postComment(dgas, NUMBER, 1, { kind: "SOUTIEN", body: "D'accord." })).toMatchObject({
      ok: false,
      code: "INTROUVABLE",
    });
    expect(await versionView(dgas, NUMBER, 1)).toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(valueOf(await versionView(msa, NUMBER, 1)).canComment).toBe(false);
  });

  it("lets only the author edit or delete a comment", async () => {
    expect(await editComment(cnaf, anchored, { body: "Réécrit par la CNAF" })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
    expect(await deleteComment(cnaf, anchored)).toMatchObject({ ok: false, code: "INTERDIT" });
    expect(await editComment(dgas, anchored, { body: "Intrus" })).toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(await deleteComment(dgas, anchored)).toMatchObject({ ok: false, code: "INTROUVABLE" });
    const response = await versionAction({
      request: await post(cnaf, `/rfc/${NUMBER}/v/1`, { intent: "supprimer-commentaire", commentId: anchored }),
      params: { number: NUMBER, version: "1" },
      context: CONTEXT,
    }).catch((e: Response) => e);
    expect((response as Response).status).toBe(403);
    expect(await prisma.rfcComment.findUniqueOrThrow({ where: { id: anchored } })).toMatchObject({
      body: "Le XML est trop lourd pour nos logiciels.",
      deletedAt: null,
    });
    expect(
      await editComment(director53, anchored, {
        body: "Le XML est trop lourd pour nos logiciels actuels.",
        kind: "OBJECTION",
      }),
    ).toEqual({ ok: true, value: undefined });
  });

  it("shows what awaits each organisation and each pilot", async () => {
    expect((await awaitingAnswer(director80)).map((a) => [a.number, a.timeLeft])).toEqual([[NUMBER, "20 jours"]]);
    expect(await awaitingAnswer(director53)).toEqual([]);
    expect((await pilotCycles(pilot)).map((c) => [c.number, c.status, c.comments, c.undisposed])).toEqual([
      [NUMBER, "ouvert", 2, 2],
    ]);
    expect(await pilotCycles(cnaf)).toEqual([]);
    const rates = Object.fromEntries(
      (await responseRates()).map((r) => [r.organisation, `${r.answered}/${r.invited}`]),
    );
    expect(rates).toMatchObject({ "Caisse nationale des allocations familiales": "1/1", "MDPH de la Somme": "0/1" });
  });

  it("reminds only the invited organisations that have not answered, through a real SMTP server", async () => {
    at("2026-11-16T17:00:00Z");
    await runDueJobs();
    expect(await recipients("rfc.rappel")).toEqual(["coord@cnsa.example", "dir80@mdph.example"]);
    const smtp: TestSmtpServer = await startSmtpServer();
    const transport = createTransport(smtp.url)!;
    try {
      await deliverDueMails({ transport });
      const reminders = smtp.messages.filter((m) => m.subject?.startsWith(`[${NUMBER}] Rappel`));
      expect(reminders.flatMap((m) => m.to).sort()).toEqual(["coord@cnsa.example", "dir80@mdph.example"]);
      expect(reminders[0].text).toContain("n'a pas encore répondu");
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it("moves the close job and the reminders when the deadline is extended", async () => {
    at("2026-11-20T09:00:00Z");
    expect(
      await extendCycle(pilot, NUMBER, 1, {
        deadline: new Date("2026-11-22T17:00:00Z"),
        expectedRowVersion: await currentVersion(),
      }),
    ).toMatchObject({ ok: false, field: "deadline" });
    expect(
      await extendCycle(pilot, NUMBER, 1, { deadline: new Date(EXTENDED), expectedRowVersion: await currentVersion() }),
    ).toEqual({ ok: true, value: undefined });
    const pending = await prisma.scheduledJob.findMany({
      where: { kind: { startsWith: "rfc." }, status: "PENDING" },
      orderBy: { dueAt: "asc" },
    });
    // The new deadline's 7-day reminder (17th) is already past: kept as a record, then dropped.
    expect(pending.map((j) => [j.kind, j.dueAt.toISOString()])).toEqual([
      ["rfc.rappel", "2026-11-17T17:00:00.000Z"],
      ["rfc.rappel", "2026-11-23T17:00:00.000Z"],
      ["rfc.cloture", EXTENDED],
    ]);
    expect(await prisma.scheduledJob.count({ where: { kind: "rfc.cloture", status: "CANCELLED" } })).toBe(1);
    const sent = await prisma.outboxMail.count({ where: { template: "rfc.rappel" } });
    await runDueJobs();
    expect(
      (
        await prisma.scheduledJob.findFirstOrThrow({
          where: { kind: "rfc.rappel", dueAt: new Date("2026-11-17T17:00:00.000Z") },
        })
      ).status,
    ).toBe("DROPPED");
    expect(await prisma.outboxMail.count({ where: { template: "rfc.rappel" } })).toBe(sent);
  });

  it("takes a comment one second before the deadline and refuses one a second after, even before the close job runs", async () => {
    at("2026-11-24T16:59:59Z");
    await runDueJobs();
    const inTime = await postComment(director80, NUMBER, 1, { kind: "SOUTIEN", body: "Rien à ajouter." });
    expect(inTime.ok).toBe(true);
    at("2026-11-24T17:00:01Z");
    expect(
      await prisma.workflowInstance.findFirstOrThrow({ where: { rfcVersion: { rfc: { number: NUMBER }, number: 1 } } }),
    ).toMatchObject({ status: "ouvert" });
    expect(await postComment(director80, NUMBER, 1, { kind: "FOND", body: "Trop tard ?" })).toEqual({
      ok: false,
      code: "REFUSE",
      message: expect.stringContaining("Le délai de réponse a expiré"),
    });
    // Posting directly to the page's action, as a browser would.
    const late = await versionAction({
      request: await post(director53, `/rfc/${NUMBER}/v/1`, {
        intent: "commenter",
        kind: "FOND",
        body: "Trop tard ?",
        passage: "",
      }),
      params: { number: NUMBER, version: "1" },
      context: CONTEXT,
    });
    expect(statusOf(late)).toBe(422);
    expect(bodyOf(late)).toMatchObject({
      intent: "commenter",
      message: expect.stringContaining("Le délai de réponse a expiré"),
    });
    const lateReply = await versionAction({
      request: await post(director53, `/rfc/${NUMBER}/v/1`, {
        intent: "repondre",
        parentId: whole,
        body: "Et une réponse ?",
      }),
      params: { number: NUMBER, version: "1" },
      context: CONTEXT,
    });
    expect(statusOf(lateReply)).toBe(422);
    expect(bodyOf(lateReply)).toMatchObject({ message: expect.stringContaining("Le délai de réponse a expiré") });
    expect(await editComment(director53, anchored, { body: "Modifié trop tard" })).toMatchObject({ ok: false });
    expect(await prisma.rfcComment.count({ where: { version: { rfc: { number: NUMBER } } } })).toBe(4);
  });

  it("closes by itself at the deadline, not before, and tells the pilots", async () => {
    at("2026-11-24T16:59:59.999Z");
    await runDueJobs();
    expect(valueOf(await versionView(pilot, NUMBER, 1)).version.status).toBe("ouvert");
    at(EXTENDED);
    await runDueJobs();
    expect(valueOf(await versionView(pilot, NUMBER, 1)).version.status).toBe("clos");
    expect(await recipients("rfc.cloture")).toEqual(["coord@cnsa.example", "pilote@france-travail.example"]);
  });

  it("refuses to conclude while a comment has no disposition; only the pilot disposes, of comments, not replies", async () => {
    at("2026-11-25T09:00:00Z");
    expect(
      await concludeCycle(pilot, NUMBER, 1, {
        outcome: "adoption",
        conclusion: "Adoptée",
        expectedRowVersion: await currentVersion(),
      }),
    ).toEqual({
      ok: false,
      code: "REFUSE",
      message:
        "3 commentaires n'ont pas encore de réponse : enregistrez une disposition pour chaque commentaire avant de conclure.",
    });
    expect(
      await concludeCycle(pilot, NUMBER, 1, {
        outcome: "retrait",
        conclusion: "Abandon",
        expectedRowVersion: await currentVersion(),
      }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("3 commentaires"),
    });
    expect(await disposeComment(cnaf, anchored, { disposition: "REJETE", reply: "Non" })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
    expect(await disposeComment(pilot, reply, { disposition: "NOTE", reply: "Noté" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("ne reçoivent pas de disposition"),
    });
    expect(await disposeComment(pilot, anchored, { disposition: "ACCEPTE", reply: "" })).toMatchObject({
      ok: false,
      field: "reply",
    });
    expect(
      await disposeComment(pilot, anchored, {
        disposition: "PARTIELLEMENT_ACCEPTE",
        reply: "Un format CSV sera proposé en plus du XML.",
      }),
    ).toEqual({ ok: true, value: undefined });
    expect(
      await disposeComment(pilot, whole, { disposition: "ACCEPTE", reply: "Le numéro d'allocataire est ajouté." }),
    ).toEqual({ ok: true, value: undefined });
    const third = await prisma.rfcComment.findFirstOrThrow({ where: { authorId: director80.id } });
    expect(await disposeComment(coordinator, third.id, { disposition: "NOTE", reply: "Merci." })).toEqual({
      ok: true,
      value: undefined,
    });
    // Revisable until the conclusion.
    expect(await disposeComment(pilot, third.id, { disposition: "NOTE", reply: "Merci pour ce soutien." })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it("exports the disposition table with each passage in its context", async () => {
    const table = valueOf(await dispositionTable(msa, NUMBER, 1));
    expect(table.rows.map((r) => [r.rank, r.kind, r.disposition, r.replies])).toEqual([
      [1, "objection", "partiellement accepté", 1],
      [2, "de fond", "accepté", 0],
      [3, "soutien", "pris en note", 0],
    ]);
    const response = await dispositionExport({
      request: new Request(`http://localhost:3000/rfc/${NUMBER}/v/1/dispositions/export?format=csv`, {
        headers: { Cookie: await cookieOf(director53) },
      }),
      params: { number: NUMBER, version: "1" },
      context: CONTEXT,
    });
    const csv = await (response as Response).text();
    expect(csv).toContain(
      "… Le formulaire de demande est « transmis au format XML » , encodé en UTF-8. Chaque envoi comporte …",
    );
    expect(csv).toContain("Un format CSV sera proposé en plus du XML.");
    expect(await dispositionTable(dgas, NUMBER, 1)).toMatchObject({ ok: false, code: "INTROUVABLE" });
  });

  it("concludes with a new version: a draft v2, copy of v1, whose changes the comparison shows", async () => {
    expect(
      await concludeCycle(pilot, NUMBER, 1, {
        outcome: "nouvelle-version",
        conclusion: "Ajout du numéro d'allocataire et d'un format CSV.",
        expectedRowVersion: await currentVersion(),
      }),
    ).toEqual({
      ok: true,
      value: { next: 2 },
    });
    expect(await disposeComment(pilot, whole, { disposition: "REJETE", reply: "Finalement non." })).toMatchObject({
      ok: false,
      message: expect.stringContaining("conclu"),
    });
    const v2 = valueOf(await versionView(pilot, NUMBER, 2));
    expect(v2.version).toMatchObject({
      status: "brouillon",
      changeNote: "Ajout du numéro d'allocataire et d'un format CSV.",
      document: V1,
    });
    const updated = await updateDraft(pilot, NUMBER, 2, {
      title: "Format d'échange du formulaire de demande",
      document: paragraphs(
        "Le formulaire de demande est transmis au format XML ou CSV, encodé en UTF-8.",
        "Chaque envoi comporte un en-tête, les demandes avec le numéro d'allocataire, puis un enregistrement de fin qui donne le nombre de demandes.",
        "Les pièces justificatives sont jointes au format PDF.",
      ),
      changeNote: "Ajout du numéro d'allocataire et d'un format CSV.",
      expectedUpdatedAt: v2.version.updatedAt,
    });
    expect(updated.ok).toBe(true);
    const diff = valueOf(await compareVersions(cnaf, NUMBER, 1, 2));
    expect(diff.parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual([
      "ou CSV",
      "avec le numéro d'allocataire",
    ]);
    expect(diff.parts.filter((p) => p.kind === "removed")).toEqual([]);
    // The v1 comments stay attached to v1.
    expect(
      (await prisma.rfcComment.findUniqueOrThrow({ where: { id: anchored }, include: { version: true } })).version
        .number,
    ).toBe(1);
  });

  it("adopts v2 after its cycle: MDPH directors are told, and only they record their MDPH's position", async () => {
    expect(
      await openCycle(pilot, NUMBER, 2, {
        deadline: new Date("2026-12-07T17:00:00Z"),
        organisationIds: [ids.cnaf],
        allMdph: true,
        allConseils: false,
        expectedRowVersion: await currentVersion(2),
      }),
    ).toMatchObject({ ok: true });
    at("2026-12-07T17:00:00Z");
    await runDueJobs();
    expect(await recordPosition(director53, NUMBER, { position: "ADOPTE", comment: "" })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    }); // not adopted yet
    expect(
      await concludeCycle(pilot, NUMBER, 2, {
        outcome: "adoption",
        conclusion: "Adoptée comme proposition par le groupe.",
        expectedRowVersion: await currentVersion(2),
      }),
    ).toEqual({
      ok: true,
      value: { next: null },
    });
    const rfc = await prisma.rfc.findUniqueOrThrow({ where: { number: NUMBER } });
    expect(rfc).toMatchObject({ status: "ADOPTEE", adoptedAt: new Date("2026-12-07T17:00:00Z") });
    expect(await recipients("rfc.adoption")).toEqual(
      expect.arrayContaining(["dir53@mdph.example", "dir80@mdph.example", "membre@cnaf.example"]),
    );
    expect((await positionsToRecord(director53)).map((p) => p.number)).toEqual([NUMBER]);

    const position = (who: SessionUser, position: string, comment = "") =>
      recordPosition(who, NUMBER, { position, comment });
    for (const notDirector of [cnaf, pilot])
      expect(await position(notDirector, "ADOPTE")).toMatchObject({ ok: false, code: "INTERDIT" });
    expect(await position(director53, "N_ADOPTE_PAS", " ")).toMatchObject({ ok: false, field: "comment" });
    expect(await position(director53, "ADOPTE")).toEqual({ ok: true, value: undefined });
    // Recorded, then changed: one change in the journal.
    expect(await position(director80, "N_ADOPTE_PAS", "Nos logiciels ne lisent pas encore le CSV.")).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await position(director80, "ADOPTERA", "Après la mise à jour de notre logiciel.")).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await prisma.auditEntry.count({ where: { action: "rfc-position-modifiee" } })).toBe(1);
    expect(await positionsToRecord(director53)).toEqual([]);

    const national = valueOf(await nationalPositions(coordinator, NUMBER));
    expect(national.rows).toHaveLength(101);
    expect(national.counts).toEqual({ ADOPTE: 1, ADOPTERA: 1, N_ADOPTE_PAS: 0, AUCUNE: 99 });
    expect(national.rows.find((r) => r.departementCode === "80")).toMatchObject({
      position: "ADOPTERA",
      comment: "Après la mise à jour de notre logiciel.",
    });
    expect(national.rows.slice(18, 22).map((r) => r.departementCode)).toEqual(["19", "2A", "2B", "21"]);
    expect(await nationalPositions(pilot, NUMBER)).toMatchObject({ ok: false, code: "INTERDIT" });
  });
});

describe("the daily digest of new comments", () => {
  it("sends one mail to those who asked for it, listing the day's comments they may read, and nothing on a day without any", async () => {
    await prisma.user.update({ where: { id: msa.id }, data: { rfcDigest: true } });
    await prisma.user.update({ where: { id: dgas.id }, data: { rfcDigest: true } });
    at("2026-11-03T10:00:00Z");
    await ensureRfcSchedules(new Date("2026-11-03T10:00:00Z"));
    expect(
      (
        await prisma.scheduledJob.findFirstOrThrow({ where: { kind: "rfc.recapitulatif", status: "PENDING" } })
      ).dueAt.toISOString(),
    ).toBe("2026-11-04T07:00:00.000Z");
    at("2026-11-04T07:00:00Z");
    await runDueJobs();
    const digests = await prisma.outboxMail.findMany({ where: { template: "rfc.recapitulatif" } });
    expect(digests.map((m) => JSON.parse(m.toAddresses))).toEqual([["membre@msa.example"]]);
    expect(digests[0].textBody).toContain("3 nouveaux commentaires");
    expect(digests[0].textBody).toContain("MDPH de la Mayenne");
    expect(digests[0].textBody).toContain("« transmis au format XML »");
    expect(digests[0].textBody).toContain("Caisse nationale des allocations familiales");
    at("2026-11-05T07:00:00Z");
    await runDueJobs();
    expect(await prisma.outboxMail.count({ where: { template: "rfc.recapitulatif" } })).toBe(1);
    expect(await prisma.scheduledJob.count({ where: { kind: "rfc.recapitulatif", status: "PENDING" } })).toBe(1);
  });
});

describe("RFC numbers", () => {
  it("restart at 001 with the Paris year, inside the transaction that creates the RFC", async () => {
    at("2026-12-31T22:30:00Z");
    expect(await createRfc(pilot, "refonte-formulaire", { title: "Deuxième RFC", document: V1 })).toEqual({
      ok: true,
      value: { number: "RFC-2026-002" },
    });
    at("2026-12-31T23:30:00Z"); // 00:30 on 1 January 2027 in Paris
    const [a, b] = await Promise.all([
      createRfc(pilot, "refonte-formulaire", { title: "Première de 2027", document: V1 }),
      createRfc(coordinator, "refonte-formulaire", { title: "Deuxième de 2027", document: V1 }),
    ]);
    expect([a, b].map((r) => (r.ok ? r.value.number : r.message)).sort()).toEqual(["RFC-2027-001", "RFC-2027-002"]);
  });

  it("renders the version page's loader for a reader, with the marks of the anchored passages", async () => {
    const data = await versionLoader({
      request: new Request(`http://localhost:3000/rfc/${NUMBER}/v/1`, { headers: { Cookie: await cookieOf(msa) } }),
      params: { number: NUMBER, version: "1" },
      context: CONTEXT,
    });
    expect(data.html).toMatch(/<mark class="rfc-passage" id="passage-[a-z0-9]+">transmis au format XML<\/mark>/);
    expect(data.canComment).toBe(false);
  });
});

describe("settings and notification pages", () => {
  it("lets only the coordinator change the durations, in French, and moves the next digest to the new hour", async () => {
    at("2027-01-05T10:00:00Z");
    const fields = { defaultDays: "30", minimumDays: "14", reminderDaysBefore: "10; 2", hour: "07:30" };
    await expect(
      settingsAction({ request: await post(cnaf, "/rfc/parametres", fields), params: {}, context: CONTEXT }),
    ).rejects.toMatchObject({ status: 403 });
    const refused = await settingsAction({
      request: await post(coordinator, "/rfc/parametres", {
        ...fields,
        minimumDays: "40",
        reminderDaysBefore: "7, x",
        hour: "25:00",
      }),
      params: {},
      context: CONTEXT,
    });
    expect(statusOf(refused)).toBe(422);
    expect(bodyOf(refused)).toMatchObject({
      ok: false,
      errors: {
        minimumDays: "La durée minimale ne peut pas dépasser la durée par défaut.",
        reminderDaysBefore: expect.stringContaining("nombres entiers"),
        hour: expect.stringContaining("HH:MM"),
      },
      values: { minimumDays: "40" },
    });
    expect(
      await settingsAction({
        request: await post(coordinator, "/rfc/parametres", fields),
        params: {},
        context: CONTEXT,
      }),
    ).toMatchObject({ ok: true });
    expect(await readSetting(cycleSetting)).toEqual({ defaultDays: 30, minimumDays: 14, reminderDaysBefore: [10, 2] });
    expect(await readSetting(digestSetting)).toEqual({ hour: "07:30" });
    const pending = await prisma.scheduledJob.findFirstOrThrow({
      where: { kind: "rfc.recapitulatif", status: "PENDING" },
    });
    expect(pending.dueAt.toISOString().slice(11, 16)).toBe("06:30");
  });

  it("lets each person turn their own daily digest on and off", async () => {
    await notificationsAction({
      request: await post(cnaf, "/compte/notifications", { rfcDigest: "oui" }),
      params: {},
      context: CONTEXT,
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: cnaf.id } })).rfcDigest).toBe(true);
    await notificationsAction({ request: await post(cnaf, "/compte/notifications", {}), params: {}, context: CONTEXT });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: cnaf.id } })).rfcDigest).toBe(false);
  });
});

describe("a cycle whose deadline passes while the server is down", () => {
  it("closes at restart, however late, and drops the reminders that fell due meanwhile instead of sending them", async () => {
    at("2027-01-06T09:00:00Z");
    const created = await createRfc(pilot, "refonte-formulaire", {
      title: "Nomenclature des pièces justificatives",
      document: V1,
    });
    if (!created.ok) throw new Error(created.message);
    const number = created.value.number;
    const expectedRowVersion = valueOf(await versionView(pilot, number, 1)).version.workflowRowVersion;
    const deadline = "2027-02-01T17:00:00.000Z";
    expect(
      await openCycle(pilot, number, 1, {
        organisationIds: [ids.cnaf, ids.msa],
        allMdph: false,
        allConseils: false,
        expectedRowVersion,
        deadline: new Date(deadline),
      }),
    ).toMatchObject({ ok: true });
    const sent = await prisma.outboxMail.count({ where: { template: "rfc.rappel" } });
    // Down from 6 January to 10 February: reminders and the close fell due meanwhile.
    at("2027-02-10T09:00:00Z");
    await runDueJobs();
    expect(valueOf(await versionView(pilot, number, 1)).version.status).toBe("clos");
    const jobs = await prisma.scheduledJob.findMany({
      where: { kind: { in: ["rfc.rappel", "rfc.cloture"] }, payload: { contains: deadline } },
      orderBy: { dueAt: "asc" },
    });
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([
      ["rfc.rappel", "DROPPED"],
      ["rfc.rappel", "DROPPED"],
      ["rfc.cloture", "DONE"],
    ]);
    expect(await prisma.outboxMail.count({ where: { template: "rfc.rappel" } })).toBe(sent);
    expect(
      (await prisma.outboxMail.findMany({ where: { template: "rfc.cloture" } })).some((m) =>
        m.subject.includes(number),
      ),
    ).toBe(true);
  });
});
