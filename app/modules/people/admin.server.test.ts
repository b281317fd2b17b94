import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCnaf } from "../../../test/support/organisations";
import { createSession, validateSessionToken } from "~/modules/auth/session.server";
import { verifyAuditChain } from "~/modules/journal/audit.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import type { Role } from "~/utils/roles";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { createTransport } from "~/modules/mail/transport.server";
import { createPerson } from "../../../test/support/people";
import { startSmtpServer } from "../../../test/support/smtp-server";
import {
  getPerson,
  listPeople,
  personSchema,
  resendPersonInvitation,
  setPersonActive,
  updatePerson,
  type PersonInput,
} from "./admin.server";

const NOW = new Date("2026-11-23T09:00:00Z");
let orgId: string;
let otherOrgId: string;
let closedOrgId: string;

function person(email: string, roles: Role[] = ["MEMBRE_GT"], extra: { passwordHash?: string | null } = {}) {
  const passwordHash = extra.passwordHash === undefined ? "hash" : extra.passwordHash;
  return createPerson({ email, organisationId: orgId, passwordHash, roles });
}

function actorFrom(user: { id: string; firstName: string; lastName: string; roles: { role: string }[] }) {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    roles: user.roles.map((r) => r.role as Role),
  };
}

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(key, item);
  return data;
}

const lastAudit = () => prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });

beforeAll(async () => {
  setClock(NOW, { frozen: true });
  orgId = (
    await prisma.organisation.create({
      data: { code: "cnsa", kind: "CNSA", name: "Caisse nationale de solidarité pour l'autonomie", shortName: "CNSA" },
    })
  ).id;
  otherOrgId = await createCnaf();
  closedOrgId = (
    await prisma.organisation.create({
      data: { code: "ferme", kind: "PARTENAIRE", name: "Organisme dissous", shortName: "Dissous", active: false },
    })
  ).id;
});

afterAll(() => resetClock());

describe("deactivating a person", () => {
  it("ends all their sessions at once, voids their links, and is audited in the same transaction", async () => {
    const admin = actorFrom(await person("admin.desactive@essai.example", ["ADMIN"]));
    const target = await person("cible.desactivee@essai.example");
    const first = await createSession(target.id, { twoFactorVerified: true });
    await createSession(target.id, { twoFactorVerified: true });
    await prisma.actionToken.create({
      data: {
        id: "jeton-1",
        kind: "REINITIALISATION",
        secretHash: new Uint8Array(32),
        userId: target.id,
        createdAt: NOW,
        expiresAt: new Date(NOW.getTime() + 60_000),
      },
    });
    expect(await validateSessionToken(first.token)).not.toBeNull();

    expect(await setPersonActive(admin, target.id, false)).toEqual({ ok: true, value: { endedSessions: 2 } });

    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await prisma.actionToken.findUniqueOrThrow({ where: { id: "jeton-1" } })).toMatchObject({ usedAt: NOW });
    const entry = await lastAudit();
    expect(entry).toMatchObject({
      action: "personne-desactivee",
      entityType: "Utilisateur",
      entityId: target.id,
      actorId: admin.id,
      actorLabel: "Léa Essai",
    });
    expect(JSON.parse(entry.data)).toEqual({ sessionsTerminees: 2 });
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
    expect((await getPerson(target.id))?.status).toBe("inactif");
  });

  it("an administrator cannot deactivate themself", async () => {
    const admin = actorFrom(await person("admin.soi@essai.example", ["ADMIN"]));
    const before = await prisma.auditEntry.count();
    expect(await setPersonActive(admin, admin.id, false)).toMatchObject({
      ok: false,
      message: "Vous ne pouvez pas désactiver votre propre compte.",
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ active: true });
    expect(await prisma.auditEntry.count()).toBe(before);
  });

  it("reactivating is audited and refused when there is nothing to do", async () => {
    const admin = actorFrom(await person("admin.reactive@essai.example", ["ADMIN"]));
    const target = await person("cible.reactivee@essai.example");
    expect(await setPersonActive(admin, target.id, true)).toMatchObject({
      ok: false,
      message: "Ce compte est déjà actif.",
    });
    await setPersonActive(admin, target.id, false);
    expect(await setPersonActive(admin, target.id, true)).toEqual({ ok: true, value: { endedSessions: 0 } });
    expect(await lastAudit()).toMatchObject({ action: "personne-reactivee", entityId: target.id });
    expect(await setPersonActive(admin, "inconnu", false)).toMatchObject({ ok: false, code: "INTROUVABLE" });
  });
});

describe("editing a person", () => {
  const base = { firstName: "Léa", lastName: "Essai", jobTitle: "", phone: "", organisationId: "" };
  // The names as they are, no job title nor phone: only the organisation and the roles vary.
  const moveTo = (
    actor: Parameters<typeof updatePerson>[0],
    id: string,
    organisationId: string,
    roles: PersonInput["roles"],
  ) => updatePerson(actor, id, { ...base, jobTitle: null, phone: null, organisationId, roles });

  it("the form requires at least one role, in French, and keeps what was typed", () => {
    const result = parseForm(personSchema, form({ ...base, organisationId: "x", firstName: "Anne" }));
    expect(result).toMatchObject({
      ok: false,
      errors: { roles: "Cochez au moins un rôle." },
      values: { firstName: "Anne" },
    });
    const several = parseForm(
      personSchema,
      form({ ...base, organisationId: "x", roles: ["MEMBRE_GT", "PILOTE_GROUPE"] }),
    );
    expect(several).toMatchObject({
      ok: true,
      data: { roles: ["MEMBRE_GT", "PILOTE_GROUPE"], jobTitle: null, phone: null },
    });
    expect(parseForm(personSchema, form({ ...base, organisationId: "x", roles: "SUPER" }))).toMatchObject({
      ok: false,
      errors: { roles: "Rôle inconnu." },
    });
    expect(
      parseForm(personSchema, form({ ...base, organisationId: "x", roles: "MEMBRE_GT", phone: "abc" })),
    ).toMatchObject({ ok: false, errors: { phone: expect.stringContaining("numéro de téléphone valide") } });
  });

  it("updates names, organisation and roles, keeps at least one role, and records what changed", async () => {
    const admin = actorFrom(await person("admin.edite@essai.example", ["ADMIN"]));
    const target = await person("cible.editee@essai.example", ["MEMBRE_GT"]);

    expect(await moveTo(admin, target.id, otherOrgId, [])).toMatchObject({
      ok: false,
      errors: { roles: "Cochez au moins un rôle." },
    });

    const result = await updatePerson(admin, target.id, {
      ...base,
      firstName: "Lise",
      jobTitle: "Chargée d'études",
      phone: "01 23 45 67 89",
      organisationId: otherOrgId,
      roles: ["PILOTE_GROUPE", "MEMBRE_GT"],
    });
    expect(result).toEqual({ ok: true });
    const after = await getPerson(target.id);
    expect(after).toMatchObject({
      firstName: "Lise",
      jobTitle: "Chargée d'études",
      phone: "01 23 45 67 89",
      organisation: { id: otherOrgId },
      roles: ["MEMBRE_GT", "PILOTE_GROUPE"],
    });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "personne-modifiee", entityId: target.id, organisationId: otherOrgId });
    expect(JSON.parse(entry.data).modifications).toEqual({
      firstName: { avant: "Léa", apres: "Lise" },
      jobTitle: { avant: null, apres: "Chargée d'études" },
      phone: { avant: null, apres: "01 23 45 67 89" },
      organisationId: { avant: orgId, apres: otherOrgId },
      roles: { avant: ["MEMBRE_GT"], apres: ["MEMBRE_GT", "PILOTE_GROUPE"] },
    });

    // Saving the same values again writes nothing.
    const count = await prisma.auditEntry.count();
    expect(
      await updatePerson(admin, target.id, {
        ...base,
        firstName: "Lise",
        jobTitle: "Chargée d'études",
        phone: "01 23 45 67 89",
        organisationId: otherOrgId,
        roles: ["MEMBRE_GT", "PILOTE_GROUPE"],
      }),
    ).toEqual({ ok: true });
    expect(await prisma.auditEntry.count()).toBe(count);
  });

  it("an administrator cannot remove their own administrator role", async () => {
    const admin = actorFrom(await person("admin.role@essai.example", ["ADMIN", "COORDINATEUR_CNSA"]));
    expect(await moveTo(admin, admin.id, orgId, ["COORDINATEUR_CNSA"])).toMatchObject({
      ok: false,
      errors: { roles: "Vous ne pouvez pas retirer votre propre rôle d'administrateur." },
    });
    expect((await getPerson(admin.id))?.roles).toEqual(["COORDINATEUR_CNSA", "ADMIN"]);
    // Dropping another role of their own is fine.
    expect(await moveTo(admin, admin.id, orgId, ["ADMIN"])).toEqual({ ok: true });
  });

  it("refuses to move a person into a deactivated organisation", async () => {
    const admin = actorFrom(await person("admin.org@essai.example", ["ADMIN"]));
    const target = await person("cible.org@essai.example");
    expect(await moveTo(admin, target.id, closedOrgId, ["MEMBRE_GT"])).toMatchObject({
      ok: false,
      errors: { organisationId: "Choisissez une organisation active." },
    });
  });
});

describe("invitations and the list", () => {
  it("resends an invitation only to an active person without a password", async () => {
    const admin = actorFrom(await person("admin.invite@essai.example", ["ADMIN"]));
    const pending = await person("invitee.attente@essai.example", ["MEMBRE_GT"], { passwordHash: null });
    expect(await resendPersonInvitation(admin, pending.id)).toEqual({
      ok: true,
      value: { email: "invitee.attente@essai.example" },
    });
    expect(await lastAudit()).toMatchObject({ action: "invitation-renvoyee", entityId: pending.id });
    expect(
      await prisma.outboxMail.count({ where: { toAddresses: { contains: "invitee.attente@essai.example" } } }),
    ).toBe(1);
    // The link is minted when the mail leaves (decision 010): until then the page says it is queued.
    expect(await getPerson(pending.id)).toMatchObject({ invitation: null, invitationQueued: true });
    const smtp = await startSmtpServer();
    const transport = createTransport(smtp.url)!;
    try {
      await deliverDueMails({ transport });
      await smtp.waitFor((m) => m.to.includes("invitee.attente@essai.example"));
    } finally {
      transport.close();
      await smtp.close();
    }
    expect(await getPerson(pending.id)).toMatchObject({
      invitation: { sentAt: NOW, expired: false },
      invitationQueued: false,
    });

    const activated = await person("invitee.active@essai.example");
    expect(await resendPersonInvitation(admin, activated.id)).toMatchObject({
      ok: false,
      message: "Cette personne a déjà activé son compte.",
    });
    await setPersonActive(admin, pending.id, false);
    expect(await resendPersonInvitation(admin, pending.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("désactivé"),
    });
  });

  it("filters by organisation, role and account status, and shows sessions and the last sign-in", async () => {
    const admin = actorFrom(await person("admin.liste@essai.example", ["ADMIN"]));
    const director = await prisma.user.create({
      data: {
        email: "directrice.liste@essai.example",
        firstName: "Zoé",
        lastName: "Zénith",
        organisationId: otherOrgId,
        roles: { create: [{ role: "DIRECTEUR_MDPH" }] },
      },
    });
    const byRole = await listPeople({ role: "DIRECTEUR_MDPH" });
    expect(byRole.people.map((p) => p.email)).toEqual(["directrice.liste@essai.example"]);
    expect(byRole.people[0]).toMatchObject({
      status: "invitation",
      roles: ["DIRECTEUR_MDPH"],
      organisation: { shortName: "CNAF" },
    });
    expect((await listPeople({ organisationId: otherOrgId, statut: "invitation" })).people.map((p) => p.id)).toContain(
      director.id,
    );
    expect((await listPeople({ statut: "inactif" })).people.every((p) => p.status === "inactif")).toBe(true);
    expect((await listPeople({ q: "zénith" })).total).toBe(1);
    const page = await listPeople({}, { take: 2, skip: 0 });
    expect(page.people).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);

    await createSession(admin.id, { twoFactorVerified: true });
    const { audit } = await import("~/modules/journal/audit.server");
    await audit({
      actor: { id: admin.id, label: "Léa Essai" },
      action: "connexion",
      entityType: "Utilisateur",
      entityId: admin.id,
    });
    expect(await getPerson(admin.id)).toMatchObject({ openSessions: 1, lastSignInAt: NOW, status: "actif" });
  });
});
