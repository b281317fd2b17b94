/**
 * The work-group pages' loaders and actions called as a browser would, with a real session
 * cookie: signed out → sign-in page; a group the person's organisation is not in → 404 on
 * every page and every intent; a reader who does not pilot → 403; records of another group
 * under this group's address → 404; posted ids never widen what a person reaches; rich text
 * renders safe; exports neutralise formulas. And nothing changes in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { person } from "../../../test/support/people";
import { groupCast } from "../../../test/support/groups";
import { bodyOf, callRoute, statusOf } from "../../../test/support/routes";
import { hostilePostedDoc, hostileRichTextNodes } from "../../../test/support/hostile-rich-text";
import type { FormFields as Fields, RouteHandler as Handler } from "../../../test/support/routes";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { loader as cnsaListLoader, action as cnsaListAction } from "~/routes/cnsa.groupes._index";
import { loader as newGroupLoader, action as newGroupAction } from "~/routes/cnsa.groupes.nouveau";
import { loader as myGroupsLoader } from "~/routes/groupes._index";
import { loader as groupLoader, action as groupAction } from "~/routes/groupes.$code._index";
import { loader as letterLoader, action as letterAction } from "~/routes/groupes.$code.lettre";
import { loader as settingsLoader, action as settingsAction } from "~/routes/groupes.$code.parametres";
import { loader as newMeetingLoader, action as newMeetingAction } from "~/routes/groupes.$code.reunions.nouvelle";
import { loader as meetingLoader, action as meetingAction } from "~/routes/groupes.$code.reunions.$meetingId";
import { loader as actionItemLoader, action as actionItemAction } from "~/routes/groupes.$code.actions.$actionId";
import { loader as deliverablesLoader } from "~/routes/livrables._index";
import { loader as deliverablesExport } from "~/routes/livrables.export";
import { createActionItem } from "./actions.server";
import { createGroup } from "./group-commands.server";
import { createMeeting } from "./meetings.server";

const doc = (...texts: string[]) =>
  JSON.stringify({
    type: "doc",
    content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  });

let coordinator: SessionUser,
  pilot: SessionUser,
  ftMember: SessionUser,
  dgefp: SessionUser,
  unedic: SessionUser,
  otherPilot: SessionUser,
  cnaf: SessionUser;
let director80: SessionUser, director53: SessionUser;
const ids: Record<string, string> = {};
let meetingA = "",
  meetingB = "",
  actionA = "",
  actionB = "";
const A = "sphere-emploi";
const B = "sphere-famille";

/** What a refused request must leave untouched. */
async function stateOf(code: string) {
  return JSON.stringify(
    await prisma.workGroup.findUniqueOrThrow({
      where: { code },
      select: {
        name: true,
        rowVersion: true,
        missionLetter: true,
        pilotOrganisationId: true,
        letterDueOn: true,
        workflow: { select: { status: true, rowVersion: true } },
        members: { select: { organisationId: true, role: true }, orderBy: { organisationId: "asc" } },
        deliverables: { select: { title: true, dueOn: true }, orderBy: { position: "asc" } },
        meetings: {
          select: {
            id: true,
            minutes: true,
            decisions: true,
            rowVersion: true,
            attendees: { select: { userId: true } },
          },
          orderBy: { id: "asc" },
        },
        actionItems: {
          select: { id: true, workflow: { select: { status: true, rowVersion: true } } },
          orderBy: { id: "asc" },
        },
      },
    }),
  );
}

/** The pilot saves group A's mission letter at its current row version. */
async function saveLetterOfA(fields: Fields) {
  const group = await prisma.workGroup.findUniqueOrThrow({ where: { code: A } });
  return callRoute(
    letterAction,
    pilot,
    `/groupes/${A}/lettre`,
    { code: A },
    { intent: "enregistrer", rowVersion: String(group.rowVersion), ...fields },
  );
}

/** `user` posts to group A's meeting page. */
const postToMeetingA = (user: SessionUser, fields: Fields) =>
  callRoute(meetingAction, user, `/groupes/${A}/reunions/${meetingA}`, { code: A, meetingId: meetingA }, fields);

beforeAll(async () => {
  setClock(new Date("2026-11-02T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  ({ coordinator, pilot, dgefp, cnaf } = await groupCast());
  ftMember = await person("membre@france-travail.example", "france-travail", ["MEMBRE_GT"]);
  unedic = await person("membre@unedic.example", "unedic", ["MEMBRE_GT"]);
  otherPilot = await person("pilote@cnaf.example", "cnaf", ["PILOTE_GROUPE", "MEMBRE_GT"]);
  director80 = await person("dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]);
  director53 = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH", "MEMBRE_GT"]);
  for (const code of ["cnsa", "france-travail", "dgefp", "unedic", "cnaf", "msa", "mdph-80", "mdph-53"])
    ids[code] = (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;

  const base = {
    kind: "FONCTIONNEL" as const,
    distributionLists: ["MEMBRES" as const],
    vendorsJoin: "JAMAIS" as const,
  };
  for (const created of [
    await createGroup(coordinator, {
      ...base,
      name: "Sphère emploi",
      code: A,
      memberOrganisationIds: [ids.cnsa, ids.dgefp, ids.unedic],
      pilotOrganisationId: ids["france-travail"],
      letterDueOn: "2026-12-31",
    }),
    await createGroup(coordinator, {
      ...base,
      name: "Sphère famille",
      code: B,
      memberOrganisationIds: [ids.cnaf, ids.msa],
      pilotOrganisationId: ids.cnaf,
    }),
    await createGroup(coordinator, {
      ...base,
      name: "Instance de pilotage",
      code: "instance-pilotage",
      kind: "PILOTAGE",
      memberOrganisationIds: [ids.cnsa, ids["mdph-80"]],
      pilotOrganisationId: ids.cnsa,
    }),
  ]) {
    if (!created.ok) throw new Error(created.message);
  }
  const meeting = async (user: SessionUser, code: string, attendee: SessionUser) => {
    const m = await createMeeting(user, code, {
      date: "2026-11-20",
      startTime: "14:00",
      endTime: "16:00",
      place: "Paris",
      attendeeIds: [attendee.id],
      agenda: doc("Ordre du jour"),
    });
    if (!m.ok) throw new Error(m.message);
    return m.value.id;
  };
  meetingA = await meeting(pilot, A, dgefp);
  meetingB = await meeting(otherPilot, B, cnaf);
  const item = async (user: SessionUser, code: string, organisationId: string, meetingId: string) => {
    const a = await createActionItem(user, code, {
      title: "Recenser les flux",
      organisationIds: [organisationId],
      dueOn: "2026-12-01",
      meetingId,
    });
    if (!a.ok) throw new Error(a.message);
    return a.value.id;
  };
  actionA = await item(pilot, A, ids.dgefp, meetingA);
  actionB = await item(otherPilot, B, ids.cnaf, meetingB);
});
afterAll(() => resetClock());

type Attempt = { name: string; handler: Handler; path: string; params: Record<string, string>; form?: Fields };

/** Every page of group A with every intent of its actions, with plausible fields. */
function groupAttempts(): Attempt[] {
  const g = { code: A };
  const m = { code: A, meetingId: meetingA };
  const a = { code: A, actionId: actionA };
  const letter = {
    rowVersion: "0",
    rowCount: "1",
    missionLetter__texte: "Détourné",
    "deliverables.0.title": "Détourné",
    "deliverables.0.dueOn": "2027-01-31",
    "deliverables.0.validationDays": "5",
  };
  return [
    { name: "page du groupe", handler: groupLoader, path: `/groupes/${A}`, params: g },
    ...["VALIDER_PILOTE", "VALIDER", "ACTIVER", "CLORE"].flatMap((intent): Attempt[] => [
      {
        name: `groupe ${intent}`,
        handler: groupAction,
        path: `/groupes/${A}`,
        params: g,
        form: { intent, rowVersion: "0" },
      },
      {
        name: `groupe ${intent} sans version`,
        handler: groupAction,
        path: `/groupes/${A}`,
        params: g,
        form: { intent },
      },
    ]),
    {
      name: "groupe intention inconnue",
      handler: groupAction,
      path: `/groupes/${A}`,
      params: g,
      form: { intent: "SUPPRIMER", rowVersion: "0" },
    },
    { name: "lettre", handler: letterLoader, path: `/groupes/${A}/lettre`, params: g },
    {
      name: "lettre enregistrer",
      handler: letterAction,
      path: `/groupes/${A}/lettre`,
      params: g,
      form: { intent: "enregistrer", ...letter },
    },
    {
      name: "lettre ajouter-ligne",
      handler: letterAction,
      path: `/groupes/${A}/lettre`,
      params: g,
      form: { intent: "ajouter-ligne", ...letter },
    },
    { name: "paramètres", handler: settingsLoader, path: `/groupes/${A}/parametres`, params: g },
    {
      name: "paramètres enregistrer",
      handler: settingsAction,
      path: `/groupes/${A}/parametres`,
      params: g,
      form: {
        rowVersion: "0",
        name: "Détourné",
        memberOrganisationIds: [ids.cnaf],
        pilotOrganisationId: ids.cnaf,
        distributionLists: "MEMBRES",
        vendorsJoin: "JAMAIS",
      },
    },
    { name: "nouvelle réunion", handler: newMeetingLoader, path: `/groupes/${A}/reunions/nouvelle`, params: g },
    {
      name: "nouvelle réunion enregistrer",
      handler: newMeetingAction,
      path: `/groupes/${A}/reunions/nouvelle`,
      params: g,
      form: {
        date: "2026-12-10",
        startTime: "10:00",
        endTime: "12:00",
        place: "Ailleurs",
        agenda__texte: "Détourné",
        attendeeIds: [],
      },
    },
    { name: "réunion", handler: meetingLoader, path: `/groupes/${A}/reunions/${meetingA}`, params: m },
    {
      name: "réunion compte-rendu",
      handler: meetingAction,
      path: `/groupes/${A}/reunions/${meetingA}`,
      params: m,
      form: {
        intent: "compte-rendu",
        rowVersion: "0",
        minutes__texte: "Détourné",
        decisions__texte: "Détourné",
        attendeeIds: [],
      },
    },
    {
      name: "réunion action",
      handler: meetingAction,
      path: `/groupes/${A}/reunions/${meetingA}`,
      params: m,
      form: { intent: "action", title: "Détournée", organisationIds: ids.dgefp, dueOn: "2027-01-15" },
    },
    {
      name: "réunion intention inconnue",
      handler: meetingAction,
      path: `/groupes/${A}/reunions/${meetingA}`,
      params: m,
      form: { intent: "supprimer" },
    },
    { name: "action", handler: actionItemLoader, path: `/groupes/${A}/actions/${actionA}`, params: a },
    ...(
      [
        { intent: "COMMENCER" },
        { intent: "TERMINER", doneOn: "2026-11-02" },
        { intent: "REPORTER", dueOn: "2027-02-01" },
        { intent: "ABANDONNER", reason: "Détournée" },
        { intent: "SUPPRIMER" },
      ] as Record<string, string>[]
    ).map((form): Attempt => ({
      name: `action ${form.intent}`,
      handler: actionItemAction,
      path: `/groupes/${A}/actions/${actionA}`,
      params: a,
      form: { rowVersion: "1", ...form },
    })),
  ];
}

describe("signed out", () => {
  it("every group page and action sends a signed-out visitor to the sign-in page, and posts change nothing", async () => {
    const before = await stateOf(A);
    const attempts = [
      ...groupAttempts(),
      { name: "liste CNSA", handler: cnsaListLoader, path: "/cnsa/groupes", params: {} },
      {
        name: "liste CNSA rappels",
        handler: cnsaListAction,
        path: "/cnsa/groupes",
        params: {},
        form: { intent: "rappels", daysBefore: "3" },
      },
      { name: "nouveau groupe", handler: newGroupLoader, path: "/cnsa/groupes/nouveau", params: {} },
      {
        name: "nouveau groupe créer",
        handler: newGroupAction,
        path: "/cnsa/groupes/nouveau",
        params: {},
        form: {
          name: "Intrus",
          code: "intrus",
          kind: "TECHNIQUE",
          memberOrganisationIds: ids.cnaf,
          vendorsJoin: "JAMAIS",
        },
      },
      { name: "mes groupes", handler: myGroupsLoader, path: "/groupes", params: {} },
      { name: "livrables", handler: deliverablesLoader, path: "/livrables", params: {} },
      { name: "export des livrables", handler: deliverablesExport, path: "/livrables/export?format=csv", params: {} },
    ];
    for (const { name, handler, path, params, form } of attempts) {
      const result = await callRoute(handler, null, path, params, form);
      expect(statusOf(result), name).toBe(302);
      expect((result as Response).headers.get("Location"), name).toMatch(/^\/connexion/);
    }
    expect(await stateOf(A)).toBe(before);
    expect(await prisma.workGroup.count()).toBe(3);
  });
});

describe("a person whose organisation is not in the group", () => {
  it("gets a 404 on every page of the group and on every intent of every action, whatever they post", async () => {
    const before = await stateOf(A);
    // The CNAF pilots another group; MDPH 53 is not on the steering body.
    for (const outsider of [cnaf, otherPilot, director53]) {
      for (const { name, handler, path, params, form } of groupAttempts()) {
        expect(statusOf(await callRoute(handler, outsider, path, params, form)), `${outsider.email} ${name}`).toBe(404);
      }
    }
    expect(await stateOf(A)).toBe(before);
    expect(await prisma.meeting.count()).toBe(2);
    expect(await prisma.actionItem.count()).toBe(2);
  });

  it("answers an unknown group, meeting or action with a 404, even for the coordinator", async () => {
    const unknown = { code: "inconnu" };
    const attempts: Attempt[] = [
      { name: "groupe inconnu", handler: groupLoader, path: "/groupes/inconnu", params: unknown },
      {
        name: "groupe inconnu CLORE",
        handler: groupAction,
        path: "/groupes/inconnu",
        params: unknown,
        form: { intent: "CLORE", rowVersion: "0" },
      },
      {
        name: "réunion inconnue",
        handler: meetingLoader,
        path: `/groupes/${A}/reunions/inconnue`,
        params: { code: A, meetingId: "inconnue" },
      },
      {
        name: "action inconnue TERMINER",
        handler: actionItemAction,
        path: `/groupes/${A}/actions/inconnue`,
        params: { code: A, actionId: "inconnue" },
        form: { intent: "TERMINER", rowVersion: "1", doneOn: "2026-11-02" },
      },
    ];
    for (const { name, handler, path, params, form } of attempts)
      expect(statusOf(await callRoute(handler, coordinator, path, params, form)), name).toBe(404);
  });
});

describe("a reader who does not pilot the group", () => {
  it("reads the group and its meetings but gets a 403 on every pilot or coordinator intent, even with an incomplete form", async () => {
    const before = await stateOf(A);
    const pilotPages = /^(groupe |lettre|paramètres|nouvelle réunion|réunion (compte-rendu|action|intention))/;
    // Members (DGEFP, UNEDIC), a member of the pilot organisation without the pilot role, the steering body's MDPH.
    for (const reader of [dgefp, unedic, ftMember, director80]) {
      expect(statusOf(await callRoute(groupLoader, reader, `/groupes/${A}`, { code: A })), reader.email).toBe(200);
      expect(
        statusOf(
          await callRoute(meetingLoader, reader, `/groupes/${A}/reunions/${meetingA}`, {
            code: A,
            meetingId: meetingA,
          }),
        ),
        reader.email,
      ).toBe(200);
      for (const { name, handler, path, params, form } of groupAttempts().filter((t) => pilotPages.test(t.name))) {
        expect(statusOf(await callRoute(handler, reader, path, params, form)), `${reader.email} ${name}`).toBe(403);
      }
    }
    expect(await stateOf(A)).toBe(before);
  });

  it("moves an action item on only for a responsible organisation: another member or the steering body gets a 403", async () => {
    const before = await stateOf(A);
    const a = { code: A, actionId: actionA };
    for (const reader of [unedic, ftMember, director80]) {
      for (const form of [
        { intent: "COMMENCER" },
        { intent: "TERMINER", doneOn: "2026-11-02" },
        { intent: "REPORTER", dueOn: "2027-02-01" },
        { intent: "ABANDONNER", reason: "Non" },
      ] as Record<string, string>[]) {
        expect(
          statusOf(
            await callRoute(actionItemAction, reader, `/groupes/${A}/actions/${actionA}`, a, {
              rowVersion: "1",
              ...form,
            }),
          ),
          `${reader.email} ${form.intent}`,
        ).toBe(403);
      }
    }
    expect(await stateOf(A)).toBe(before);
  });

  it("lets the pilot pilot, but not manage: validating, engaging, closing and the settings stay the coordinator's", async () => {
    const before = await stateOf(A);
    for (const { name, handler, path, params, form } of groupAttempts().filter((t) =>
      /^(groupe |paramètres)/.test(t.name),
    )) {
      expect(statusOf(await callRoute(handler, pilot, path, params, form)), name).toBe(403);
    }
    expect(await stateOf(A)).toBe(before);
  });
});

describe("pages reserved to the coordinator and the steering body", () => {
  it("refuses the coordinator's group list, its reminder settings and the creation form to everybody else", async () => {
    for (const someone of [pilot, dgefp, director80, otherPilot]) {
      expect(statusOf(await callRoute(cnsaListLoader, someone, "/cnsa/groupes", {})), someone.email).toBe(403);
      expect(
        statusOf(await callRoute(cnsaListAction, someone, "/cnsa/groupes", {}, { intent: "rappels", daysBefore: "1" })),
        someone.email,
      ).toBe(403);
      expect(statusOf(await callRoute(newGroupLoader, someone, "/cnsa/groupes/nouveau", {})), someone.email).toBe(403);
      const created = await callRoute(
        newGroupAction,
        someone,
        "/cnsa/groupes/nouveau",
        {},
        {
          name: "Intrus",
          code: "intrus",
          kind: "TECHNIQUE",
          memberOrganisationIds: someone.organisationId,
          pilotOrganisationId: someone.organisationId,
          vendorsJoin: "JAMAIS",
        },
      );
      expect(statusOf(created), someone.email).toBe(403);
    }
    expect(await prisma.workGroup.count()).toBe(3);
    expect(statusOf(await callRoute(cnsaListLoader, coordinator, "/cnsa/groupes", {}))).toBe(200);
  });

  it("refuses the deliverables table and its exports to a pilot and to members outside the steering body", async () => {
    for (const someone of [pilot, dgefp, cnaf, director53]) {
      expect(statusOf(await callRoute(deliverablesLoader, someone, "/livrables", {})), someone.email).toBe(403);
      for (const format of ["csv", "xlsx", "pdf"]) {
        expect(
          statusOf(await callRoute(deliverablesExport, someone, `/livrables/export?format=${format}`, {})),
          `${someone.email} ${format}`,
        ).toBe(403);
      }
    }
  });
});

describe("records of another group under this group's address", () => {
  it("answers 404 for a meeting or an action item of another group, even to the coordinator who may read both", async () => {
    const before = [await stateOf(A), await stateOf(B)];
    const meetingPath = `/groupes/${A}/reunions/${meetingB}`;
    const m = { code: A, meetingId: meetingB };
    const actionPath = `/groupes/${A}/actions/${actionB}`;
    const a = { code: A, actionId: actionB };
    const attempts: [Handler, string, Record<string, string>, Fields?][] = [
      [meetingLoader, meetingPath, m],
      [
        meetingAction,
        meetingPath,
        m,
        { intent: "compte-rendu", rowVersion: "0", minutes__texte: "Détourné", decisions__texte: "", attendeeIds: [] },
      ],
      [
        meetingAction,
        meetingPath,
        m,
        { intent: "action", title: "Détournée", organisationIds: ids.dgefp, dueOn: "2027-01-15" },
      ],
      [actionItemLoader, actionPath, a],
      [actionItemAction, actionPath, a, { intent: "TERMINER", rowVersion: "1", doneOn: "2026-11-02" }],
    ];
    for (const someone of [pilot, coordinator])
      for (const [handler, path, params, form] of attempts)
        expect(statusOf(await callRoute(handler, someone, path, params, form)), `${someone.email} ${path}`).toBe(404);
    expect([await stateOf(A), await stateOf(B)]).toEqual(before);
  });
});

describe("posted ids never widen what a person reaches", () => {
  it("refuses an action given to an organisation outside the group, and files a valid one under the meeting of the address, not a posted one", async () => {
    const refused = await postToMeetingA(pilot, {
      intent: "action",
      title: "Hors du groupe",
      organisationIds: [ids.dgefp, ids.cnaf],
      dueOn: "2027-01-15",
    });
    expect(statusOf(refused)).toBe(422);
    expect(bodyOf(refused)).toMatchObject({
      errors: { organisationIds: expect.stringContaining("parmi les membres du groupe") },
    });
    expect(await prisma.actionItem.count({ where: { title: "Hors du groupe" } })).toBe(0);
    const done = await postToMeetingA(pilot, {
      intent: "action",
      title: "Dans le groupe",
      organisationIds: ids.unedic,
      dueOn: "2027-01-15",
      meetingId: meetingB,
      groupId: "autre",
    });
    expect(statusOf(done)).toBe(302);
    const item = await prisma.actionItem.findFirstOrThrow({
      where: { title: "Dans le groupe" },
      include: { group: true },
    });
    expect([item.group.code, item.meetingId]).toEqual([A, meetingA]);
  });

  it("refuses attendees from outside the group's organisations, in a new meeting and in the minutes", async () => {
    const before = await stateOf(A);
    const created = await callRoute(
      newMeetingAction,
      pilot,
      `/groupes/${A}/reunions/nouvelle`,
      { code: A },
      {
        date: "2026-12-10",
        startTime: "10:00",
        endTime: "12:00",
        place: "Paris",
        agenda__texte: "Ordre du jour",
        attendeeIds: [dgefp.id, cnaf.id],
      },
    );
    const minutes = await postToMeetingA(pilot, {
      intent: "compte-rendu",
      rowVersion: "0",
      minutes__texte: "Compte rendu",
      decisions__texte: "",
      attendeeIds: [dgefp.id, director53.id],
    });
    for (const refused of [created, minutes]) {
      expect(statusOf(refused)).toBe(422);
      expect(bodyOf(refused)).toMatchObject({
        errors: { attendeeIds: expect.stringContaining("ne fait pas partie des organisations du groupe") },
      });
    }
    expect(await stateOf(A)).toBe(before);
  });

  it("ignores a role typed for an organisation outside the group and a posted group id in the letter form", async () => {
    const beforeB = await stateOf(B);
    const result = await saveLetterOfA({
      rowCount: "1",
      groupId: (await prisma.workGroup.findUniqueOrThrow({ where: { code: B } })).id,
      code: B,
      missionLetter__texte: "Périmètre : l'insertion professionnelle.",
      [`role.${ids.dgefp}`]: "Contribution",
      [`role.${ids.cnaf}`]: "Intrus",
      "deliverables.0.title": '=HYPERLINK("http://exemple.invalid";"ouvrir")',
      "deliverables.0.dueOn": "2027-03-31",
      "deliverables.0.validationDays": "15",
    });
    expect((result as Response).headers.get("Location")).toBe(`/groupes/${A}?fait=lettre`);
    const members = await prisma.workGroupMember.findMany({
      where: { group: { code: A } },
      select: { organisationId: true, role: true },
    });
    expect(members.map((m) => m.organisationId)).not.toContain(ids.cnaf);
    expect(members.find((m) => m.organisationId === ids.dgefp)?.role).toBe("Contribution");
    expect(await prisma.workGroupMember.count({ where: { organisationId: ids.cnaf, role: "Intrus" } })).toBe(0);
    expect(await stateOf(B)).toBe(beforeB);
  });
});

describe("what the pages render and export", () => {
  it("exports the deliverables table with formulas neutralised, to the coordinator and the steering body", async () => {
    for (const reader of [coordinator, director80]) {
      const csv = (await callRoute(deliverablesExport, reader, "/livrables/export?format=csv", {})) as Response;
      expect(csv.headers.get("Content-Type")).toContain("text/csv");
      const text = await csv.text();
      expect(text).toContain("'=HYPERLINK(");
      expect(text).not.toMatch(/(^|;|")=HYPERLINK/m);
    }
  });

  it("renders the mission letter and the minutes without script, event handler or javascript: link, whatever was posted or stored", async () => {
    const hostile = JSON.stringify(hostilePostedDoc("lettre"));
    const saved = await saveLetterOfA({ rowCount: "0", missionLetter: hostile, [`role.${ids.dgefp}`]: "Contribution" });
    expect(statusOf(saved)).toBe(302);
    const unsafe = /<script|<img|<iframe|javascript:|<[^>]*\son\w+\s*=|<[^>]*style=/i;
    const page = (await callRoute(groupLoader, dgefp, `/groupes/${A}`, { code: A })) as {
      group: { letterHtml: string };
    };
    expect(page.group.letterHtml).toContain("&lt;script&gt;");
    expect(page.group.letterHtml).not.toMatch(unsafe);

    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingA } });
    const minutes = await postToMeetingA(pilot, {
      intent: "compte-rendu",
      rowVersion: String(meeting.rowVersion),
      minutes: hostile,
      decisions__texte: "<b onmouseover=alert(1)>décidé</b>",
      attendeeIds: [dgefp.id],
    });
    expect(statusOf(minutes)).toBe(302);
    const shown = (await callRoute(meetingLoader, unedic, `/groupes/${A}/reunions/${meetingA}`, {
      code: A,
      meetingId: meetingA,
    })) as { meeting: { minutesHtml: string; decisionsHtml: string } };
    expect(shown.meeting.minutesHtml).toContain("&lt;script&gt;");
    expect(shown.meeting.minutesHtml).not.toMatch(unsafe);
    expect(shown.meeting.decisionsHtml).toContain("&lt;b onmouseover=alert(1)&gt;");
    expect(shown.meeting.decisionsHtml).not.toMatch(unsafe);

    // Stored without going through a form: the renderer's allow-list still applies.
    const raw = JSON.stringify({ type: "doc", content: hostileRichTextNodes });
    await prisma.workGroup.update({ where: { code: A }, data: { missionLetter: raw } });
    await prisma.meeting.update({ where: { id: meetingA }, data: { agenda: raw } });
    const again = (await callRoute(groupLoader, dgefp, `/groupes/${A}`, { code: A })) as {
      group: { letterHtml: string };
    };
    expect(again.group.letterHtml).toContain("clic");
    expect(again.group.letterHtml).not.toMatch(unsafe);
    const agenda = (await callRoute(meetingLoader, dgefp, `/groupes/${A}/reunions/${meetingA}`, {
      code: A,
      meetingId: meetingA,
    })) as { meeting: { agendaHtml: string } };
    expect(agenda.meeting.agendaHtml).toContain("clic");
    expect(agenda.meeting.agendaHtml).not.toMatch(unsafe);
  });
});
