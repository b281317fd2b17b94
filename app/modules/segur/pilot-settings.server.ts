/**
 * A Ségur pilot's record as the coordinator keeps it: its creation (code, name, sector,
 * territory, planned period, product, establishment and counterpart organisations), its settings
 * later, its life (started, abandoned) — and, with the pilot's own people, its sites and contacts.
 *
 * The planned period belongs to the pilot's machine (workflows/segur-pilot.ts): the creation
 * starts it with the period, a change is its REPLANIFIER event, and the engine copies the period
 * to the record. A pilot made before it had a workflow (the demo's grappes) gets one at its first
 * change. The vendor is the product's: choosing a product makes its vendor the pilot's EDITEUR.
 */
import { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { applyAudited } from "~/modules/groups/transitions.server";
import { actorOf, auditBy } from "~/modules/journal/audit.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { contextOf, startWorkflow } from "~/modules/workflow/engine.server";
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { now as clockNow } from "~/utils/clock.server";
import type { Tx } from "~/utils/db.server";
import { optionalFiness } from "~/utils/finess";
import {
  manyIds,
  optionalEmail,
  optionalSingleLineText,
  recordCode,
  requiredSingleLineText,
  type FieldErrors,
} from "~/utils/forms";
import { invalidFields, refusal, success, type Result } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { hasProblems } from "../../../workflows/checks";
import { periodProblems, segurPilotFieldProblems, type SegurPilotContext } from "../../../workflows/segur-pilot";
import { actOnPilot } from "./commands.server";
import { legalEntityInPilot } from "./designated-people.server";
import { coordinatesSegur } from "./policy.server";
import { SECTOR_VOCABULARY, type PilotRole } from "./vocabulary";
import { SEGUR_PILOT_WORKFLOW, type pilotLifeEventSchema } from "./workflow.server";

export const COORDINATOR_ONLY = "Seule la coordination CNSA crée les pilotes Ségur et tient leur fiche.";
const RUNNERS_ONLY =
  "Seules les personnes de l'établissement et de l'éditeur du pilote, et la coordination CNSA, tiennent ses établissements et ses contacts.";
const CONTACT_NOT_FOUND = "Ce contact ne fait pas partie du pilote.";

/** The pilot codes the pages' own addresses take (/segur/pilotes/nouveau, /segur/pilotes/export). */
export const RESERVED_PILOT_CODES: readonly string[] = ["nouveau", "export"];

/** An optional choice of a select: absent or empty is null. */
const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()).transform((v) => v ?? null);
const day = z.string({ required_error: "Saisissez une date." }).trim();

const settingsFields = {
  name: requiredSingleLineText({
    missing: "Indiquez le nom du pilote.",
    max: 200,
    tooLong: "200 caractères au plus.",
  }),
  sector: z.enum(SECTOR_VOCABULARY.codes, { message: "Choisissez le secteur du pilote." }),
  departementCode: optionalId,
  plannedStartOn: day,
  plannedEndOn: day,
  productId: optionalId,
  establishmentIds: manyIds("Cochez au moins l'organisation d'un établissement."),
  counterpartIds: manyIds(),
};

export const pilotSettingsSchema = z.object(settingsFields);
export type PilotSettingsInput = z.infer<typeof pilotSettingsSchema>;

export const createPilotSchema = z.object({
  ...settingsFields,
  code: recordCode({ missing: "Indiquez le code du pilote", example: "pe-chanteclair" }).refine(
    (code) => !RESERVED_PILOT_CODES.includes(code),
    "Ce mot est réservé par l'application : choisissez-en un autre.",
  ),
});
export type CreatePilotInput = z.infer<typeof createPilotSchema>;

/** The checkbox groups of the settings form, kept as lists when a refused form is shown again. */
export const PILOT_SETTINGS_LISTS = ["establishmentIds", "counterpartIds"] as const;

/**
 * The organisations the settings name, checked against the tables: the establishments' are
 * ESSMS, the counterparts' Conseils départementaux (the PMI of 002), the vendor the product's.
 * Field errors, or the pilot's organisations with their roles.
 */
async function pilotOrganisations(
  tx: Tx,
  input: PilotSettingsInput,
): Promise<Result<{ organisationId: string; role: PilotRole }[]>> {
  const errors: FieldErrors = {};
  const ofKind = async (ids: string[], kind: string) =>
    (await tx.organisation.count({ where: { id: { in: ids }, kind, active: true } })) === new Set(ids).size;
  if (!(await ofKind(input.establishmentIds, "ESSMS")))
    errors.establishmentIds = "Un des établissements choisis n'existe pas ou n'est plus actif.";
  if (!(await ofKind(input.counterpartIds, "CONSEIL_DEPARTEMENTAL")))
    errors.counterpartIds = "Un des conseils départementaux choisis n'existe pas.";
  const product = input.productId
    ? await tx.softwareProduct.findUnique({ where: { id: input.productId }, select: { vendorId: true } })
    : null;
  if (input.productId && !product) errors.productId = "Ce logiciel n'existe pas.";
  if (input.departementCode && !(await tx.departement.findUnique({ where: { code: input.departementCode } })))
    errors.departementCode = "Choisissez un département de la liste.";
  Object.assign(errors, periodProblems(input));
  if (hasProblems(errors)) return invalidFields(errors);
  return success([
    ...[...new Set(input.establishmentIds)].map((organisationId) => ({
      organisationId,
      role: "ETABLISSEMENT" as const,
    })),
    ...(product ? [{ organisationId: product.vendorId, role: "EDITEUR" as const }] : []),
    ...[...new Set(input.counterpartIds)].map((organisationId) => ({ organisationId, role: "CONTREPARTIE" as const })),
  ]);
}

const recordOf = (input: PilotSettingsInput) => ({
  name: input.name,
  sector: input.sector,
  departementCode: input.departementCode,
  startsOn: input.plannedStartOn,
  endsOn: input.plannedEndOn,
  productId: input.productId,
});

/** Creates a pilot and starts its machine with its planned period. Only the coordinator. */
export async function createPilot(user: SessionUser, input: CreatePilotInput): Promise<Result<{ code: string }>> {
  if (!coordinatesSegur(user)) return refusal("INTERDIT", COORDINATOR_ONLY);
  const now = clockNow();
  return writeThenWake(async (tx): Promise<Result<{ code: string }>> => {
    const taken = await tx.segurPilot.findUnique({ where: { code: input.code }, select: { name: true } });
    if (taken) return invalidFields({ code: `Ce code est déjà celui du pilote « ${taken.name} ».` });
    const organisations = await pilotOrganisations(tx, input);
    if (!organisations.ok) return organisations;
    const workflow = await startWorkflow(tx, {
      type: SEGUR_PILOT_WORKFLOW,
      input: { plannedStartOn: input.plannedStartOn, plannedEndOn: input.plannedEndOn },
      actor: actorOf(user),
      now,
    });
    const pilot = await tx.segurPilot.create({
      data: {
        code: input.code,
        ...recordOf(input),
        workflowId: workflow.id,
        organisations: { create: organisations.value },
      },
    });
    await auditBy(
      tx,
      user,
      { action: "segur:pilote-cree", entityType: "PiloteSegur", entityId: pilot.id, data: { code: pilot.code } },
      now,
    );
    return success({ code: pilot.code });
  });
}

/**
 * The pilot's machine, started with the record's period when the pilot has none yet (made before
 * it had one); null when the record has no period to start it with.
 */
async function pilotWorkflowId(tx: Tx, user: SessionUser, pilotId: string, now: Date): Promise<string | null> {
  const pilot = await tx.segurPilot.findUniqueOrThrow({
    where: { id: pilotId },
    select: { workflowId: true, startsOn: true, endsOn: true },
  });
  if (pilot.workflowId) return pilot.workflowId;
  if (!pilot.startsOn || !pilot.endsOn) return null;
  const workflow = await startWorkflow(tx, {
    type: SEGUR_PILOT_WORKFLOW,
    input: { plannedStartOn: pilot.startsOn, plannedEndOn: pilot.endsOn },
    actor: actorOf(user),
    now,
  });
  await tx.segurPilot.update({ where: { id: pilotId }, data: { workflowId: workflow.id } });
  return workflow.id;
}

/**
 * Changes the pilot's settings and organisations (replaced as a whole: the form shows them all).
 * A new period goes through the machine (REPLANIFIER), which a finished or abandoned pilot
 * refuses. Only the coordinator.
 */
export async function updatePilotSettings(
  user: SessionUser,
  pilotId: string,
  input: PilotSettingsInput,
): Promise<Result<{ code: string }>> {
  return actOnPilot(
    user,
    pilotId,
    "coordinate",
    COORDINATOR_ONLY,
    async (tx, now): Promise<Result<{ code: string }>> => {
      const organisations = await pilotOrganisations(tx, input);
      if (!organisations.ok) return organisations;
      const before = await tx.segurPilot.findUniqueOrThrow({
        where: { id: pilotId },
        select: { code: true, startsOn: true, endsOn: true, workflowId: true },
      });
      const period = { plannedStartOn: input.plannedStartOn, plannedEndOn: input.plannedEndOn };
      if (before.workflowId && (before.startsOn !== period.plannedStartOn || before.endsOn !== period.plannedEndOn)) {
        // The machine moves the period (and copies it to the record), or refuses before anything is written.
        const applied = await applyAudited(tx, user, {
          workflowId: before.workflowId,
          event: { type: "REPLANIFIER", ...period },
          now,
          audit: (status) => ({
            action: "segur:pilote:REPLANIFIER",
            entityType: "PiloteSegur",
            entityId: pilotId,
            organisationId: user.organisationId,
            data: { debut: period.plannedStartOn, fin: period.plannedEndOn, statut: status },
          }),
        });
        if (!applied.ok)
          return refusal(
            "REFUSE",
            "La période d'un pilote terminé ou abandonné ne change plus : le bilan porte sur la période réelle.",
          );
      }
      await tx.segurPilot.update({ where: { id: pilotId }, data: recordOf(input) });
      // A pilot made without a machine (the demo's grappes) gets one with its period now.
      if (!before.workflowId) await pilotWorkflowId(tx, user, pilotId, now);
      await tx.segurPilotOrganisation.deleteMany({ where: { pilotId } });
      await tx.segurPilotOrganisation.createMany({ data: organisations.value.map((o) => ({ ...o, pilotId })) });
      await auditBy(
        tx,
        user,
        {
          action: "segur:pilote-modifie",
          entityType: "PiloteSegur",
          entityId: pilotId,
          data: { organisations: organisations.value.length },
        },
        now,
      );
      return success({ code: before.code });
    },
  );
}

export type PilotLifeCommand = z.infer<typeof pilotLifeEventSchema>;

/** Starts or abandons the pilot through its machine, whose guards word what they refuse. Only the coordinator. */
export async function movePilotOn(
  user: SessionUser,
  pilotId: string,
  command: PilotLifeCommand,
  expectedRowVersion?: number,
): Promise<Result<{ status: string }>> {
  return actOnPilot(user, pilotId, "coordinate", COORDINATOR_ONLY, async (tx, now) => {
    const workflowId = await pilotWorkflowId(tx, user, pilotId, now);
    if (!workflowId) return invalidFields({ plannedStartOn: "Renseignez d'abord la période prévue du pilote." });
    const stored = await tx.workflowInstance.findUniqueOrThrow({ where: { id: workflowId }, select: storedWorkflow });
    const problems = segurPilotFieldProblems(contextOf<SegurPilotContext>(stored), command, parisDate(now));
    if (hasProblems(problems)) return invalidFields(problems);
    return applyAudited(tx, user, {
      workflowId,
      event: command,
      expectedRowVersion,
      now,
      audit: (status) => ({
        action: `segur:pilote:${command.type}`,
        entityType: "PiloteSegur",
        entityId: pilotId,
        organisationId: user.organisationId,
        data: { statut: status },
      }),
    });
  });
}

// --- Sites and contacts: the pilot's own people and the coordinator ----------------------------

export const pilotSiteSchema = z.object({
  /** One of the pilot's legal entities, or empty for a new one described by the three fields below. */
  legalEntityId: optionalId,
  legalEntityFiness: optionalFiness,
  legalEntityName: optionalSingleLineText(200, "200 caractères au plus."),
  serviceEmail: optionalEmail("Saisissez une adresse électronique valide, par exemple si@association.fr."),
  siteFiness: optionalFiness,
  siteName: requiredSingleLineText({
    missing: "Indiquez le nom de l'établissement.",
    max: 200,
    tooLong: "200 caractères au plus.",
  }),
  category: requiredSingleLineText({
    missing: "Indiquez la catégorie de l'établissement (MECS, IME, SAAD…).",
    max: 60,
    tooLong: "60 caractères au plus.",
  }),
  siteDepartementCode: z.string({ required_error: "Choisissez le département." }).min(1, "Choisissez le département."),
  waveId: optionalId,
});
export type PilotSiteInput = z.infer<typeof pilotSiteSchema>;

/** The legal entity a new site belongs to: one of the pilot's, the one of that FINESS juridique, or a new one. */
async function legalEntityFor(tx: Tx, pilotId: string, input: PilotSiteInput): Promise<Result<string>> {
  if (input.legalEntityId)
    return (await legalEntityInPilot(tx, pilotId, input.legalEntityId))
      ? success(input.legalEntityId)
      : invalidFields({ legalEntityId: "Choisissez une entité juridique du pilote." });
  if (input.legalEntityFiness) {
    const known = await tx.legalEntity.findUnique({ where: { finess: input.legalEntityFiness }, select: { id: true } });
    if (known) return success(known.id);
  }
  if (!input.legalEntityName)
    return invalidFields({
      legalEntityName:
        "Indiquez le nom de l'entité juridique (organisme gestionnaire), ou choisissez-en une du pilote.",
    });
  const created = await tx.legalEntity.create({
    data: {
      finess: input.legalEntityFiness,
      name: input.legalEntityName,
      serviceEmail: input.serviceEmail,
      departementCode: input.siteDepartementCode,
    },
  });
  return success(created.id);
}

/**
 * Adds a site to the pilot: an existing one by its FINESS géographique (it must belong to the
 * chosen legal entity), or a new one; in a grappe, in one of its waves.
 */
export async function addPilotSite(
  user: SessionUser,
  pilotId: string,
  input: PilotSiteInput,
): Promise<Result<{ siteId: string }>> {
  return actOnPilot(user, pilotId, "manage", RUNNERS_ONLY, async (tx, now): Promise<Result<{ siteId: string }>> => {
    if (!(await tx.departement.findUnique({ where: { code: input.siteDepartementCode } })))
      return invalidFields({ siteDepartementCode: "Choisissez un département de la liste." });
    if (input.waveId) {
      const inGrappe = await tx.grappeWave.count({
        where: { id: input.waveId, grappe: { pilots: { some: { id: pilotId } } } },
      });
      if (!inGrappe) return invalidFields({ waveId: "Choisissez une vague de la grappe du pilote." });
    }
    const known = input.siteFiness
      ? await tx.site.findUnique({
          where: { finess: input.siteFiness },
          select: { id: true, name: true, legalEntityId: true, legalEntity: { select: { name: true } } },
        })
      : null;
    const entity = await legalEntityFor(tx, pilotId, input);
    if (!entity.ok) return entity;
    if (known && known.legalEntityId !== entity.value)
      return invalidFields({
        siteFiness: `Ce FINESS géographique est celui de « ${known.name} », rattaché à « ${known.legalEntity.name} » : choisissez cette entité juridique.`,
      });
    if (known && (await tx.segurPilotSite.count({ where: { pilotId, siteId: known.id } })))
      return invalidFields({ siteFiness: `« ${known.name} » fait déjà partie du pilote.` });
    const siteId =
      known?.id ??
      (
        await tx.site.create({
          data: {
            finess: input.siteFiness,
            name: input.siteName,
            category: input.category,
            departementCode: input.siteDepartementCode,
            legalEntityId: entity.value,
          },
        })
      ).id;
    await tx.segurPilotSite.create({ data: { pilotId, siteId, waveId: input.waveId } });
    await auditBy(
      tx,
      user,
      {
        action: "segur:site-ajoute",
        entityType: "PiloteSegur",
        entityId: pilotId,
        data: { siteId, finess: input.siteFiness },
      },
      now,
    );
    return success({ siteId });
  });
}

export const pilotContactSchema = z.object({
  contactName: requiredSingleLineText({
    missing: "Indiquez le nom du contact.",
    max: 200,
    tooLong: "200 caractères au plus.",
  }),
  function: requiredSingleLineText({
    missing: "Indiquez sa fonction (chef de projet, directeur…).",
    max: 200,
    tooLong: "200 caractères au plus.",
  }),
  contactEmail: optionalEmail("Saisissez une adresse électronique valide, par exemple prenom.nom@association.fr."),
  contactOrganisationId: optionalId,
});
export type PilotContactInput = z.infer<typeof pilotContactSchema>;

/** Adds a named contact with their function, of one of the pilot's organisations or none. */
export async function addPilotContact(
  user: SessionUser,
  pilotId: string,
  input: PilotContactInput,
): Promise<Result<{ id: string }>> {
  return actOnPilot(user, pilotId, "manage", RUNNERS_ONLY, async (tx, now): Promise<Result<{ id: string }>> => {
    if (
      input.contactOrganisationId &&
      !(await tx.segurPilotOrganisation.count({ where: { pilotId, organisationId: input.contactOrganisationId } }))
    )
      return invalidFields({ contactOrganisationId: "Choisissez une organisation du pilote." });
    const contact = await tx.segurContact.create({
      data: {
        pilotId,
        name: input.contactName,
        function: input.function,
        email: input.contactEmail,
        organisationId: input.contactOrganisationId,
      },
    });
    await auditBy(
      tx,
      user,
      { action: "segur:contact-ajoute", entityType: "PiloteSegur", entityId: pilotId, data: { contactId: contact.id } },
      now,
    );
    return success({ id: contact.id });
  });
}

/** Removes one of the pilot's contacts. */
export async function removePilotContact(user: SessionUser, pilotId: string, contactId: string): Promise<Result<null>> {
  return actOnPilot(user, pilotId, "manage", RUNNERS_ONLY, async (tx, now): Promise<Result<null>> => {
    const removed = await tx.segurContact.deleteMany({ where: { id: contactId, pilotId } });
    if (removed.count === 0) return refusal("INTROUVABLE", CONTACT_NOT_FOUND);
    await auditBy(
      tx,
      user,
      { action: "segur:contact-retire", entityType: "PiloteSegur", entityId: pilotId, data: { contactId } },
      now,
    );
    return success(null);
  });
}
