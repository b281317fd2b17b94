/**
 * Certificates (AUTH_CLI, SIGN: per legal entity, 3 years, password-protected — we record *who
 * keeps* the password, a designated person, never the password) and cards (CPx, CPE, CDE: per
 * person), with their expiry reminders: jobs at 90, 30 and 7 days before (the setting
 * `segur.rappels-expiration`), 08:00 Paris, to the legal entity's *service* address (004 advises
 * a service mailbox) and to the designated people concerned.
 *
 * A reminder's key names the credential, its expiry and the delay, so changing the expiry
 * cancels the old jobs and schedules new ones, and replacing the credential cancels them. The
 * kind is a `deadline` for the worker (decision 014): a month-ahead warning is still useful a day
 * late, so a worker that was down sends it once when it comes back; the mail's idempotency key
 * makes a second run send nothing.
 */
import { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { auditBy } from "~/modules/journal/audit.server";
import { queueMailing } from "~/modules/mail/mailing.server";
import { defineJobs } from "~/modules/scheduler/registry.server";
import { scheduleJobs } from "~/modules/scheduler/jobs.server";
import { defineSetting, readSetting } from "~/modules/settings/settings.server";

import type { Tx } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import { refusal, success, type Result, invalidFields } from "~/utils/result";
import { addCalendarDays, addMonths, isIsoDate, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { legalEntityInPilot } from "./designated-people.server";
import { editPilot } from "./commands.server";
import { CREDENTIAL_KIND_VOCABULARY, PASSWORD_PROTECTED_KINDS, type CredentialKind } from "./vocabulary";

export const EXPIRY_REMINDER_JOB = "segur.rappel-expiration";

/** Calendar days before a certificate's or a card's expiry at which its reminders leave. */
export const expiryReminderSetting = defineSetting({
  key: "segur.rappels-expiration",
  label: "Rappels avant l'expiration des certificats et cartes Ségur",
  schema: z.object({ daysBefore: z.array(z.number().int().min(1).max(365)).max(5) }),
  defaultValue: { daysBefore: [90, 30, 7] },
});

/** 004: software certificates are valid three years. */
const DEFAULT_VALIDITY_MONTHS = 36;
const REMINDER_TIME = "08:00";
const CREDENTIAL_NOT_FOUND = "Ce certificat ou cette carte est introuvable.";
const EDITORS_ONLY =
  "Seules les personnes de l'établissement et de l'éditeur du pilote enregistrent les certificats et les cartes.";

export type CredentialInput = {
  kind: CredentialKind;
  legalEntityId: string;
  /** Cards: the designated person whose card it is. */
  holderId?: string | null;
  /** Certificates: the designated person who keeps the password. */
  passwordKeeperId?: string | null;
  reference?: string;
  issuedOn: IsoDate;
  /** Defaults to three years after issue. */
  expiresOn?: IsoDate | null;
  /** The credential this one replaces: its reminders are cancelled. */
  replacesId?: string | null;
};

const reminderKey = (credentialId: string, expiresOn: IsoDate, days: number) =>
  `${EXPIRY_REMINDER_JOB}:${credentialId}:${expiresOn}:${days}`;

/** Cancels every pending reminder of the credential (any expiry). */
async function cancelReminders(tx: Tx, credentialId: string) {
  await tx.scheduledJob.updateMany({
    where: { status: "PENDING", idempotencyKey: { startsWith: `${EXPIRY_REMINDER_JOB}:${credentialId}:` } },
    data: { status: "CANCELLED" },
  });
}

/** The reminders of one credential still ahead of `now`. */
async function scheduleReminders(tx: Tx, credentialId: string, expiresOn: IsoDate, days: number[], now: Date) {
  const jobs = days
    .map((before) => ({ before, dueAt: parisInstant(addCalendarDays(expiresOn, -before), REMINDER_TIME) }))
    .filter(({ dueAt }) => dueAt > now)
    .map(({ before, dueAt }) => ({
      kind: EXPIRY_REMINDER_JOB,
      dueAt,
      payload: { credentialId, expiresOn, days: before },
      idempotencyKey: reminderKey(credentialId, expiresOn, before),
    }));
  await scheduleJobs(tx, jobs);
}

/** Records a certificate or a card of one of the pilot's legal entities and schedules its reminders. */
export async function recordCredential(
  user: SessionUser,
  pilotId: string,
  input: CredentialInput,
): Promise<Result<{ id: string; expiresOn: IsoDate }>> {
  const { daysBefore: days } = await readSetting(expiryReminderSetting);
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now) => {
    const errors: Record<string, string> = {};
    if (!CREDENTIAL_KIND_VOCABULARY.is(input.kind)) errors.kind = "Choisissez le type de certificat ou de carte.";
    if (!isIsoDate(input.issuedOn)) errors.issuedOn = "Saisissez une date valide.";
    const expiresOn =
      input.expiresOn ?? (isIsoDate(input.issuedOn) ? addMonths(input.issuedOn, DEFAULT_VALIDITY_MONTHS) : "");
    if (!isIsoDate(expiresOn)) errors.expiresOn = "Saisissez une date valide.";
    else if (isIsoDate(input.issuedOn) && expiresOn <= input.issuedOn)
      errors.expiresOn = "L'expiration doit suivre la délivrance.";
    const certificate = PASSWORD_PROTECTED_KINDS.includes(input.kind);
    if (certificate && !input.passwordKeeperId)
      errors.passwordKeeperId = "Indiquez la personne désignée qui garde le mot de passe.";
    if (!certificate && !input.holderId) errors.holderId = "Indiquez la personne désignée titulaire de la carte.";
    if (Object.keys(errors).length > 0) return invalidFields(errors);
    if (!(await legalEntityInPilot(tx, pilotId, input.legalEntityId)))
      return refusal("INTROUVABLE", CREDENTIAL_NOT_FOUND);
    const people = [input.holderId, input.passwordKeeperId].filter((id): id is string => Boolean(id));
    const inRegister = await tx.designatedPerson.count({
      where: { id: { in: people }, legalEntityId: input.legalEntityId, leftOn: null },
    });
    if (inRegister !== new Set(people).size)
      return invalidFields({
        [certificate ? "passwordKeeperId" : "holderId"]: "Choisissez une personne désignée en poste de cette entité.",
      });
    if (input.replacesId) {
      const replaced = await tx.segurCredential.findFirst({
        where: { id: input.replacesId, legalEntityId: input.legalEntityId },
      });
      if (!replaced) return refusal("INTROUVABLE", CREDENTIAL_NOT_FOUND);
      await cancelReminders(tx, replaced.id);
    }
    const created = await tx.segurCredential.create({
      data: {
        kind: input.kind,
        legalEntityId: input.legalEntityId,
        holderId: certificate ? null : input.holderId,
        passwordKeeperId: certificate ? input.passwordKeeperId : null,
        reference: input.reference?.trim() ?? "",
        issuedOn: input.issuedOn,
        expiresOn,
      },
    });
    await scheduleReminders(tx, created.id, expiresOn, days, now);
    await auditBy(
      tx,
      user,
      {
        action: "segur:titre-enregistre",
        entityType: "TitreSegur",
        entityId: created.id,
        data: { type: input.kind, expiration: expiresOn, remplace: input.replacesId ?? null },
      },
      now,
    );
    return success({ id: created.id, expiresOn });
  });
}

/** Changes a credential's expiry: its pending reminders are cancelled and scheduled again. */
export async function changeCredentialExpiry(
  user: SessionUser,
  pilotId: string,
  credentialId: string,
  expiresOn: IsoDate,
): Promise<Result> {
  const { daysBefore: days } = await readSetting(expiryReminderSetting);
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now) => {
    if (!isIsoDate(expiresOn)) return invalidFields({ expiresOn: "Saisissez une date valide." });
    const credential = await tx.segurCredential.findUnique({ where: { id: credentialId } });
    if (!credential || !(await legalEntityInPilot(tx, pilotId, credential.legalEntityId)))
      return refusal("INTROUVABLE", CREDENTIAL_NOT_FOUND);
    if (expiresOn <= credential.issuedOn)
      return invalidFields({ expiresOn: "L'expiration doit suivre la délivrance." });
    await tx.segurCredential.update({ where: { id: credentialId }, data: { expiresOn } });
    await cancelReminders(tx, credentialId);
    await scheduleReminders(tx, credentialId, expiresOn, days, now);
    return success();
  });
}

export const segurJobs = defineJobs((job) => {
  job(EXPIRY_REMINDER_JOB, "deadline", async (tx, payload, { now }) => {
    const { credentialId, expiresOn, days } = payload as { credentialId: string; expiresOn: IsoDate; days: number };
    const credential = await tx.segurCredential.findUnique({
      where: { id: credentialId },
      include: {
        legalEntity: { select: { name: true, serviceEmail: true } },
        holder: { select: { email: true, leftOn: true } },
        passwordKeeper: { select: { email: true, leftOn: true } },
      },
    });
    // Changed or already expired meanwhile: nothing to remind.
    if (!credential || credential.expiresOn !== expiresOn || expiresOn < parisDate(now)) return;
    const people = [credential.holder, credential.passwordKeeper].filter((p) => p && !p.leftOn).map((p) => p!.email);
    const what = CREDENTIAL_KIND_VOCABULARY.labels[credential.kind as CredentialKind] ?? credential.kind;
    await queueMailing(tx, {
      template: "segur.rappel-expiration",
      to: [credential.legalEntity.serviceEmail, ...people],
      subject: `[Ségur] ${credential.legalEntity.name} : ${what} expire le ${dayLabel(expiresOn)}`,
      paragraphs: [
        `${what}${credential.reference ? ` (${credential.reference})` : ""} de ${credential.legalEntity.name} expire le ${dayLabel(expiresOn)}, dans ${days} jours.`,
        "Commandez son renouvellement dès maintenant : les délais de délivrance se comptent en semaines.",
      ],
      footer:
        "Vous recevez ce message à l'adresse de service de l'entité ou comme personne désignée pour ce certificat ou cette carte.",
      related: { type: "TitreSegur", id: credentialId },
      idempotencyKey: `${reminderKey(credentialId, expiresOn, days)}:courriel`,
      now,
    });
  });
});
