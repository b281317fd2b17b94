/**
 * Administrators' work on people: list, edit, roles, deactivate (which ends every session at
 * once), reactivate, resend an invitation. Every change writes its audit entry in the same
 * write transaction. An administrator can neither lock themself out nor drop their own
 * administrator role.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { resendInvitation } from "~/modules/auth/account.server";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import { auditChanges, recordActivation, recordAudit, actorOf } from "~/modules/journal/audit.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import type { ExportColumn } from "~/utils/export.server";
import { optionalSingleLineText, requiredSingleLineText, type FieldErrors } from "~/utils/forms";
import { can, mayGrant } from "~/utils/permissions";
import { isRole, ROLE_LABELS, ROLES, rolesIn, type Role } from "~/utils/roles";
import { refusal, success, type Result } from "~/utils/result";
import { vocabulary, type CodeOf } from "~/utils/vocabulary";
import { noticeAccountDeparture } from "~/modules/segur/designated-people.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";

export type AdminActor = { id: string; firstName: string; lastName: string; roles: Role[] };

/** Where a person's account stands. */
export const PERSON_STATUS_VOCABULARY = vocabulary({
  actif: "Compte actif",
  invitation: "Invitation en attente",
  inactif: "Désactivé",
});
export type PersonStatus = CodeOf<typeof PERSON_STATUS_VOCABULARY>;
export const { codes: PERSON_STATUSES, labels: PERSON_STATUS_LABELS, is: isPersonStatus } = PERSON_STATUS_VOCABULARY;

export function statusOf(user: { active: boolean; passwordHash: string | null }): PersonStatus {
  if (!user.active) return "inactif";
  return user.passwordHash ? "actif" : "invitation";
}

/** A checkbox group arrives as nothing, one string, or several: always an array here. */
export const rolesField = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.string())
    .min(1, "Cochez au moins un rôle.")
    .refine((roles): roles is Role[] => roles.every(isRole), "Rôle inconnu."),
);

export const personSchema = z.object({
  firstName: requiredSingleLineText({
    missing: "Saisissez le prénom.",
    max: 80,
    tooLong: "Le prénom ne peut dépasser 80 caractères.",
  }),
  lastName: requiredSingleLineText({
    missing: "Saisissez le nom.",
    max: 80,
    tooLong: "Le nom ne peut dépasser 80 caractères.",
  }),
  jobTitle: optionalSingleLineText(120, "La fonction ne peut dépasser 120 caractères."),
  phone: optionalSingleLineText(30, "Le numéro de téléphone ne peut dépasser 30 caractères.").refine(
    (value) => value === null || /^\+?[0-9][0-9 .()-]{5,}$/.test(value),
    "Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89.",
  ),
  organisationId: z.string({ required_error: "Choisissez l'organisation." }).min(1, "Choisissez l'organisation."),
  roles: rolesField,
});

export type PersonInput = z.infer<typeof personSchema>;

/** The invitation form (invitePerson does the checks that need the database). */
export const invitationSchema = z.object({
  email: requiredSingleLineText({
    missing: "Saisissez l'adresse électronique de la personne.",
    max: 254,
    tooLong: "L'adresse électronique ne peut dépasser 254 caractères.",
  }).email("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."),
  firstName: personSchema.shape.firstName,
  lastName: personSchema.shape.lastName,
  jobTitle: personSchema.shape.jobTitle,
  organisationId: personSchema.shape.organisationId,
  roles: rolesField,
});

const UNKNOWN_PERSON = "Cette personne n'existe pas.";

/** Invalid roles or organisation: refused with the field's error (INVALIDE); an unknown id: INTROUVABLE. */
export async function updatePerson(actor: AdminActor, id: string, input: PersonInput): Promise<Result> {
  const now = clockNow();
  const roles = rolesIn(input.roles);
  const invalid = (errors: FieldErrors) => refusal("INVALIDE", Object.values(errors)[0], { errors });
  if (roles.length === 0) return invalid({ roles: "Cochez au moins un rôle." });
  // An administrator keeps the grant that lets anyone administer at all.
  if (actor.id === id && !can({ roles }, "grant:admin")) {
    return invalid({ roles: "Vous ne pouvez pas retirer votre propre rôle d'administrateur." });
  }
  if (!mayGrant(actor, roles)) {
    return invalid({ roles: "Seul un administrateur peut attribuer le rôle d'administrateur." });
  }
  return writeTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, include: { roles: true } });
    if (!before) return refusal("INTROUVABLE", UNKNOWN_PERSON);
    if (input.organisationId !== before.organisationId) {
      const organisation = await tx.organisation.findUnique({
        where: { id: input.organisationId },
        select: { active: true },
      });
      if (!organisation || !organisation.active)
        return invalid({ organisationId: "Choisissez une organisation active." });
    }
    const wanted = {
      firstName: input.firstName,
      lastName: input.lastName,
      jobTitle: input.jobTitle,
      phone: input.phone,
      organisationId: input.organisationId,
    };
    const changes = auditChanges(before, wanted);
    const previousRoles = rolesIn(before.roles.map((r) => r.role));
    if (previousRoles.join() !== roles.join()) changes.roles = { avant: previousRoles, apres: roles };
    if (Object.keys(changes).length === 0) return success();

    await tx.user.update({ where: { id }, data: wanted });
    if (changes.roles) {
      await tx.userRole.deleteMany({ where: { userId: id } });
      await tx.userRole.createMany({ data: roles.map((role) => ({ userId: id, role })) });
    }
    await recordAudit(
      tx,
      {
        actor: actorOf(actor),
        action: "personne-modifiee",
        entityType: "Utilisateur",
        entityId: id,
        organisationId: input.organisationId,
        data: { modifications: changes },
      },
      now,
    );
    return success();
  });
}

/**
 * Deactivating ends every session of the person in the same transaction (they are signed out
 * on their next request) and voids their unused invitation or reset links.
 */
export async function setPersonActive(
  actor: AdminActor,
  id: string,
  active: boolean,
): Promise<Result<{ endedSessions: number }>> {
  const now = clockNow();
  if (!active && actor.id === id) return refusal("REFUSE", "Vous ne pouvez pas désactiver votre propre compte.");
  return writeThenWake(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) return refusal("INTROUVABLE", UNKNOWN_PERSON);
    if (user.active === active)
      return refusal("REFUSE", active ? "Ce compte est déjà actif." : "Ce compte est déjà désactivé.");
    await tx.user.update({ where: { id }, data: { active } });
    let endedSessions = 0;
    if (!active) {
      endedSessions = await invalidateUserSessions(id, undefined);
      await tx.actionToken.updateMany({ where: { userId: id, usedAt: null }, data: { usedAt: now } });
      // A deactivated account counts as a designated person's departure (issue 11): told in this transaction.
      await noticeAccountDeparture(tx, id, now);
    }
    await recordActivation(
      tx,
      {
        noun: "personne",
        active,
        endedSessions,
        actor: actorOf(actor),
        entityType: "Utilisateur",
        entityId: id,
        organisationId: user.organisationId,
      },
      now,
    );
    return success({ endedSessions });
  });
}

/** A fresh invitation link for an active person who has not chosen a password yet. */
export async function resendPersonInvitation(actor: AdminActor, id: string): Promise<Result<{ email: string }>> {
  const user = await prisma.user.findUnique({
    where: { id },
    select: { email: true, active: true, passwordHash: true },
  });
  if (!user) return refusal("INTROUVABLE", UNKNOWN_PERSON);
  if (!user.active) return refusal("REFUSE", "Ce compte est désactivé : réactivez-le avant de renvoyer l'invitation.");
  const result = await resendInvitation(actor, id);
  return result.ok ? success({ email: user.email }) : refusal("REFUSE", result.message);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type PeopleFilters = {
  organisationId?: string | null;
  role?: string | null;
  statut?: string | null;
  q?: string | null;
};

/** The list's filters as the page and its export read them (?organisation=&role=&statut=&q=). */
export function peopleFiltersOf(url: URL): PeopleFilters {
  const get = (key: string) => url.searchParams.get(key) || null;
  return { organisationId: get("organisation"), role: get("role"), statut: get("statut"), q: get("q") };
}

/** "Directeur de MDPH · Invitation en attente · MDPH 53", for the export's subtitle. */
export async function describePeopleFilters({
  organisationId,
  role,
  statut,
  q,
}: PeopleFilters): Promise<string | undefined> {
  const organisation = organisationId
    ? await prisma.organisation.findUnique({ where: { id: organisationId }, select: { shortName: true } })
    : null;
  const parts = [
    organisation?.shortName ?? null,
    role && isRole(role) ? ROLE_LABELS[role] : null,
    isPersonStatus(statut) ? PERSON_STATUS_LABELS[statut] : null,
    q?.trim() ? `« ${q.trim()} »` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Filtres : ${parts.join(" · ")}` : undefined;
}

function whereOf({ organisationId, role, statut, q }: PeopleFilters): Prisma.UserWhereInput {
  const text = q?.trim();
  return {
    ...(organisationId ? { organisationId } : {}),
    ...(role && isRole(role) ? { roles: { some: { role } } } : {}),
    ...(statut === "actif"
      ? { active: true, passwordHash: { not: null } }
      : statut === "invitation"
        ? { active: true, passwordHash: null }
        : statut === "inactif"
          ? { active: false }
          : {}),
    ...(text
      ? {
          OR: [
            { firstName: { contains: text } },
            { lastName: { contains: text } },
            { email: { contains: text.toLowerCase() } },
          ],
        }
      : {}),
  };
}

export async function listPeople(filters: PeopleFilters, page?: { take: number; skip: number }) {
  const where = whereOf(filters);
  const [rows, total] = await Promise.all([
    prisma.user.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { email: "asc" }],
      select: {
        id: true,
        email: true,
        firstName: true,
        lastName: true,
        jobTitle: true,
        phone: true,
        active: true,
        passwordHash: true,
        createdAt: true,
        organisation: { select: { id: true, name: true, shortName: true } },
        roles: { select: { role: true } },
      },
      ...(page ? { take: page.take, skip: page.skip } : {}),
    }),
    prisma.user.count({ where }),
  ]);
  return {
    total,
    people: rows.map(({ passwordHash, roles, ...row }) => ({
      ...row,
      status: statusOf({ active: row.active, passwordHash }),
      roles: rolesIn(roles.map((r) => r.role)),
    })),
  };
}

export type PersonListItem = Awaited<ReturnType<typeof listPeople>>["people"][number];

export const PEOPLE_EXPORT_COLUMNS: ExportColumn<PersonListItem>[] = [
  { header: "Nom", value: (p) => p.lastName },
  { header: "Prénom", value: (p) => p.firstName },
  { header: "Adresse électronique", value: (p) => p.email, width: 32 },
  { header: "Fonction", value: (p) => p.jobTitle },
  { header: "Téléphone", value: (p) => p.phone },
  { header: "Organisation", value: (p) => p.organisation.name, width: 32 },
  { header: "Rôles", value: (p) => p.roles.map((role) => ROLE_LABELS[role]).join(", ") },
  { header: "Compte", value: (p) => PERSON_STATUS_LABELS[p.status] },
  { header: "Créé le", value: (p) => p.createdAt, dateFormat: "date" },
];

export async function getPerson(id: string, now = clockNow()) {
  const user = await prisma.user.findUnique({
    where: { id },
    include: { organisation: { select: { id: true, name: true, shortName: true, active: true } }, roles: true },
  });
  if (!user) return null;
  const [openSessions, lastSignIn, invitation, history, queuedInvitations] = await Promise.all([
    prisma.session.count({ where: { userId: id, expiresAt: { gt: now }, absoluteExpiresAt: { gt: now } } }),
    prisma.auditEntry.findFirst({
      where: { action: "connexion", entityType: "Utilisateur", entityId: id },
      orderBy: { seq: "desc" },
      select: { at: true, data: true },
    }),
    prisma.actionToken.findFirst({
      where: { userId: id, kind: "INVITATION" },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, expiresAt: true, usedAt: true },
    }),
    prisma.auditEntry.findMany({
      where: { entityType: "Utilisateur", entityId: id },
      orderBy: { seq: "desc" },
      take: 10,
      select: { seq: true, at: true, action: true, actorLabel: true },
    }),
    // The link is minted when its mail leaves (decision 010): until then only the mail exists.
    prisma.outboxMail.count({
      where: { linkKind: "INVITATION", linkUserId: id, status: { in: ["PENDING", "SENDING"] } },
    }),
  ]);
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    jobTitle: user.jobTitle,
    phone: user.phone,
    active: user.active,
    status: statusOf(user),
    totpEnabled: user.totpEnabledAt !== null,
    createdAt: user.createdAt,
    organisation: user.organisation,
    roles: rolesIn(user.roles.map((r) => r.role)),
    openSessions,
    lastSignInAt: lastSignIn?.at ?? null,
    invitation:
      invitation && user.passwordHash === null
        ? {
            sentAt: invitation.createdAt,
            expiresAt: invitation.expiresAt,
            expired: invitation.expiresAt <= now || invitation.usedAt !== null,
          }
        : null,
    invitationQueued: user.passwordHash === null && queuedInvitations > 0,
    history,
  };
}

/** Counts for the administration overview. */
export async function peopleSummary() {
  const [active, invitation, inactive] = await Promise.all([
    prisma.user.count({ where: { active: true, passwordHash: { not: null } } }),
    prisma.user.count({ where: { active: true, passwordHash: null } }),
    prisma.user.count({ where: { active: false } }),
  ]);
  return { active, invitation, inactive };
}
