/**
 * A legal entity's register of designated people (legal representative, ANS mandataires, RPPS+
 * managers, technical administrator, vendor referent), and what their departure puts at risk.
 * 002: a departed referent meant "de très nombreux formulaires à refaire". When a person is
 * marked as left — or their account is deactivated (people/admin.server.ts calls
 * `noticeAccountDeparture` in its transaction) — one mail tells each pilot's running people and
 * contacts, and the CNSA coordinators, which steps and which credentials (password kept) depend
 * on that person, with the pilot's link.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { auditBy } from "~/modules/journal/audit.server";
import { queueMailing } from "~/modules/mail/mailing.server";
import { addressesOf } from "~/modules/mail/recipients.server";
import type { Tx } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import { refusal, success, type Result, invalidFields } from "~/utils/result";
import { isIsoDate, parisDate, type IsoDate } from "~/utils/working-days";

import { SEGUR_STEPS, dependentSteps, type StepCode } from "../../../workflows/segur-prerequisites";
import { editPilot } from "./commands.server";
import {
  CREDENTIAL_KIND_VOCABULARY,
  DESIGNATED_ROLE_VOCABULARY,
  RUNNING_ROLES,
  type CredentialKind,
  type DesignatedRole,
} from "./vocabulary";

export const PERSON_NOT_FOUND = "Cette personne désignée est introuvable.";
const LEGAL_ENTITY_NOT_FOUND = "Cette entité juridique ne fait pas partie du pilote.";
const EDITORS_ONLY = "Seules les personnes de l'établissement et de l'éditeur du pilote tiennent le registre.";

export type DesignatedPersonInput = {
  role: DesignatedRole;
  firstName: string;
  lastName: string;
  email: string;
  /** Their account, when they have one. */
  userId?: string | null;
  designatedOn?: IsoDate | null;
};

/**
 * The legal entities taking part in the pilot, by name: those of its sites — a pilot pairs sites
 * with a vendor (decision 036); a pilot without sites has none. The one rule of the commands (the
 * pages read it as pilot-records.server.ts `pilotLegalEntities`).
 */
export async function legalEntitiesInPilot(tx: Tx, pilotId: string): Promise<string[]> {
  const entities = await tx.legalEntity.findMany({
    where: { sites: { some: { pilots: { some: { pilotId } } } } },
    select: { id: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return entities.map((e) => e.id);
}

/** Whether the legal entity takes part in the pilot (`legalEntitiesInPilot`: through one of its sites). */
export async function legalEntityInPilot(tx: Tx, pilotId: string, legalEntityId: string) {
  return (await legalEntitiesInPilot(tx, pilotId)).includes(legalEntityId);
}

/** Adds a person to the register of one of the pilot's legal entities. */
export async function addDesignatedPerson(
  user: SessionUser,
  pilotId: string,
  legalEntityId: string,
  input: DesignatedPersonInput,
): Promise<Result<{ id: string }>> {
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now) => {
    if (!DESIGNATED_ROLE_VOCABULARY.is(input.role))
      return invalidFields({ role: "Choisissez le rôle de la personne." });
    if (!(await legalEntityInPilot(tx, pilotId, legalEntityId))) return refusal("INTROUVABLE", LEGAL_ENTITY_NOT_FOUND);
    const created = await tx.designatedPerson.create({
      data: {
        legalEntityId,
        role: input.role,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        email: input.email.trim().toLowerCase(),
        userId: input.userId ?? null,
        designatedOn: input.designatedOn ?? parisDate(now),
      },
    });
    await auditBy(
      tx,
      user,
      {
        action: "segur:personne-designee",
        entityType: "PersonneDesignee",
        entityId: created.id,
        data: { role: input.role, entite: legalEntityId },
      },
      now,
    );
    return success({ id: created.id });
  });
}

/** Marks a person of one of the pilot's legal entities as left on `leftOn`, and tells who must know. */
export async function markDesignatedPersonLeft(
  user: SessionUser,
  pilotId: string,
  { personId, leftOn }: { personId: string; leftOn: IsoDate },
): Promise<Result<{ mails: number }>> {
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now) => {
    if (!isIsoDate(leftOn)) return invalidFields({ leftOn: "Saisissez une date valide." });
    if (leftOn > parisDate(now)) return invalidFields({ leftOn: "La date de départ ne peut pas être dans le futur." });
    const found = await tx.designatedPerson.findUnique({ where: { id: personId } });
    if (!found || !(await legalEntityInPilot(tx, pilotId, found.legalEntityId)))
      return refusal("INTROUVABLE", PERSON_NOT_FOUND);
    if (found.leftOn) return refusal("REFUSE", `Cette personne est déjà partie (${dayLabel(found.leftOn)}).`);
    await tx.designatedPerson.update({ where: { id: personId }, data: { leftOn } });
    await auditBy(
      tx,
      user,
      { action: "segur:personne-partie", entityType: "PersonneDesignee", entityId: personId, data: { depart: leftOn } },
      now,
    );
    return success({ mails: await noticeDeparture(tx, personId, now) });
  });
}

/**
 * For a deactivated account, inside the deactivation's transaction: each designated person
 * still in post with that account is marked as left today, and the departure is told. Returns
 * the number of mails queued.
 */
export async function noticeAccountDeparture(tx: Tx, userId: string, now: Date): Promise<number> {
  const people = await tx.designatedPerson.findMany({ where: { userId, leftOn: null }, select: { id: true } });
  let mails = 0;
  for (const { id } of people) {
    await tx.designatedPerson.update({ where: { id }, data: { leftOn: parisDate(now) } });
    mails += await noticeDeparture(tx, id, now);
  }
  return mails;
}

/**
 * One mail per pilot of the person's legal entity: to its running organisations' Ségur pilots
 * and its contacts, copied to the CNSA coordinators; it names the person's steps, the steps that
 * wait on them, and the credentials they hold or whose password they keep.
 */
async function noticeDeparture(tx: Tx, personId: string, now: Date): Promise<number> {
  const person = await tx.designatedPerson.findUniqueOrThrow({
    where: { id: personId },
    include: {
      legalEntity: { select: { name: true } },
      steps: { select: { stepCode: true, pilotId: true } },
      credentialsHeld: { select: { kind: true, expiresOn: true } },
      passwordsKept: { select: { kind: true, expiresOn: true } },
    },
  });
  const pilots = await tx.segurPilot.findMany({
    where: { sites: { some: { site: { legalEntityId: person.legalEntityId } } } },
    select: {
      id: true,
      code: true,
      name: true,
      organisations: { where: { role: { in: [...RUNNING_ROLES] } }, select: { organisationId: true } },
      contacts: { select: { email: true } },
    },
    orderBy: { code: "asc" },
  });
  const coordinators = await addressesOf(tx, { roles: ["COORDINATEUR_CNSA"] });
  const who = `${person.firstName} ${person.lastName} (${DESIGNATED_ROLE_VOCABULARY.labels[person.role as DesignatedRole] ?? person.role})`;
  const credentialLine = (c: { kind: string; expiresOn: string }, why: string) =>
    `- ${CREDENTIAL_KIND_VOCABULARY.labels[c.kind as CredentialKind] ?? c.kind}, valable jusqu'au ${dayLabel(c.expiresOn)} : ${why}`;
  const credentials = [
    ...person.credentialsHeld.map((c) => credentialLine(c, "carte à son nom")),
    ...person.passwordsKept.map((c) => credentialLine(c, "cette personne en garde le mot de passe")),
  ];
  let mails = 0;
  for (const pilot of pilots) {
    const own = [...new Set(person.steps.filter((s) => s.pilotId === pilot.id).map((s) => s.stepCode as StepCode))];
    const waiting = [...new Set(own.flatMap(dependentSteps))].filter((code) => !own.includes(code));
    const stepLines = [
      ...own.map((code) => `- ${SEGUR_STEPS[code].label} : étape à son nom`),
      ...waiting.map((code) => `- ${SEGUR_STEPS[code].label} : attend une étape à son nom`),
    ];
    const team = await addressesOf(tx, {
      organisationIds: pilot.organisations.map((o) => o.organisationId),
      roles: ["PILOTE_SEGUR"],
    });
    mails += await queueMailing(tx, {
      template: "segur.depart-personne-designee",
      to: [...team, ...pilot.contacts.map((c) => c.email)],
      cc: coordinators,
      subject: `[Ségur] ${pilot.name} : départ de ${person.firstName} ${person.lastName}`,
      paragraphs: [
        `${who}, désignée pour ${person.legalEntity.name}, a quitté ses fonctions. Désignez quelqu'un d'autre et refaites les formulaires qui la nommaient.`,
        stepLines.length > 0
          ? `Étapes qui dépendent de cette personne :\n${stepLines.join("\n")}`
          : "Aucune étape du pilote n'est à son nom.",
        credentials.length > 0
          ? `Certificats et cartes qui dépendent de cette personne :\n${credentials.join("\n")}`
          : "Aucun certificat ni aucune carte ne dépend de cette personne.",
      ],
      footer: "Vous recevez ce message parce que vous suivez ce pilote Ségur numérique.",
      link: { label: "Voir le pilote", path: `/segur/pilotes/${pilot.code}` },
      related: { type: "PiloteSegur", id: pilot.id },
      idempotencyKey: `segur-depart:${personId}:${pilot.id}`,
      now,
    });
  }
  return mails;
}
