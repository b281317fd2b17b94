/**
 * Single-action forms answer a refusal with its HTTP status, like the multi-action pages
 * (decision 019): 422 for an invalid or refused form, 404 for a record that does not exist,
 * with the French message and what was typed still on the page (never a password or a code).
 * Sign-in keeps its protections (decisions 004, 011): a wrong password and an unknown account
 * answer the same status and the same words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueActionToken } from "~/modules/auth/action-tokens.server";
import { hashPassword } from "~/modules/auth/password.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { newTotpKey, sealTotpKey } from "~/modules/auth/totp.server";
import { action as accountAction } from "~/routes/compte._index";
import { action as secondFactorSetupAction } from "~/routes/compte.double-authentification";
import { action as confirmAction } from "~/routes/confirmer-identite";
import { action as signInAction } from "~/routes/connexion";
import { action as secondFactorAction } from "~/routes/connexion_.double-authentification";
import { action as invitationAction } from "~/routes/invitation.$token";
import { action as forgottenAction } from "~/routes/mot-de-passe-oublie";
import { action as inviteAction } from "~/routes/personnes.inviter";
import { action as resetAction } from "~/routes/reinitialisation.$token";
import { action as newOrganisationAction } from "~/routes/admin.organisations.nouvelle";
import { action as organisationAction } from "~/routes/admin.organisations.$id";
import { action as personAction } from "~/routes/admin.personnes.$id";
import { resetClock, setClock, now } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { person } from "../support/people";
import { bodyOf, callRoute, statusOf, type FormFields } from "../support/routes";

const PASSWORD = "Une phrase de passe assez longue";
let admin: SessionUser, member: SessionUser, secondFactorUser: SessionUser;

const noSecret = (answer: unknown) => {
  const text = JSON.stringify(bodyOf(answer));
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain("mauvais mot de passe");
};

beforeAll(async () => {
  setClock(new Date("2026-11-02T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  admin = await person("admin@cnsa.example", "cnsa", ["ADMIN"]);
  member = await person("membre@cnsa.example", "cnsa", ["MEMBRE_GT"]);
  secondFactorUser = await person("totp@cnsa.example", "cnsa", ["MEMBRE_GT"]);
  const passwordHash = await hashPassword(PASSWORD);
  await prisma.user.updateMany({ where: { id: { in: [admin.id, member.id] } }, data: { passwordHash } });
  await prisma.user.update({
    where: { id: secondFactorUser.id },
    data: { passwordHash, totpKey: sealTotpKey(newTotpKey()), totpEnabledAt: now() },
  });
  secondFactorUser = { ...secondFactorUser, totpEnabled: true };
});
afterAll(() => resetClock());

describe("sign-in", () => {
  const signIn = (form: FormFields) => callRoute(signInAction, null, "/connexion", {}, form);

  it("answers a wrong password and an unknown account with the same 422 and words, keeping the address only", async () => {
    const wrong = await signIn({ email: "membre@cnsa.example", password: "mauvais mot de passe" });
    const unknown = await signIn({ email: "personne@cnsa.example", password: "mauvais mot de passe" });
    expect(statusOf(wrong)).toBe(422);
    expect(statusOf(unknown)).toBe(422);
    expect(bodyOf(wrong)).toEqual({
      errors: {},
      values: { email: "membre@cnsa.example" },
      message: "Adresse électronique ou mot de passe incorrect.",
    });
    expect(bodyOf(unknown)).toEqual({ ...(bodyOf(wrong) as object), values: { email: "personne@cnsa.example" } });
    noSecret(wrong);
  });

  it("answers 422 to a malformed address, with the field's error and the address typed", async () => {
    const answer = await signIn({ email: "pas-une-adresse", password: "mauvais mot de passe" });
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      errors: { email: expect.stringContaining("adresse électronique valide") },
      values: { email: "pas-une-adresse" },
    });
    noSecret(answer);
  });

  it("answers 422 to a wrong second-factor code, and still signs in with the right password", async () => {
    const answer = await callRoute(
      secondFactorAction,
      secondFactorUser,
      "/connexion/double-authentification",
      {},
      { code: "000000" },
      { secondFactorPending: true },
    );
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toEqual({
      message: "Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché par votre application.",
    });
    const right = await signIn({ email: "membre@cnsa.example", password: PASSWORD });
    expect(statusOf(right)).toBe(302);
  });
});

describe("account pages", () => {
  it("answers 422 to a password change with two different new passwords or a wrong current one", async () => {
    const post = (fields: FormFields) =>
      callRoute(accountAction, member, "/compte", {}, { intent: "mot-de-passe", ...fields });
    const newPassword = "Nouvelle phrase 2026 !";
    for (const [fields, errors] of [
      [
        { currentPassword: PASSWORD, password: newPassword, confirmation: "Autre" },
        { confirmation: "Les deux mots de passe ne sont pas identiques." },
      ],
      [
        { currentPassword: "mauvais mot de passe", password: newPassword, confirmation: newPassword },
        { currentPassword: "Le mot de passe actuel est incorrect." },
      ],
    ]) {
      const answer = await post(fields);
      expect(statusOf(answer)).toBe(422);
      expect(bodyOf(answer)).toEqual({ intent: "mot-de-passe", errors });
    }
  });

  it("answers 422 to a wrong code when enrolling or removing a second factor", async () => {
    const post = (person: typeof member, fields: FormFields) =>
      callRoute(secondFactorSetupAction, person, "/compte/double-authentification", {}, fields);
    const enrol = await post(member, {
      sealedKey: Buffer.from(sealTotpKey(newTotpKey())).toString("base64"),
      code: "000000",
    });
    expect(statusOf(enrol)).toBe(422);
    expect(bodyOf(enrol)).toEqual({ message: expect.stringContaining("Code incorrect") });
    const unreadable = await post(member, { sealedKey: "***", code: "000000" });
    expect(statusOf(unreadable)).toBe(422);
    expect(bodyOf(unreadable)).toEqual({ message: "La clé de configuration est illisible. Rechargez la page." });
    const remove = await post(secondFactorUser, { intent: "desactiver", code: "000000" });
    expect(statusOf(remove)).toBe(422);
    expect(bodyOf(remove)).toEqual({ message: "Code incorrect." });
  });

  it("answers 422 to an identity confirmation left empty or with a wrong password", async () => {
    const post = (fields: FormFields) => callRoute(confirmAction, admin, "/confirmer-identite", {}, fields);
    const empty = await post({ password: " ", retour: "/admin/personnes/export" });
    expect(statusOf(empty)).toBe(422);
    expect(bodyOf(empty)).toEqual({ message: "Saisissez votre mot de passe." });
    const wrong = await post({ password: "mauvais mot de passe", retour: "/admin/personnes/export" });
    expect(statusOf(wrong)).toBe(422);
    expect(bodyOf(wrong)).toEqual({ message: "Mot de passe incorrect." });
  });
});

describe("password reset and invitation links", () => {
  it("answers 422 to a malformed address on the forgotten-password page, keeping it", async () => {
    const answer = await callRoute(forgottenAction, null, "/mot-de-passe-oublie", {}, { email: "membre@" });
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({ sent: false, values: { email: "membre@" } });
  });

  it("answers 422 to two different passwords, a weak one or a used link, on both link pages", async () => {
    const fresh = (kind: "INVITATION" | "REINITIALISATION") =>
      writeTransaction(async (tx) => (await issueActionToken(tx, { kind, userId: member.id, now: now() })).token);
    for (const [kind, handler, path] of [
      ["REINITIALISATION", resetAction, "/reinitialisation"],
      ["INVITATION", invitationAction, "/invitation"],
    ] as const) {
      const token = await fresh(kind);
      const post = (fields: FormFields) => callRoute(handler, null, `${path}/${token}`, { token }, fields);
      const different = await post({ password: "Nouvelle phrase 2026 !", confirmation: "Autre phrase 2026 !" });
      expect(statusOf(different)).toBe(422);
      expect(bodyOf(different)).toEqual({ errors: { confirmation: "Les deux mots de passe ne sont pas identiques." } });
      const weak = await post({ password: "court", confirmation: "court" });
      expect(statusOf(weak)).toBe(422);
      expect(bodyOf(weak)).toMatchObject({ errors: { password: expect.any(String) } });
      const unknown = await callRoute(
        handler,
        null,
        `${path}/x.y`,
        { token: "x.y" },
        {
          password: "Nouvelle phrase 2026 !",
          confirmation: "Nouvelle phrase 2026 !",
        },
      );
      expect(statusOf(unknown)).toBe(422);
      expect(bodyOf(unknown)).toMatchObject({ errors: { _form: expect.any(String) } });
      noSecret(unknown);
    }
  });
});

describe("administration forms", () => {
  const onPerson = (id: string, intent: string) =>
    callRoute(personAction, admin, `/admin/personnes/${id}`, { id }, { intent });
  const onOrganisation = (id: string, intent: string) =>
    callRoute(organisationAction, admin, `/admin/organisations/${id}`, { id }, { intent });

  it("answers 422 to an invitation to an address already in use, keeping what was typed", async () => {
    const cnsa = await prisma.organisation.findUniqueOrThrow({ where: { code: "cnsa" } });
    const answer = await callRoute(
      inviteAction,
      admin,
      "/personnes/inviter",
      {},
      {
        email: "membre@cnsa.example",
        firstName: "Camille",
        lastName: "Martin",
        jobTitle: "Chargée de mission",
        organisationId: cnsa.id,
        roles: ["MEMBRE_GT"],
      },
    );
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toMatchObject({
      errors: { email: "Une personne utilise déjà cette adresse électronique." },
      values: { firstName: "Camille", lastName: "Martin", jobTitle: "Chargée de mission" },
      roles: ["MEMBRE_GT"],
    });
    const incomplete = await callRoute(inviteAction, admin, "/personnes/inviter", {}, { firstName: "Camille" });
    expect(statusOf(incomplete)).toBe(422);
    expect(bodyOf(incomplete)).toMatchObject({ values: { firstName: "Camille" } });
  });

  it("answers 422 to a new organisation whose code is taken or whose form is incomplete, keeping what was typed", async () => {
    const post = (fields: FormFields) =>
      callRoute(newOrganisationAction, admin, "/admin/organisations/nouvelle", {}, fields);
    const taken = await post({ kind: "PARTENAIRE", name: "Un doublon", shortName: "Doublon", code: "cnsa" });
    expect(statusOf(taken)).toBe(422);
    expect(bodyOf(taken)).toMatchObject({
      errors: { code: "Une organisation porte déjà ce code : choisissez-en un autre." },
      values: { name: "Un doublon", shortName: "Doublon", code: "cnsa" },
    });
    const incomplete = await post({ kind: "PARTENAIRE", name: "Sans code" });
    expect(statusOf(incomplete)).toBe(422);
    expect(bodyOf(incomplete)).toMatchObject({ values: { name: "Sans code" } });
  });

  it("answers 404 with the French message to a change of a person or an organisation that does not exist", async () => {
    const person = await onPerson("inconnue", "desactiver");
    expect(statusOf(person)).toBe(404);
    expect(await (person as Response).text()).toBe("Cette personne n'existe pas.");
    const organisation = await onOrganisation("inconnue", "reactiver");
    expect(statusOf(organisation)).toBe(404);
    expect(await (organisation as Response).text()).toBe("Cette organisation n'existe pas.");
  });

  it("answers 422 to deactivating one's own account, with the reason", async () => {
    const answer = await onPerson(admin.id, "desactiver");
    expect(statusOf(answer)).toBe(422);
    expect(bodyOf(answer)).toEqual({
      intent: "activation",
      message: "Vous ne pouvez pas désactiver votre propre compte.",
    });
  });
});
