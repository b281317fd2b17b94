/**
 * The group pages' loaders and actions called as the browser would, with a real session cookie:
 * what is out of a person's scope answers 404 (or 403 for a page reserved to a role), whatever
 * is posted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { person } from "../../../test/support/people";
import { groupCast, newGroup } from "../../../test/support/groups";
import { bodyOf, callRoute, statusOf, type FormFields, type RouteHandler } from "../../../test/support/routes";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { loader as groupLoader, action as groupAction } from "~/routes/groupes.$code._index";
import { loader as letterLoader, action as letterAction } from "~/routes/groupes.$code.lettre";
import { action as actionItemAction } from "~/routes/groupes.$code.actions.$actionId";
import { loader as deliverablesLoader } from "~/routes/livrables._index";
import { action as groupListAction } from "~/routes/cnsa.groupes._index";
import { action as newGroupAction } from "~/routes/cnsa.groupes.nouveau";
import { action as newMeetingAction } from "~/routes/groupes.$code.reunions.nouvelle";
import { loader as exportLoader } from "~/routes/livrables.export";
import { createActionItem } from "./actions.server";

const people: Record<string, SessionUser> = {};

async function signedIn(email: string, organisation: string, roles: string[]) {
  people[email] = await person(email, organisation, roles);
  return people[email];
}

/** Calls a loader or action as the person signed in with this address. */
const call = (handler: RouteHandler, email: string, path: string, params: Record<string, string>, form?: FormFields) =>
  callRoute(handler, people[email], path, params, form);
const status = statusOf;

/** The status answering this person's "validate the pilot" on the "sphere-emploi" group. */
const validatePilotAs = async (email: string) =>
  status(
    await call(
      groupAction,
      email,
      "/groupes/sphere-emploi",
      { code: "sphere-emploi" },
      { intent: "VALIDER_PILOTE", rowVersion: "0" },
    ),
  );

/** The pilot posts the mission letter of the "sphere-emploi" group. */
const postLetter = (form: FormFields) =>
  call(letterAction, "pilote@france-travail.example", "/groupes/sphere-emploi/lettre", { code: "sphere-emploi" }, form);

/** The pilot posts a new meeting of the "sphere-emploi" group: a valid one but for `fields`. */
const postNewMeeting = (fields: FormFields) =>
  call(
    newMeetingAction,
    "pilote@france-travail.example",
    "/groupes/sphere-emploi/reunions/nouvelle",
    { code: "sphere-emploi" },
    {
      date: "2026-12-10",
      startTime: "14:00",
      endTime: "16:00",
      place: "Salle Condorcet",
      agenda__texte: "Bilan",
      ...fields,
    },
  );

/** The coordinator posts the action reminders' delays. */
const postReminders = (daysBefore: string) =>
  call(groupListAction, "coord@cnsa.example", "/cnsa/groupes", {}, { intent: "rappels", daysBefore });

let actionId: string;

beforeAll(async () => {
  setClock(new Date("2026-11-02T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  const cast = await groupCast();
  for (const someone of Object.values(cast)) people[someone.email] = someone;
  const { coordinator, pilot } = cast;
  await signedIn("dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]);
  const id = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
  for (const group of [
    {
      name: "Sphère emploi",
      code: "sphere-emploi",
      kind: "FONCTIONNEL",
      members: ["cnsa", "dgefp"],
      pilot: "france-travail",
    },
    {
      name: "Instance de pilotage",
      code: "instance-pilotage",
      kind: "PILOTAGE",
      members: ["cnsa", "mdph-80"],
      pilot: "cnsa",
    },
  ] as const)
    await newGroup(coordinator, group);
  const created = await createActionItem(pilot, "sphere-emploi", {
    title: "Recenser les flux",
    organisationIds: [await id("dgefp")],
    dueOn: "2026-12-01",
  });
  if (!created.ok) throw new Error(created.message);
  actionId = created.value.id;
});
afterAll(() => resetClock());

describe("group pages with a session", () => {
  it("a member of another organisation gets a 404 on the group's page, its letter form and its action item, even by posting", async () => {
    const params = { code: "sphere-emploi" };
    expect(status(await call(groupLoader, "membre@cnaf.example", "/groupes/sphere-emploi", params))).toBe(404);
    expect(await validatePilotAs("membre@cnaf.example")).toBe(404);
    expect(
      status(
        await call(letterAction, "membre@cnaf.example", "/groupes/sphere-emploi/lettre", params, {
          intent: "enregistrer",
          rowVersion: "0",
          rowCount: "0",
          missionLetter__texte: "Détourné",
        }),
      ),
    ).toBe(404);
    expect(
      status(
        await call(
          actionItemAction,
          "membre@cnaf.example",
          `/groupes/sphere-emploi/actions/${actionId}`,
          { ...params, actionId },
          { intent: "TERMINER", rowVersion: "1", doneOn: "2026-11-02" },
        ),
      ),
    ).toBe(404);
    expect(
      (await prisma.workGroup.findUniqueOrThrow({ where: { code: "sphere-emploi" } })).missionLetter,
    ).not.toContain("Détourné");
  });

  it("a member reads the group but may neither validate it (403) nor write its letter (403); the steering body's MDPH reads it", async () => {
    const params = { code: "sphere-emploi" };
    expect(status(await call(groupLoader, "membre@dgefp.example", "/groupes/sphere-emploi", params))).toBe(200);
    expect(await validatePilotAs("membre@dgefp.example")).toBe(403);
    expect(await validatePilotAs("pilote@france-travail.example")).toBe(403);
    expect(status(await call(letterLoader, "membre@dgefp.example", "/groupes/sphere-emploi/lettre", params))).toBe(403);
    expect(status(await call(groupLoader, "dir80@mdph.example", "/groupes/sphere-emploi", params))).toBe(200);
  });

  it("the pilot writes the letter without JavaScript: the first save moves the group to « lettre de mission rédigée »", async () => {
    const members = await prisma.workGroupMember.findMany({ where: { group: { code: "sphere-emploi" } } });
    const form: Record<string, string> = {
      intent: "enregistrer",
      rowVersion: "0",
      rowCount: "2",
      missionLetter__texte: "Périmètre : l'insertion professionnelle.\n\nMéthode : réunions mensuelles.",
      "deliverables.0.title": "Cartographie",
      "deliverables.0.dueOn": "2027-03-31",
      "deliverables.0.validationDays": "15",
    };
    for (const m of members) form[`role.${m.organisationId}`] = "Contribution";
    const done = await postLetter(form);
    expect(done).toBeInstanceOf(Response);
    expect((done as Response).headers.get("Location")).toBe("/groupes/sphere-emploi?fait=lettre");
    const group = await prisma.workGroup.findUniqueOrThrow({
      where: { code: "sphere-emploi" },
      include: { workflow: true, deliverables: true },
    });
    expect(group.workflow.status).toBe("lettreRedigee");
    expect(JSON.parse(group.missionLetter).content).toHaveLength(2);
    expect(group.deliverables.map((d) => [d.title, d.dueOn, d.validationDays])).toEqual([
      ["Cartographie", "2027-03-31", 15],
    ]);
    // The same form posted again is stale.
    const stale = await postLetter(form);
    expect(statusOf(stale)).toBe(409);
    expect((bodyOf(stale) as { message: string }).message).toContain("modifiée par quelqu'un d'autre");
  });

  it("keeps a partly filled deliverable row and says what is missing", async () => {
    const answer = await postLetter({
      intent: "enregistrer",
      rowVersion: "1",
      rowCount: "1",
      "deliverables.0.title": "Sans date",
      "deliverables.0.dueOn": "",
      "deliverables.0.validationDays": "dix",
    });
    expect(statusOf(answer)).toBe(422);
    const result = bodyOf(answer) as { errors: Record<string, string>; rows: { title: string }[] };
    expect(result.errors).toEqual({
      "deliverables.0.dueOn": "Saisissez la date de livraison, par exemple 30/06/2027.",
      "deliverables.0.validationDays":
        "Indiquez la période de validation en jours ouvrés : un nombre entier de 0 à 250.",
    });
    expect(result.rows[0].title).toBe("Sans date");
  });

  it("shows the deliverables table to the coordinator and the steering body, with its exports, and refuses it to others", async () => {
    expect(status(await call(deliverablesLoader, "membre@cnaf.example", "/livrables", {}))).toBe(403);
    expect(status(await call(exportLoader, "membre@dgefp.example", "/livrables/export?format=csv", {}))).toBe(403);
    expect(status(await call(deliverablesLoader, "dir80@mdph.example", "/livrables", {}))).toBe(200);
    const csv = (await call(exportLoader, "coord@cnsa.example", "/livrables/export?format=csv", {})) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Sphère emploi");
    expect(text).toContain("Cartographie");
    const pdf = (await call(exportLoader, "dir80@mdph.example", "/livrables/export?format=pdf", {})) as Response;
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
  });
});

describe("single-action group forms refused", () => {
  const newGroup = (fields: FormFields) =>
    call(
      newGroupAction,
      "coord@cnsa.example",
      "/cnsa/groupes/nouveau",
      {},
      {
        kind: "FONCTIONNEL",
        distributionLists: "MEMBRES",
        vendorsJoin: "JAMAIS",
        ...fields,
      },
    );

  it("answers 422 to an invalid new group, keeping what was typed", async () => {
    const dgefp = (await prisma.organisation.findUniqueOrThrow({ where: { code: "dgefp" } })).id;
    const answer = await newGroup({ name: "Sphère logement", code: "Pas Un Code", memberOrganisationIds: dgefp });
    expect(status(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      errors: { code: expect.stringContaining("lettres minuscules") },
      values: { name: "Sphère logement", code: "Pas Un Code", memberOrganisationIds: [dgefp] },
    });
    expect(await prisma.workGroup.count({ where: { name: "Sphère logement" } })).toBe(0);
  });

  it("answers 422 to a new group whose code is taken, keeping what was typed", async () => {
    const dgefp = (await prisma.organisation.findUniqueOrThrow({ where: { code: "dgefp" } })).id;
    const answer = await newGroup({ name: "Doublon", code: "sphere-emploi", memberOrganisationIds: dgefp });
    expect(status(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      message: "Rien n'a été enregistré : corrigez les champs signalés.",
      errors: { code: "Ce code est déjà celui du groupe « Sphère emploi »." },
      values: { name: "Doublon", code: "sphere-emploi" },
    });
  });

  it("answers 422 to a new meeting that ends before it starts, keeping what was typed", async () => {
    const answer = await postNewMeeting({ endTime: "13:00" });
    expect(status(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      errors: { endTime: "L'heure de fin doit suivre l'heure de début." },
      values: { date: "2026-12-10", startTime: "14:00", endTime: "13:00", place: "Salle Condorcet" },
      agenda: { type: "doc" },
    });
    expect(await prisma.meeting.count({ where: { place: "Salle Condorcet" } })).toBe(0);
  });

  it("answers 422 to an invalid new meeting, keeping what was typed", async () => {
    const answer = await postNewMeeting({ date: "demain" });
    expect(status(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      errors: { date: expect.stringContaining("Saisissez la date de la réunion") },
      values: { date: "demain", place: "Salle Condorcet" },
    });
  });

  it("answers 422 to reminder delays it cannot read, keeping what was typed, and 200 once they are valid", async () => {
    const refused = await postReminders("cinq, un");
    expect(status(refused)).toBe(422);
    expect(bodyOf(refused)).toMatchObject({
      ok: false,
      error: expect.stringContaining("nombres entiers"),
      value: "cinq, un",
    });
    const saved = await postReminders("5, 1");
    expect(status(saved)).toBe(200);
    expect(bodyOf(saved)).toMatchObject({ ok: true });
  });
});
