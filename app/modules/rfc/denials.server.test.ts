/**
 * The RFC pages' loaders and actions called as a browser would, with a real session cookie:
 * what a person may not do is refused whatever they post — signed out, outside the RFC's
 * scope (404), as a reader who does not pilot (403), with a comment id, a parent id or an
 * organisation id taken elsewhere — and nothing changes in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { now, resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { people } from "../../../test/support/people";
import { paragraphs } from "../../../test/support/rfc";
import { bodyOf, callRoute, statusOf } from "../../../test/support/routes";
import { hostilePostedDoc, hostileRichTextNodes } from "../../../test/support/hostile-rich-text";
import type { FormFields as Fields, RouteHandler as Handler } from "../../../test/support/routes";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { loader as rfcListLoader } from "~/routes/rfc._index";
import { loader as overviewLoader, action as overviewAction } from "~/routes/rfc.$number._index";
import { loader as versionLoader, action as versionAction } from "~/routes/rfc.$number.v.$version._index";
import { loader as draftLoader, action as draftAction } from "~/routes/rfc.$number.v.$version.modifier";
import { loader as dispositionsLoader } from "~/routes/rfc.$number.v.$version.dispositions";
import { loader as dispositionsExport } from "~/routes/rfc.$number.v.$version.dispositions_.export";
import { loader as compareLoader } from "~/routes/rfc.$number.comparer";
import { loader as positionsLoader } from "~/routes/rfc.$number.positions";
import { loader as positionsExport } from "~/routes/rfc.$number.positions_.export";
import { loader as settingsLoader, action as settingsAction } from "~/routes/rfc.parametres";
import { loader as newRfcLoader, action as newRfcAction } from "~/routes/groupes.$code.rfc.nouvelle";
import { loader as notificationsLoader, action as notificationsAction } from "~/routes/compte.notifications";
import { editComment, postComment } from "./comments.server";
import { openCycle } from "./cycle-commands.server";
import { createRfc } from "./rfc-commands.server";

const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const TEXT = paragraphs(
  "Le formulaire de demande est transmis au format XML, encodé en UTF-8.",
  "Les pièces justificatives sont jointes au format PDF.",
);

let coordinator: SessionUser,
  pilot: SessionUser,
  otherPilot: SessionUser,
  cnaf: SessionUser,
  msa: SessionUser,
  dgas: SessionUser;
let director53: SessionUser,
  director80: SessionUser,
  staff53: SessionUser,
  cnafStateRole: SessionUser,
  ftMember: SessionUser;
const ids: Record<string, string> = {};

const N1 = "RFC-2026-001"; // group A, v1 open, CNSA, MDPH 53 and CNAF invited
const N2 = "RFC-2026-002"; // group B, v1 open, CNAF and MSA invited
const N3 = "RFC-2026-003"; // group A, v1 open until 16/11 17:00, CNAF invited; adopted later
const DEADLINE = "2026-11-23T17:00:00.000Z";
const DEADLINE3 = "2026-11-16T17:00:00.000Z";
let commentA = ""; // MDPH 53 on RFC-001
let commentCnaf1 = ""; // CNAF on RFC-001
let commentB = ""; // CNAF on RFC-002
let comment3 = ""; // CNAF on RFC-003

const workflowRowVersion = async (number: string, version = 1) =>
  (
    await prisma.rfcVersion.findFirstOrThrow({
      where: { rfc: { number }, number: version },
      include: { workflow: true },
    })
  ).workflow.rowVersion;
const cycleStatus = async (number: string, version = 1) =>
  (
    await prisma.rfcVersion.findFirstOrThrow({
      where: { rfc: { number }, number: version },
      include: { workflow: true },
    })
  ).workflow.status;

async function open(number: string, organisationCodes: string[], deadline: string) {
  const opened = await openCycle(pilotFor(number), number, 1, {
    deadline: new Date(deadline),
    organisationIds: organisationCodes.map((c) => ids[c]),
    allMdph: false,
    allConseils: false,
    expectedRowVersion: await workflowRowVersion(number),
  });
  if (!opened.ok) throw new Error(opened.message);
}
const pilotFor = (number: string) => (number === N2 ? otherPilot : pilot);
/** `user` saves RFC-001's draft as if it were theirs. */
const hijackDraft = (user: SessionUser) =>
  callRoute(
    draftAction,
    user,
    `/rfc/${N1}/v/1/modifier`,
    { number: N1, version: "1" },
    { title: "Détourné", content__texte: "Détourné", updatedAt: now().toISOString() },
  );
/** The coordinator comments on version `version` of RFC `number`. */
const commentOn = (number: string, version: string) =>
  callRoute(
    versionAction,
    coordinator,
    `/rfc/${number}/v/${version}`,
    { number, version },
    { intent: "commenter", kind: "FOND", body: "x" },
  );

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, pilot, ftMember, otherPilot } = await people("coordinator", "pilot", "ftMember", "otherPilot"));
  ({ cnaf, cnafStateRole, msa, dgas } = await people("cnaf", "cnafStateRole", "msa", "dgas"));
  ({ director53, staff53, director80 } = await people("director53", "staff53", "director80"));
  for (const code of ["cnsa", "france-travail", "mdph-53", "mdph-80", "cnaf", "msa", "dgas"])
    ids[code] = (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;

  const groupA = await createGroup(coordinator, {
    name: "Refonte et dématérialisation du formulaire",
    code: "refonte-formulaire",
    kind: "FONCTIONNEL",
    memberOrganisationIds: [ids.cnsa, ids["mdph-53"], ids.cnaf, ids.msa],
    pilotOrganisationId: ids["france-travail"],
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
  });
  const groupB = await createGroup(coordinator, {
    name: "Sphère famille",
    code: "sphere-famille",
    kind: "FONCTIONNEL",
    memberOrganisationIds: [ids.cnaf, ids.msa],
    pilotOrganisationId: ids.cnaf,
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
  });
  if (!groupA.ok || !groupB.ok) throw new Error("groups");
  expect(await createRfc(pilot, "refonte-formulaire", { title: "Format d'échange", document: TEXT })).toEqual({
    ok: true,
    value: { number: N1 },
  });
  expect(await createRfc(otherPilot, "sphere-famille", { title: "Échanges avec les CAF", document: TEXT })).toEqual({
    ok: true,
    value: { number: N2 },
  });
  expect(await createRfc(pilot, "refonte-formulaire", { title: "Pièces justificatives", document: TEXT })).toEqual({
    ok: true,
    value: { number: N3 },
  });
  await open(N1, ["cnsa", "mdph-53", "cnaf"], DEADLINE);
  await open(N2, ["cnaf", "msa"], DEADLINE);
  await open(N3, ["cnaf"], DEADLINE3);

  at("2026-11-03T09:00:00Z");
  const posted = await Promise.all([
    postComment(director53, N1, 1, { kind: "OBJECTION", body: '=HYPERLINK("http://exemple.invalid";"cliquez")' }),
    postComment(cnaf, N1, 1, { kind: "FOND", body: "Il manque le numéro d'allocataire." }),
    postComment(cnaf, N2, 1, { kind: "QUESTION", body: "Quel calendrier ?" }),
    postComment(cnaf, N3, 1, { kind: "SOUTIEN", body: "D'accord." }),
  ]);
  const idOf = (r: (typeof posted)[number]) => {
    if (!r.ok) throw new Error(r.message);
    return r.value.id;
  };
  [commentA, commentCnaf1, commentB, comment3] = posted.map(idOf);
});
afterAll(() => resetClock());

const commentCount = () => prisma.rfcComment.count();
const snapshotOf = async () =>
  JSON.stringify(
    await prisma.rfcComment.findMany({
      orderBy: { id: "asc" },
      select: { id: true, body: true, kind: true, deletedAt: true, disposition: true, dispositionReply: true },
    }),
  );

/** Every intent of the version page's action, with plausible fields. */
const versionIntents = (): [string, Fields][] => [
  ["commenter", { intent: "commenter", kind: "FOND", body: "Intrusion", passage: "" }],
  ["repondre", { intent: "repondre", parentId: commentA, body: "Intrusion" }],
  ["modifier-commentaire", { intent: "modifier-commentaire", commentId: commentA, body: "Réécrit", kind: "SOUTIEN" }],
  ["supprimer-commentaire", { intent: "supprimer-commentaire", commentId: commentA }],
  ["disposer", { intent: "disposer", commentId: commentA, disposition: "REJETE", reply: "Non." }],
  [
    "ouvrir",
    { intent: "ouvrir", rowVersion: "0", deadlineDate: "2026-12-31", deadlineTime: "17:00", organisations: ids.dgas },
  ],
  ["prolonger", { intent: "prolonger", rowVersion: "0", deadlineDate: "2026-12-31", deadlineTime: "17:00" }],
  ["conclure", { intent: "conclure", rowVersion: "0", outcome: "adoption", conclusion: "Adoptée." }],
  ["retirer", { intent: "retirer", rowVersion: "0", conclusion: "Retirée." }],
  // The same pilot intents with a form the page would reject: refused before it is even read.
  ["ouvrir (sans échéance)", { intent: "ouvrir" }],
  ["conclure (sans issue)", { intent: "conclure" }],
  ["intention inconnue", { intent: "tout-effacer" }],
];

describe("signed out", () => {
  it("every RFC page and action sends a signed-out visitor to the sign-in page, and posts change nothing", async () => {
    const before = await snapshotOf();
    const p1 = { number: N1 };
    const v1 = { number: N1, version: "1" };
    const attempts: [Handler, string, Record<string, string>, Fields?][] = [
      [rfcListLoader, "/rfc", {}],
      [overviewLoader, `/rfc/${N1}`, p1],
      [overviewAction, `/rfc/${N1}`, p1, { intent: "position", position: "ADOPTE", comment: "" }],
      [versionLoader, `/rfc/${N1}/v/1`, v1],
      ...versionIntents().map(([, form]): [Handler, string, Record<string, string>, Fields] => [
        versionAction,
        `/rfc/${N1}/v/1`,
        v1,
        form,
      ]),
      [draftLoader, `/rfc/${N1}/v/1/modifier`, v1],
      [draftAction, `/rfc/${N1}/v/1/modifier`, v1, { title: "Autre", content__texte: "Autre texte" }],
      [dispositionsLoader, `/rfc/${N1}/v/1/dispositions`, v1],
      [dispositionsExport, `/rfc/${N1}/v/1/dispositions/export?format=csv`, v1],
      [compareLoader, `/rfc/${N1}/comparer`, p1],
      [positionsLoader, `/rfc/${N1}/positions`, p1],
      [positionsExport, `/rfc/${N1}/positions/export?format=csv`, p1],
      [settingsLoader, "/rfc/parametres", {}],
      [
        settingsAction,
        "/rfc/parametres",
        {},
        { defaultDays: "30", minimumDays: "1", reminderDaysBefore: "2", hour: "08:00" },
      ],
      [newRfcLoader, "/groupes/refonte-formulaire/rfc/nouvelle", { code: "refonte-formulaire" }],
      [
        newRfcAction,
        "/groupes/refonte-formulaire/rfc/nouvelle",
        { code: "refonte-formulaire" },
        { title: "Intrusion", content__texte: "Texte" },
      ],
      [notificationsLoader, "/compte/notifications", {}],
      [notificationsAction, "/compte/notifications", {}, { rfcDigest: "oui" }],
    ];
    for (const [handler, path, params, form] of attempts) {
      const result = await callRoute(handler, null, path, params, form);
      expect(statusOf(result), `${form ? "POST" : "GET"} ${path} ${form?.intent ?? ""}`).toBe(302);
      expect((result as Response).headers.get("Location")).toMatch(/^\/connexion/);
    }
    expect(await snapshotOf()).toBe(before);
    expect(await prisma.rfc.count()).toBe(3);
  });
});

describe("a person outside the RFC's scope", () => {
  it("gets a 404 on every page of an RFC of a group their organisation is not in, and on every intent of every action, whatever they post", async () => {
    const before = await snapshotOf();
    const p1 = { number: N1 };
    const v1 = { number: N1, version: "1" };
    for (const outsider of [dgas, director80, cnafStateRole]) {
      for (const [handler, path, params] of [
        [overviewLoader, `/rfc/${N1}`, p1],
        [versionLoader, `/rfc/${N1}/v/1`, v1],
        [draftLoader, `/rfc/${N1}/v/1/modifier`, v1],
        [dispositionsLoader, `/rfc/${N1}/v/1/dispositions`, v1],
        [dispositionsExport, `/rfc/${N1}/v/1/dispositions/export?format=csv`, v1],
        [compareLoader, `/rfc/${N1}/comparer?de=1&a=1`, p1],
        [positionsLoader, `/rfc/${N1}/positions`, p1],
        [positionsExport, `/rfc/${N1}/positions/export?format=xlsx`, p1],
      ] as [Handler, string, Record<string, string>][]) {
        expect(statusOf(await callRoute(handler, outsider, path, params)), `${outsider.email} GET ${path}`).toBe(404);
      }
      for (const [name, form] of versionIntents()) {
        expect(
          statusOf(await callRoute(versionAction, outsider, `/rfc/${N1}/v/1`, v1, form)),
          `${outsider.email} ${name}`,
        ).toBe(404);
      }
      expect(statusOf(await hijackDraft(outsider))).toBe(404);
      expect(
        statusOf(
          await callRoute(overviewAction, outsider, `/rfc/${N1}`, p1, {
            intent: "position",
            position: "ADOPTE",
            comment: "",
          }),
        ),
      ).toBe(404);
      expect(statusOf(await callRoute(overviewAction, outsider, `/rfc/${N1}`, p1, { intent: "autre" }))).toBe(404);
    }
    expect(await snapshotOf()).toBe(before);
    expect(await cycleStatus(N1)).toBe("ouvert");
    expect((await prisma.rfc.findUniqueOrThrow({ where: { number: N1 } })).title).toBe("Format d'échange");
  });

  it("does not list the RFC, and answers an unknown or malformed number with a 404 too", async () => {
    const list = (await callRoute(rfcListLoader, dgas, "/rfc", {})) as { rfcs: { number: string }[] };
    expect(list.rfcs.map((r) => r.number)).toEqual([]);
    expect(statusOf(await callRoute(rfcListLoader, cnafStateRole, "/rfc", {}))).toBe(403);
    for (const number of ["RFC-2026-999", "rfc-2026-001", "../RFC-2026-001"]) {
      expect(statusOf(await callRoute(overviewLoader, coordinator, `/rfc/${number}`, { number }))).toBe(404);
      expect(statusOf(await commentOn(number, "1"))).toBe(404);
    }
    expect(statusOf(await callRoute(versionLoader, coordinator, `/rfc/${N1}/v/7`, { number: N1, version: "7" }))).toBe(
      404,
    );
    expect(statusOf(await commentOn(N1, "7"))).toBe(404);
  });
});

describe("a reader who does not pilot the group", () => {
  it("gets a 403 on every pilot intent, even with a form the page would reject, and on the draft editor; nothing changes", async () => {
    const v1 = { number: N1, version: "1" };
    const pilotIntents = versionIntents().filter(([name]) =>
      /^(ouvrir|prolonger|conclure|retirer|disposer)/.test(name),
    );
    // MSA and CNAF read the group; the CNAF's pilot pilots another group; France Travail's member is not PILOTE_GROUPE.
    for (const reader of [msa, cnaf, otherPilot, ftMember, director53]) {
      for (const [name, form] of pilotIntents) {
        expect(
          statusOf(await callRoute(versionAction, reader, `/rfc/${N1}/v/1`, v1, form)),
          `${reader.email} ${name}`,
        ).toBe(403);
      }
      expect(statusOf(await callRoute(draftLoader, reader, `/rfc/${N1}/v/1/modifier`, v1))).toBe(403);
      expect(statusOf(await hijackDraft(reader))).toBe(403);
    }
    expect(await cycleStatus(N1)).toBe("ouvert");
    expect(await prisma.rfcComment.count({ where: { disposition: { not: null } } })).toBe(0);
  });

  it("may not write an RFC for a group it does not pilot: 403 for a member, 404 for the pilot of another group", async () => {
    const params = { code: "refonte-formulaire" };
    for (const member of [cnaf, msa, ftMember]) {
      expect(statusOf(await callRoute(newRfcLoader, member, "/groupes/refonte-formulaire/rfc/nouvelle", params))).toBe(
        403,
      );
      expect(
        statusOf(
          await callRoute(newRfcAction, member, "/groupes/refonte-formulaire/rfc/nouvelle", params, {
            title: "Intrusion",
            content__texte: "Texte",
          }),
        ),
      ).toBe(403);
    }
    expect(
      statusOf(
        await callRoute(newRfcAction, dgas, "/groupes/refonte-formulaire/rfc/nouvelle", params, {
          title: "Intrusion",
          content__texte: "Texte",
        }),
      ),
    ).toBe(404);
    // The CNAF's pilot reads group A (the CNAF is a member) but pilots group B only.
    expect(
      statusOf(
        await callRoute(newRfcAction, otherPilot, "/groupes/refonte-formulaire/rfc/nouvelle", params, {
          title: "Intrusion",
          content__texte: "Texte",
        }),
      ),
    ).toBe(403);
    expect(
      statusOf(
        await callRoute(newRfcLoader, pilot, "/groupes/sphere-famille/rfc/nouvelle", { code: "sphere-famille" }),
      ),
    ).toBe(404);
    expect(await prisma.rfc.count()).toBe(3);
  });

  it("keeps the coordinator's settings page and the national view of positions from everybody else", async () => {
    for (const someone of [pilot, otherPilot, cnaf, director53]) {
      expect(statusOf(await callRoute(settingsLoader, someone, "/rfc/parametres", {}))).toBe(403);
      expect(
        statusOf(
          await callRoute(
            settingsAction,
            someone,
            "/rfc/parametres",
            {},
            { defaultDays: "30", minimumDays: "1", reminderDaysBefore: "2", hour: "08:00" },
          ),
        ),
      ).toBe(403);
      expect(statusOf(await callRoute(positionsLoader, someone, `/rfc/${N1}/positions`, { number: N1 }))).toBe(403);
      expect(
        statusOf(await callRoute(positionsExport, someone, `/rfc/${N1}/positions/export?format=csv`, { number: N1 })),
      ).toBe(403);
    }
    expect(statusOf(await callRoute(settingsLoader, coordinator, "/rfc/parametres", {}))).toBe(200);
  });
});

describe("comments: only invited organisations, only their own, only on this version", () => {
  it("refuses a comment or a reply from a member of the group whose organisation is not invited, posted directly", async () => {
    const v1 = { number: N1, version: "1" };
    const before = await commentCount();
    // MSA is invited to RFC-002 but not to RFC-001.
    const comment = await callRoute(versionAction, msa, `/rfc/${N1}/v/1`, v1, {
      intent: "commenter",
      kind: "SOUTIEN",
      body: "D'accord",
      passage: "",
    });
    expect(statusOf(comment)).toBe(422);
    expect(bodyOf(comment)).toMatchObject({ message: expect.stringContaining("n'est pas invitée") });
    const reply = await callRoute(versionAction, msa, `/rfc/${N1}/v/1`, v1, {
      intent: "repondre",
      parentId: commentA,
      body: "Moi aussi",
    });
    expect(bodyOf(reply)).toMatchObject({ message: expect.stringContaining("n'est pas invitée") });
    // The CNAF person with only a State-service role, although the CNAF is invited.
    expect(
      statusOf(
        await callRoute(versionAction, cnafStateRole, `/rfc/${N1}/v/1`, v1, {
          intent: "commenter",
          kind: "SOUTIEN",
          body: "D'accord",
          passage: "",
        }),
      ),
    ).toBe(404);
    expect(await commentCount()).toBe(before);
    const page = (await callRoute(versionLoader, msa, `/rfc/${N1}/v/1`, v1)) as { canComment: boolean };
    expect(page.canComment).toBe(false);
  });

  it("refuses to edit or delete someone else's comment, even of the same organisation's group, posted directly", async () => {
    const v1 = { number: N1, version: "1" };
    const before = await snapshotOf();
    for (const intent of ["modifier-commentaire", "supprimer-commentaire"]) {
      // CNAF is invited to RFC-001 and reads it; the comment is MDPH 53's.
      expect(
        statusOf(
          await callRoute(versionAction, cnaf, `/rfc/${N1}/v/1`, v1, {
            intent,
            commentId: commentA,
            body: "Réécrit par la CNAF",
            kind: "SOUTIEN",
          }),
        ),
      ).toBe(403);
      // Same organisation is not enough: the CNAF's pilot did not write the CNAF's comment.
      expect(
        statusOf(
          await callRoute(versionAction, otherPilot, `/rfc/${N1}/v/1`, v1, {
            intent,
            commentId: commentCnaf1,
            body: "Réécrit",
            kind: "SOUTIEN",
          }),
        ),
      ).toBe(403);
      // Not even the group's pilot or the coordinator.
      expect(
        statusOf(
          await callRoute(versionAction, pilot, `/rfc/${N1}/v/1`, v1, {
            intent,
            commentId: commentA,
            body: "Réécrit par le pilote",
          }),
        ),
      ).toBe(403);
      expect(
        statusOf(
          await callRoute(versionAction, coordinator, `/rfc/${N1}/v/1`, v1, {
            intent,
            commentId: commentA,
            body: "Réécrit par la CNSA",
          }),
        ),
      ).toBe(403);
    }
    expect(await snapshotOf()).toBe(before);
  });

  it("answers 404 to a comment id of another RFC posted under this RFC's address, even by its own author", async () => {
    const v1 = { number: N1, version: "1" };
    const before = await snapshotOf();
    // commentB is the CNAF's own comment, on RFC-002 (open): under RFC-001's address it does not exist.
    expect(
      statusOf(
        await callRoute(versionAction, cnaf, `/rfc/${N1}/v/1`, v1, {
          intent: "modifier-commentaire",
          commentId: commentB,
          body: "Modifié par un détour",
        }),
      ),
    ).toBe(404);
    expect(
      statusOf(
        await callRoute(versionAction, cnaf, `/rfc/${N1}/v/1`, v1, {
          intent: "supprimer-commentaire",
          commentId: commentB,
        }),
      ),
    ).toBe(404);
    // The coordinator pilots everything, but not through another RFC's page.
    expect(
      statusOf(
        await callRoute(versionAction, coordinator, `/rfc/${N1}/v/1`, v1, {
          intent: "disposer",
          commentId: commentB,
          disposition: "NOTE",
          reply: "Noté",
        }),
      ),
    ).toBe(404);
    // A pilot reaches no comment of a group it does not read.
    expect(
      statusOf(
        await callRoute(versionAction, pilot, `/rfc/${N1}/v/1`, v1, {
          intent: "disposer",
          commentId: commentB,
          disposition: "NOTE",
          reply: "Noté",
        }),
      ),
    ).toBe(404);
    // A reply to a comment of another RFC is refused and creates nothing.
    const count = await commentCount();
    const reply = await callRoute(versionAction, cnaf, `/rfc/${N1}/v/1`, v1, {
      intent: "repondre",
      parentId: commentB,
      body: "Réponse détournée",
    });
    expect(statusOf(reply)).toBe(422);
    expect(bodyOf(reply)).toMatchObject({ message: expect.stringContaining("n'existe plus sur cette version") });
    expect(await commentCount()).toBe(count);
    expect(await snapshotOf()).toBe(before);
  });

  it("lets the author edit their own comment through the page", async () => {
    const result = await callRoute(
      versionAction,
      cnaf,
      `/rfc/${N1}/v/1`,
      { number: N1, version: "1" },
      {
        intent: "modifier-commentaire",
        commentId: commentCnaf1,
        body: "Il manque le numéro d'allocataire CAF.",
        kind: "FOND",
      },
    );
    expect(statusOf(result)).toBe(302);
    expect((await prisma.rfcComment.findUniqueOrThrow({ where: { id: commentCnaf1 } })).body).toBe(
      "Il manque le numéro d'allocataire CAF.",
    );
  });
});

describe("the deadline, checked inside the write transaction", () => {
  /** Holds the write lock while the clock passes the deadline, as a slow concurrent write would. */
  async function whileLocked(start: () => Promise<unknown>, after: string) {
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holder = writeTransaction(async (tx) => {
      await tx.auditEntry.count();
      entered();
      await gate;
    });
    await inside;
    const pending = start();
    at(after);
    release();
    await holder;
    return pending;
  }

  it("refuses a comment sent a moment before the deadline that reaches the database after it", async () => {
    at("2026-11-16T16:59:59.500Z");
    const before = await commentCount();
    const result = await whileLocked(
      () => postComment(cnaf, N3, 1, { kind: "FOND", body: "Juste à temps ?" }),
      "2026-11-16T17:00:00.500Z",
    );
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("Le délai de réponse a expiré") });
    expect(await commentCount()).toBe(before);
  });

  it("refuses an edit sent a moment before the deadline that reaches the database after it", async () => {
    at("2026-11-16T16:59:59.500Z");
    const result = await whileLocked(
      () => editComment(cnaf, comment3, { body: "Modifié à la dernière seconde" }),
      "2026-11-16T17:00:00.500Z",
    );
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("Le délai de réponse a expiré") });
    expect((await prisma.rfcComment.findUniqueOrThrow({ where: { id: comment3 } })).body).toBe("D'accord.");
  });
});

describe("MDPH positions on an adopted RFC", () => {
  it("are refused while the RFC is not adopted", async () => {
    const result = await callRoute(
      overviewAction,
      director53,
      `/rfc/${N1}`,
      { number: N1 },
      { intent: "position", position: "ADOPTE", comment: "" },
    );
    expect(statusOf(result)).toBe(403);
    expect(await prisma.rfcPosition.count()).toBe(0);
  });

  it("once adopted, are recorded by MDPH directors only, each for their own MDPH whatever organisation is posted", async () => {
    at(DEADLINE3);
    await runDueJobs();
    expect(await cycleStatus(N3)).toBe("clos");
    const v1 = { number: N3, version: "1" };
    expect(
      statusOf(
        await callRoute(versionAction, pilot, `/rfc/${N3}/v/1`, v1, {
          intent: "disposer",
          commentId: comment3,
          disposition: "NOTE",
          reply: "Merci.",
        }),
      ),
    ).toBe(302);
    const adopted = await callRoute(versionAction, pilot, `/rfc/${N3}/v/1`, v1, {
      intent: "conclure",
      rowVersion: String(await workflowRowVersion(N3)),
      outcome: "adoption",
      conclusion: "Adoptée comme proposition.",
    });
    expect(statusOf(adopted)).toBe(302);
    expect((await prisma.rfc.findUniqueOrThrow({ where: { number: N3 } })).status).toBe("ADOPTEE");

    const p3 = { number: N3 };
    // Not directors: a member of MDPH 53, the CNAF member, the pilot, the coordinator.
    for (const someone of [staff53, cnaf, pilot, coordinator]) {
      expect(
        statusOf(
          await callRoute(overviewAction, someone, `/rfc/${N3}`, p3, {
            intent: "position",
            position: "ADOPTE",
            comment: "",
            organisationId: ids["mdph-53"],
          }),
        ),
        someone.email,
      ).toBe(403);
    }
    // A director outside the group reads the adopted RFC and records the position of their own MDPH only.
    expect(statusOf(await callRoute(overviewLoader, director80, `/rfc/${N3}`, p3))).toBe(200);
    const recorded = await callRoute(overviewAction, director80, `/rfc/${N3}`, p3, {
      intent: "position",
      position: "ADOPTERA",
      comment: "=2+3*cmd",
      organisationId: ids["mdph-53"],
    });
    expect(statusOf(recorded)).toBe(302);
    const positions = await prisma.rfcPosition.findMany({ where: { rfc: { number: N3 } } });
    expect(positions.map((p) => [p.organisationId, p.position])).toEqual([[ids["mdph-80"], "ADOPTERA"]]);
    // The adopted RFC does not open the other RFCs of its group to that director.
    expect(statusOf(await callRoute(overviewLoader, director80, `/rfc/${N1}`, { number: N1 }))).toBe(404);
  });

  it("shows the national view to the coordinator only, with the exported comments neutralised against formulas", async () => {
    const p3 = { number: N3 };
    for (const someone of [director80, director53, pilot, cnaf]) {
      expect(statusOf(await callRoute(positionsLoader, someone, `/rfc/${N3}/positions`, p3)), someone.email).toBe(403);
      expect(
        statusOf(await callRoute(positionsExport, someone, `/rfc/${N3}/positions/export?format=csv`, p3)),
        someone.email,
      ).toBe(403);
    }
    const csv = (await callRoute(
      positionsExport,
      coordinator,
      `/rfc/${N3}/positions/export?format=csv`,
      p3,
    )) as Response;
    const text = await csv.text();
    expect(text).toContain("'=2+3*cmd");
    expect(text).not.toMatch(/(^|;|")=2\+3/m);
  });

  it("refuses positions on a withdrawn RFC: 403 for a director who reads it, 404 for one who does not", async () => {
    expect(await createRfc(pilot, "refonte-formulaire", { title: "Document retiré", document: TEXT })).toEqual({
      ok: true,
      value: { number: "RFC-2026-004" },
    });
    const v1 = { number: "RFC-2026-004", version: "1" };
    expect(
      statusOf(
        await callRoute(versionAction, pilot, "/rfc/RFC-2026-004/v/1", v1, {
          intent: "retirer",
          rowVersion: String(await workflowRowVersion("RFC-2026-004")),
          conclusion: "Abandonné.",
        }),
      ),
    ).toBe(302);
    expect((await prisma.rfc.findUniqueOrThrow({ where: { number: "RFC-2026-004" } })).status).toBe("RETIREE");
    const p4 = { number: "RFC-2026-004" };
    expect(
      statusOf(
        await callRoute(overviewAction, director53, "/rfc/RFC-2026-004", p4, {
          intent: "position",
          position: "ADOPTE",
          comment: "",
        }),
      ),
    ).toBe(403);
    expect(
      statusOf(
        await callRoute(overviewAction, director80, "/rfc/RFC-2026-004", p4, {
          intent: "position",
          position: "ADOPTE",
          comment: "",
        }),
      ),
    ).toBe(404);
    expect(await prisma.rfcPosition.count({ where: { rfc: { number: "RFC-2026-004" } } })).toBe(0);
  });
});

describe("what the pages render and export", () => {
  it("exports the disposition table with comment bodies neutralised against formulas", async () => {
    const csv = (await callRoute(dispositionsExport, cnaf, `/rfc/${N1}/v/1/dispositions/export?format=csv`, {
      number: N1,
      version: "1",
    })) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("'=HYPERLINK(");
    expect(text).not.toMatch(/(^|;|")=HYPERLINK/m);
  });

  it("renders a version's text without script, event handler or javascript: link, whatever the pilot posted or the database holds", async () => {
    const params = { code: "refonte-formulaire" };
    const hostile = hostilePostedDoc("texte");
    const created = await callRoute(newRfcAction, pilot, "/groupes/refonte-formulaire/rfc/nouvelle", params, {
      title: "Texte hostile",
      content: JSON.stringify(hostile),
    });
    expect(statusOf(created)).toBe(302);
    const number = (created as Response).headers.get("Location")!.split("/")[2];
    const page = (await callRoute(versionLoader, msa, `/rfc/${number}/v/1`, { number, version: "1" })) as {
      html: string;
    };
    expect(page.html).toContain("&lt;script&gt;");
    expect(page.html).not.toMatch(/<script|<img|javascript:|<[^>]*\son\w+\s*=/i);

    // Stored without going through the form (an older row, a script): the renderer's allow-list still applies.
    const raw = {
      type: "doc",
      content: [
        ...hostileRichTextNodes,
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Titre" }] },
      ],
    };
    await prisma.rfcVersion.updateMany({ where: { rfc: { number } }, data: { content: JSON.stringify(raw) } });
    const again = (await callRoute(versionLoader, msa, `/rfc/${number}/v/1`, { number, version: "1" })) as {
      html: string;
    };
    expect(again.html).toContain("clic");
    expect(again.html).not.toMatch(/<script|<iframe|<h1|javascript:|<[^>]*\son\w+\s*=|<[^>]*style=/i);
  });

  it("changes only the signed-in person's own digest choice, whatever user id is posted", async () => {
    await callRoute(
      notificationsAction,
      msa,
      "/compte/notifications",
      {},
      { rfcDigest: "oui", userId: cnaf.id, id: cnaf.id },
    );
    const users = await prisma.user.findMany({
      where: { id: { in: [msa.id, cnaf.id] } },
      select: { id: true, rfcDigest: true },
    });
    expect(Object.fromEntries(users.map((u) => [u.id, u.rfcDigest]))).toEqual({ [msa.id]: true, [cnaf.id]: false });
  });
});
