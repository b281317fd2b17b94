import { orRefusal } from "~/utils/intent.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { now, resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { getJobHandler } from "~/modules/scheduler/registry.server";
import { applyEvent, getTimeline } from "~/modules/workflow/engine.server";
import { person } from "../../../test/support/people";
import { groupCast } from "../../../test/support/groups";
import { valueOf } from "../../../test/support/result";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { accessFor, readableGroupIds, seesEveryGroup } from "./policy.server";
import { actOnActionItem, createActionItem, getActionItem } from "./actions.server";
import { distributionRecipients } from "./distribution.server";
import { type CreateGroupInput } from "./forms.server";
import { actOnGroup, createGroup, updateGroupSettings } from "./group-commands.server";
import { getGroup, listGroups } from "./group-queries.server";
import { saveLetter } from "./letter.server";
import { createMeeting, getMeeting, recordMinutes } from "./meetings.server";
import { GROUP_JOBS, overdueKey, reminderKey } from "./workflow.server";

const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const doc = (...paragraphs: string[]) =>
  JSON.stringify({
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] })),
  });
const EMPTY = doc();
const orgId = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
const mailsTo = async (address: string, template?: string) =>
  (await prisma.outboxMail.findMany({ where: template ? { template } : {}, orderBy: { createdAt: "asc" } })).filter(
    (m) =>
      (JSON.parse(m.toAddresses) as string[]).includes(address) ||
      (JSON.parse(m.ccAddresses) as string[]).includes(address),
  );

let coordinator: SessionUser,
  pilotFT: SessionUser,
  dgefp: SessionUser,
  director53: SessionUser,
  cnaf: SessionUser,
  adfMember: SessionUser,
  ftColleague: SessionUser;
let ids: Record<string, string>;

/** `user` saves an empty mission letter of "sphere-emploi" at `rowVersion` (each use expects a refusal). */
const saveEmptyLetter = (user: SessionUser, rowVersion: number) =>
  saveLetter(user, "sphere-emploi", { missionLetter: EMPTY, roles: {}, deliverables: [] }, rowVersion);

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, pilot: pilotFT, dgefp, cnaf } = await groupCast());
  ftColleague = await person("collegue@france-travail.example", "france-travail", ["MEMBRE_GT"]);
  director53 = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  adfMember = await person("membre@adf.example", "adf", ["MEMBRE_GT"]);
  await prisma.organisation.update({ where: { code: "adf" }, data: { email: "secretariat@adf.example" } });
  await prisma.organisation.create({
    data: {
      code: "editeur-demo",
      kind: "EDITEUR",
      name: "Éditeur de démonstration",
      shortName: "Éditeur",
      email: "contact@editeur.example",
    },
  });
  await person("dev@editeur.example", "editeur-demo", ["MEMBRE_GT"]);
  ids = Object.fromEntries(
    await Promise.all(
      ["cnsa", "france-travail", "dgefp", "mdph-53", "cnaf", "adf", "mdph-80"].map(async (c) => [c, await orgId(c)]),
    ),
  );
});
afterAll(() => resetClock());

const emploi = (): CreateGroupInput => ({
  name: "Sphère emploi",
  code: "sphere-emploi",
  kind: "FONCTIONNEL",
  memberOrganisationIds: [ids.cnsa, ids.dgefp, ids["mdph-53"]],
  pilotOrganisationId: ids["france-travail"],
  letterDueOn: "2026-12-31",
  distributionLists: ["MEMBRES", "ADF"],
  vendorsJoin: "VALIDATION",
});

describe("work groups", () => {
  it("lets only the coordinator create a group; the pilot joins the members and the lists hear of it", async () => {
    expect(await createGroup(pilotFT, emploi())).toMatchObject({ ok: false, code: "INTERDIT" });
    expect(await createGroup(coordinator, emploi())).toEqual({ ok: true, value: { code: "sphere-emploi" } });
    expect(await createGroup(coordinator, { ...emploi(), name: "Doublon" })).toMatchObject({
      ok: false,
      errors: { code: "Ce code est déjà celui du groupe « Sphère emploi »." },
    });
    const group = orRefusal(await getGroup(coordinator, "sphere-emploi"));
    expect(group.status).toBe("propose");
    expect(group.members.map((m) => m.shortName).sort()).toEqual(["CNSA", "DGEFP", "France Travail", "MDPH 53"].sort());
    expect(group.pilot).toMatchObject({ shortName: "France Travail", validated: false });
    // ADF list + members, one mail each; vendors join only at validation.
    const creation = await prisma.outboxMail.findMany({ where: { template: "groupes.creation" } });
    const addresses = creation.flatMap((m) => JSON.parse(m.toAddresses) as string[]).sort();
    expect(addresses).toEqual([
      "collegue@france-travail.example",
      "coord@cnsa.example",
      "dir53@mdph.example",
      "membre@adf.example",
      "membre@dgefp.example",
      "pilote@france-travail.example",
      "secretariat@adf.example",
    ]);
  });

  it("a member of another organisation gets a 404 on a group it is not in; a steering-body member reads every group", async () => {
    expect(await getGroup(cnaf, "sphere-emploi")).toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(await getGroup(cnaf, "groupe-inconnu")).toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(await readableGroupIds(cnaf)).toEqual([]);
    expect(await seesEveryGroup(adfMember)).toBe(false);
    // The steering body: CNSA, ADF, MDPH 80.
    expect(
      await createGroup(coordinator, {
        name: "Instance de pilotage",
        code: "instance-pilotage",
        kind: "PILOTAGE",
        memberOrganisationIds: [ids.cnsa, ids.adf, ids["mdph-80"]],
        pilotOrganisationId: ids.cnsa,
        distributionLists: ["MEMBRES"],
        vendorsJoin: "JAMAIS",
      }),
    ).toMatchObject({ ok: true });
    expect(await seesEveryGroup(adfMember)).toBe(true);
    expect(orRefusal(await getGroup(adfMember, "sphere-emploi")).name).toBe("Sphère emploi");
    const emploiId = (await prisma.workGroup.findUniqueOrThrow({ where: { code: "sphere-emploi" } })).id;
    expect(await accessFor(adfMember, emploiId)).toEqual({
      ok: true,
      value: { read: true, pilot: false, manage: false },
    });
    expect(await listGroups(adfMember)).toMatchObject({ ok: false, code: "INTERDIT" });
  });

  it("refuses, with the reasons in French, to validate a group whose letter is not written, whose pilot is to be validated or whose letter is incomplete", async () => {
    const first = await actOnGroup(coordinator, "sphere-emploi", "VALIDER");
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.message).toContain("La lettre de mission n'a pas encore été rédigée");
    expect(first.message).toContain("Le pilote proposé (France Travail) est encore « à valider »");
    expect(first.message).toContain(
      "il manque le périmètre du groupe (texte de la lettre) ; le rôle de CNSA, DGEFP, France Travail et MDPH 53 ; au moins un livrable avec sa date de livraison et sa période de validation.",
    );
    // A member that is not the pilot cannot write the letter; the pilot can.
    const group = orRefusal(await getGroup(pilotFT, "sphere-emploi"));
    expect(await saveEmptyLetter(dgefp, group.rowVersion)).toMatchObject({ ok: false, code: "INTERDIT" });
    const saved = await saveLetter(
      pilotFT,
      "sphere-emploi",
      {
        missionLetter: doc("Échanges entre les MDPH et le service public de l'emploi."),
        roles: { [ids["france-travail"]]: "Pilote", [ids.cnsa]: "Animation" },
        deliverables: [],
      },
      group.rowVersion,
    );
    expect(saved).toEqual({ ok: true, value: { drafted: true } });
    expect(orRefusal(await getGroup(pilotFT, "sphere-emploi")).status).toBe("lettreRedigee");
    expect((await mailsTo("coord@cnsa.example", "groupes.lettre-redigee")).length).toBe(1);
    // Saving again with the old version is refused: someone else saved meanwhile.
    expect(await saveEmptyLetter(pilotFT, group.rowVersion)).toMatchObject({ ok: false, code: "PERIME" });
    const second = await actOnGroup(coordinator, "sphere-emploi", "VALIDER");
    expect(second).toMatchObject({ ok: false, code: "REFUSE" });
    if (second.ok) return;
    expect(second.message).not.toContain("pas encore été rédigée");
    expect(second.message).toContain("il manque le rôle de DGEFP et MDPH 53 ; au moins un livrable");
    // The pilot may not validate anything.
    expect(await actOnGroup(pilotFT, "sphere-emploi", "VALIDER_PILOTE")).toMatchObject({ ok: false, code: "INTERDIT" });
  });

  it("lets the engine itself refuse an incomplete letter or a malformed event, whoever sends it", async () => {
    const { workflowId } = await prisma.workGroup.findUniqueOrThrow({ where: { code: "sphere-emploi" } });
    const actor = { id: coordinator.id, label: "Test" };
    expect(await applyEvent({ workflowId, event: { type: "VALIDER" }, actor })).toMatchObject({
      ok: false,
      code: "INVALIDE",
    });
    expect(
      await applyEvent({
        workflowId,
        event: { type: "VALIDER", letter: { perimeter: true, roles: true, deliverables: false } },
        actor,
      }),
    ).toMatchObject({
      ok: false,
      code: "REFUSE",
      message:
        "L'action « Valider le groupe » n'est pas possible dans l'état actuel du dossier (Lettre de mission rédigée).",
    });
    expect(await applyEvent({ workflowId, event: { type: "ACTIVER" }, actor })).toMatchObject({
      ok: false,
      code: "REFUSE",
    });
  });

  it("validates the pilot, then the complete group through the engine: members, coordinators and the lists (vendors included from validation) are told", async () => {
    expect(await actOnGroup(coordinator, "sphere-emploi", "VALIDER_PILOTE")).toMatchObject({
      ok: true,
      value: { status: "lettreRedigee" },
    });
    expect(await actOnGroup(coordinator, "sphere-emploi", "VALIDER_PILOTE")).toMatchObject({
      ok: false,
      message: "Le pilote de ce groupe est déjà validé.",
    });
    const group = orRefusal(await getGroup(pilotFT, "sphere-emploi"));
    const roles = Object.fromEntries(group.members.map((m) => [m.id, `Rôle de ${m.shortName}`]));
    expect(
      await saveLetter(
        pilotFT,
        "sphere-emploi",
        {
          missionLetter: doc("Périmètre : orientation et insertion professionnelle."),
          roles,
          deliverables: [{ title: "Cartographie des flux", dueOn: "2027-03-31", validationDays: 15 }],
        },
        group.rowVersion,
      ),
    ).toEqual({ ok: true, value: { drafted: false } });
    // The pilot cannot change once validated.
    const settings = orRefusal(await getGroup(coordinator, "sphere-emploi"));
    expect(
      await updateGroupSettings(
        coordinator,
        "sphere-emploi",
        {
          name: "Sphère emploi",
          memberOrganisationIds: settings.members.map((m) => m.id),
          pilotOrganisationId: ids.dgefp,
          distributionLists: ["MEMBRES", "ADF"],
          vendorsJoin: "VALIDATION",
        },
        settings.rowVersion,
      ),
    ).toMatchObject({
      ok: false,
      errors: { pilotOrganisationId: "Le pilote (France Travail) a été validé : il ne peut plus être changé." },
    });
    expect(await actOnGroup(coordinator, "sphere-emploi", "VALIDER")).toEqual({
      ok: true,
      value: { status: "valide" },
    });
    const validation = await prisma.outboxMail.findFirstOrThrow({ where: { template: "groupes.validation" } });
    expect((JSON.parse(validation.toAddresses) as string[]).sort()).toEqual([
      "collegue@france-travail.example",
      "coord@cnsa.example",
      "dir53@mdph.example",
      "membre@dgefp.example",
      "pilote@france-travail.example",
    ]);
    const spread = (await prisma.outboxMail.findMany({ where: { template: "groupes.validation-diffusion" } }))
      .flatMap((m) => JSON.parse(m.toAddresses) as string[])
      .sort();
    expect(spread).toEqual([
      "contact@editeur.example",
      "dev@editeur.example",
      "membre@adf.example",
      "secretariat@adf.example",
    ]);
    // The letter is now frozen.
    const validated = orRefusal(await getGroup(pilotFT, "sphere-emploi"));
    expect(await saveEmptyLetter(pilotFT, validated.rowVersion)).toMatchObject({
      ok: false,
      message: "La lettre de mission est validée : elle ne peut plus être modifiée.",
    });
    expect(await actOnGroup(coordinator, "sphere-emploi", "ACTIVER")).toMatchObject({
      ok: true,
      value: { status: "actif" },
    });
    expect(await prisma.outboxMail.count({ where: { template: "groupes.activation" } })).toBe(1);
    const timeline = await getTimeline(
      validated.id ? (await prisma.workGroup.findUniqueOrThrow({ where: { code: "sphere-emploi" } })).workflowId : "",
    );
    expect(timeline.map((t) => t.eventLabel)).toEqual([
      "Création",
      "Rédiger la lettre de mission",
      "Valider le pilote",
      "Valider le groupe",
      "Engager les travaux",
    ]);
  });

  it("refuses a settings change made on a stale version", async () => {
    const group = orRefusal(await getGroup(coordinator, "sphere-emploi"));
    const input = {
      name: "Sphère emploi et insertion",
      memberOrganisationIds: group.members.map((m) => m.id),
      pilotOrganisationId: ids["france-travail"],
      letterDueOn: "2026-12-31",
      distributionLists: ["MEMBRES" as const],
      vendorsJoin: "JAMAIS" as const,
    };
    expect(await updateGroupSettings(coordinator, "sphere-emploi", input, group.rowVersion)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(
      await updateGroupSettings(coordinator, "sphere-emploi", { ...input, name: "Autre" }, group.rowVersion),
    ).toMatchObject({ ok: false, code: "PERIME" });
    expect(orRefusal(await getGroup(coordinator, "sphere-emploi")).name).toBe("Sphère emploi et insertion");
    expect(await updateGroupSettings(pilotFT, "sphere-emploi", input, group.rowVersion + 1)).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
  });
});

describe("distribution lists", () => {
  it("brings vendors in only once the group's moment is reached, and never with JAMAIS", async () => {
    const group = await prisma.workGroup.findUniqueOrThrow({ where: { code: "sphere-emploi" } });
    await prisma.workGroup.update({
      where: { id: group.id },
      data: { distributionLists: JSON.stringify(["MDPH", "SI_CD"]), vendorsJoin: "OUVERTURE_RFC" },
    });
    const vendor = ["contact@editeur.example", "dev@editeur.example"];
    const at = async (moment: "CREATION" | "VALIDATION" | "OUVERTURE_RFC" | "ADOPTION") =>
      distributionRecipients(prisma, group.id, moment);
    expect(await at("VALIDATION")).toEqual(["dir53@mdph.example"]); // CD have neither mailbox nor people here
    expect(await at("OUVERTURE_RFC")).toEqual(expect.arrayContaining(["dir53@mdph.example", ...vendor]));
    expect(await at("ADOPTION")).toHaveLength(3);
    await prisma.workGroup.update({ where: { id: group.id }, data: { vendorsJoin: "JAMAIS" } });
    expect(await at("ADOPTION")).toEqual(["dir53@mdph.example"]);
    await prisma.workGroup.update({
      where: { id: group.id },
      data: { distributionLists: JSON.stringify(["MEMBRES"]) },
    });
  });
});

describe("meetings and action items", () => {
  let meetingId: string;
  let actionId: string;

  it("lets the pilot convene a meeting with attendees from the directory, and refuses a stranger as attendee", async () => {
    const agenda = doc("1. Cartographie des flux", "2. Calendrier");
    const base = { date: "2026-11-16", startTime: "14:00", endTime: "16:30", place: "CNSA, Paris", agenda };
    expect(await createMeeting(pilotFT, "sphere-emploi", { ...base, attendeeIds: [cnaf.id] })).toMatchObject({
      ok: false,
      errors: { attendeeIds: expect.stringContaining("ne fait pas partie") },
    });
    expect(await createMeeting(pilotFT, "sphere-emploi", { ...base, endTime: "13:00", attendeeIds: [] })).toMatchObject(
      { ok: false, errors: { endTime: "L'heure de fin doit suivre l'heure de début." } },
    );
    expect(await createMeeting(dgefp, "sphere-emploi", { ...base, attendeeIds: [] })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
    const created = await createMeeting(pilotFT, "sphere-emploi", {
      ...base,
      attendeeIds: [pilotFT.id, dgefp.id, coordinator.id],
    });
    if (!created.ok) throw new Error(created.message);
    meetingId = created.value.id;
    const meeting = orRefusal(await getMeeting(dgefp, "sphere-emploi", meetingId));
    expect(meeting.startsAt.toISOString()).toBe("2026-11-16T13:00:00.000Z"); // 14:00 in Paris, winter time
    expect(meeting.attendees.map((a) => a.email).sort()).toEqual([
      "coord@cnsa.example",
      "membre@dgefp.example",
      "pilote@france-travail.example",
    ]);
    expect(await getMeeting(cnaf, "sphere-emploi", meetingId)).toMatchObject({ ok: false, code: "INTROUVABLE" });
    const invitation = await prisma.outboxMail.findFirstOrThrow({ where: { template: "groupes.reunion" } });
    expect(invitation.textBody).toContain("1. Cartographie des flux");
  });

  it("records the minutes with a version check", async () => {
    const input = {
      minutes: doc("Tour de table."),
      decisions: doc("Le groupe retient trois flux prioritaires."),
      attendeeIds: [pilotFT.id, dgefp.id],
    };
    expect(await recordMinutes(pilotFT, "sphere-emploi", meetingId, input, 0)).toEqual({ ok: true, value: undefined });
    expect(await recordMinutes(pilotFT, "sphere-emploi", meetingId, input, 0)).toMatchObject({
      ok: false,
      code: "PERIME",
    });
    expect(orRefusal(await getMeeting(pilotFT, "sphere-emploi", meetingId)).attendees).toHaveLength(2);
  });

  it("schedules reminders 7 and 1 days before the due day and an overdue notice the day after", async () => {
    const decide = (organisationIds: string[], dueOn: string) =>
      createActionItem(pilotFT, "sphere-emploi", { meetingId, title: "Recenser les flux", organisationIds, dueOn });
    expect(await decide([ids.cnaf], "2026-12-01")).toMatchObject({
      ok: false,
      errors: { organisationIds: "Les organisations responsables sont choisies parmi les membres du groupe." },
    });
    expect(await decide([ids.dgefp], "2026-11-01")).toMatchObject({
      ok: false,
      errors: { dueOn: "L'échéance ne peut pas être dans le passé." },
    });
    const created = await decide([ids.dgefp, ids["mdph-53"]], "2026-12-01");
    if (!created.ok) throw new Error(created.message);
    actionId = created.value.id;
    const item = orRefusal(await getActionItem(dgefp, "sphere-emploi", actionId));
    const jobs = await prisma.scheduledJob.findMany({
      where: { idempotencyKey: { contains: item.workflowId } },
      orderBy: { dueAt: "asc" },
    });
    expect(jobs.map((j) => [j.idempotencyKey, j.dueAt.toISOString(), j.status])).toEqual([
      [reminderKey(item.workflowId, "2026-12-01", 7), "2026-11-24T07:00:00.000Z", "PENDING"],
      [reminderKey(item.workflowId, "2026-12-01", 1), "2026-11-30T07:00:00.000Z", "PENDING"],
      [overdueKey(item.workflowId, "2026-12-01"), "2026-12-02T07:00:00.000Z", "PENDING"],
    ]);
  });

  it("postponing cancels the former reminders, schedules new ones keyed by the new day and keeps the due day in sync", async () => {
    const item = orRefusal(await getActionItem(dgefp, "sphere-emploi", actionId));
    const postpone = (dueOn: string) =>
      actOnActionItem(dgefp, "sphere-emploi", actionId, { type: "REPORTER", dueOn }, item.workflow.rowVersion);
    expect(await postpone("2026-11-30")).toMatchObject({
      ok: false,
      errors: { dueOn: "La nouvelle échéance doit suivre l'échéance actuelle (1 décembre 2026)." },
    });
    expect(await postpone("2026-12-10")).toMatchObject({ ok: true });
    const jobs = await prisma.scheduledJob.findMany({ where: { idempotencyKey: { contains: item.workflowId } } });
    const byKey = Object.fromEntries(jobs.map((j) => [j.idempotencyKey, j.status]));
    expect(byKey).toEqual({
      [reminderKey(item.workflowId, "2026-12-01", 7)]: "CANCELLED",
      [reminderKey(item.workflowId, "2026-12-01", 1)]: "CANCELLED",
      [overdueKey(item.workflowId, "2026-12-01")]: "CANCELLED",
      [reminderKey(item.workflowId, "2026-12-10", 7)]: "PENDING",
      [reminderKey(item.workflowId, "2026-12-10", 1)]: "PENDING",
      [overdueKey(item.workflowId, "2026-12-10")]: "PENDING",
    });
    expect((await prisma.actionItem.findUniqueOrThrow({ where: { id: actionId } })).dueOn).toBe("2026-12-10");
    // A stale form is refused.
    expect(
      await actOnActionItem(dgefp, "sphere-emploi", actionId, { type: "COMMENCER" }, item.workflow.rowVersion),
    ).toMatchObject({ ok: false, code: "PERIME" });
  });

  it("reminds the responsible organisations' people, not the others", async () => {
    at("2026-12-03T08:00:00Z");
    await runDueJobs();
    const reminders = await prisma.outboxMail.findMany({ where: { template: "groupes.action-rappel" } });
    expect(reminders).toHaveLength(1);
    expect((JSON.parse(reminders[0].toAddresses) as string[]).sort()).toEqual([
      "dir53@mdph.example",
      "membre@dgefp.example",
    ]);
    expect(reminders[0].subject).toBe("[Sphère emploi et insertion] Rappel : action à mener d'ici le 10 décembre 2026");
    expect(reminders[0].textBody).toContain("dans 7 jours");
  });

  it("denies moving an item on to a member that is not responsible, and to a stranger (404)", async () => {
    expect(await actOnActionItem(ftColleague, "sphere-emploi", actionId, { type: "COMMENCER" })).toMatchObject({
      ok: false,
      code: "INTERDIT",
    });
    expect(await actOnActionItem(cnaf, "sphere-emploi", actionId, { type: "COMMENCER" })).toMatchObject({
      ok: false,
      code: "INTROUVABLE",
    });
    expect(orRefusal(await getActionItem(ftColleague, "sphere-emploi", actionId)).allowedEvents).toEqual([]);
  });

  it("sends no reminder once the item is done, and cancels its jobs", async () => {
    at("2026-12-08T10:00:00Z");
    expect(
      await actOnActionItem(director53, "sphere-emploi", actionId, { type: "TERMINER", doneOn: "2026-12-09" }),
    ).toMatchObject({ ok: false, errors: { doneOn: "La date de réalisation ne peut pas être dans le futur." } });
    expect(
      await actOnActionItem(director53, "sphere-emploi", actionId, { type: "TERMINER", doneOn: "2026-12-08" }),
    ).toMatchObject({ ok: true, value: { status: "fait" } });
    const item = orRefusal(await getActionItem(director53, "sphere-emploi", actionId));
    expect(
      await prisma.scheduledJob.count({ where: { idempotencyKey: { contains: item.workflowId }, status: "PENDING" } }),
    ).toBe(0);
    // Even a reminder job that was already picked up does nothing for a done item.
    const before = await prisma.outboxMail.count();
    await writeTransaction((tx) =>
      getJobHandler(GROUP_JOBS.actionReminder)!(
        tx,
        { workflowId: item.workflowId, dueOn: "2026-12-10", days: 1 },
        { now: now(), job: { id: "x", kind: GROUP_JOBS.actionReminder, dueAt: now(), attempts: 0 } },
      ),
    );
    at("2026-12-11T09:00:00Z");
    await runDueJobs();
    expect(await prisma.outboxMail.count()).toBe(before);
    expect(await actOnActionItem(director53, "sphere-emploi", actionId, { type: "COMMENCER" })).toMatchObject({
      ok: false,
      message: "Cette action est close : elle ne peut plus changer.",
    });
  });

  /** An action item of the coordinator's for one organisation, after the meeting above. */
  async function actionDueOn(title: string, organisationId: string, dueOn: string) {
    return valueOf(
      await createActionItem(coordinator, "sphere-emploi", {
        meetingId,
        title,
        organisationIds: [organisationId],
        dueOn,
      }),
    );
  }

  it("sends the overdue notice the day after the due day to the owners, with the pilots and coordinators in copy", async () => {
    at("2026-12-11T09:00:00Z");
    const created = await actionDueOn("Diffuser le compte rendu", ids.cnsa, "2026-12-14");
    at("2026-12-15T07:30:00Z");
    await runDueJobs();
    const notice = await prisma.outboxMail.findFirstOrThrow({ where: { template: "groupes.action-en-retard" } });
    expect(JSON.parse(notice.toAddresses)).toEqual(["coord@cnsa.example"]);
    expect(JSON.parse(notice.ccAddresses)).toEqual(["pilote@france-travail.example"]);
    expect(notice.textBody).toContain("1 jour de retard");
    const item = orRefusal(await getActionItem(pilotFT, "sphere-emploi", created.id));
    expect(item.overdue).toBe(true);
  });

  it("after a downtime past the due day, the overdue notice leaves at restart while the reminders that fell due meanwhile are recorded as dropped, not sent", async () => {
    at("2026-12-15T09:00:00Z");
    const remindersBefore = await prisma.outboxMail.count({ where: { template: "groupes.action-rappel" } });
    // Due on the 20th: its 7-day reminder (13th) is already past when scheduled.
    const created = await actionDueOn("Relire la lettre de mission", ids.dgefp, "2026-12-20");
    const { workflowId } = orRefusal(await getActionItem(pilotFT, "sphere-emploi", created.id));
    // The server is down from the 15th to 10 January: no tick in between.
    at("2027-01-10T09:00:00Z");
    await runDueJobs();
    const jobs = await prisma.scheduledJob.findMany({ where: { idempotencyKey: { contains: workflowId } } });
    expect(Object.fromEntries(jobs.map((j) => [j.idempotencyKey, j.status]))).toEqual({
      [reminderKey(workflowId, "2026-12-20", 7)]: "DROPPED",
      [reminderKey(workflowId, "2026-12-20", 1)]: "DROPPED",
      [overdueKey(workflowId, "2026-12-20")]: "DONE",
    });
    expect(await prisma.outboxMail.count({ where: { template: "groupes.action-rappel" } })).toBe(remindersBefore);
    const notice = (await prisma.outboxMail.findMany({ where: { template: "groupes.action-en-retard" } })).find((m) =>
      m.subject.includes("Relire la lettre de mission"),
    )!;
    expect(JSON.parse(notice.toAddresses)).toEqual(["membre@dgefp.example"]);
    expect(notice.textBody).toContain("21 jours de retard");
  });
});
