/**
 * The Ségur prerequisite steps' commands: open a pilot's steps (one `segur-etape` workflow per
 * step code and subject), then move one on (ask, block, unblock, obtain, waive, resume) through
 * the engine, with the row version the page showed (decision 003: two people at once never
 * corrupt a step).
 *
 * The hard-dependency gate (decision 035) is computed here, inside the write transaction that
 * applies the request: the legal entity's steps that carry the `obtenue` tag (the projection,
 * decision 017), counted for the subject by `obtainedFor`, then `missingPredecessors`; the verdict
 * travels in DEMANDER and the machine's guard refuses a non-empty one. Refusals come in French
 * before the engine is asked (its own refusal is generic): the machine's `*FieldProblems`, the
 * graph's `predecessorRefusal` naming the missing steps.
 */
import { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { applyAudited } from "~/modules/groups/transitions.server";
import { actorOf, auditBy } from "~/modules/journal/audit.server";
import { contextOf, startWorkflow } from "~/modules/workflow/engine.server";
import { storedWorkflow, tagged } from "~/modules/workflow/queries.server";
import type { Tx } from "~/utils/db.server";
import { refusal, success, type Result, invalidFields } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { hasProblems } from "../../../workflows/checks";
import {
  SEGUR_STEPS,
  STEP_CODES,
  missingPredecessors,
  obtainedFor,
  type StepCode,
  type StepSubject,
} from "../../../workflows/segur-prerequisites";
import { SEGUR_STEP_CHECKS, segurStepFieldProblems, type SegurStepContext } from "../../../workflows/segur-step";

import { editPilot } from "./commands.server";
import type { DesignatedRole } from "./vocabulary";
import { SEGUR_STEP_WORKFLOW, segurStepEventSchema } from "./workflow.server";

/** A step event as a person's form gives it, parsed with `segurStepEventSchema` (no gate verdict). */
export type SegurStepCommand = z.infer<typeof segurStepEventSchema>;

export const STEP_NOT_FOUND = "Cette étape est introuvable.";
const EDITORS_ONLY =
  "Seules les personnes de l'établissement et de l'éditeur du pilote enregistrent l'avancement de ses prérequis.";

/**
 * Which designated people a person-scoped step is opened for: the table names the RPPS+
 * manager for the CPE card and the enrolment; the CPx cards are ordered by the holder of a CPE
 * card (F201), that is the same manager. A person of another role has no step of their own.
 */
export const PERSON_STEP_ROLES: Readonly<Partial<Record<StepCode, readonly DesignatedRole[]>>> = {
  "carte-cpe": ["GESTIONNAIRE_RPPS"],
  "gestionnaire-rpps": ["GESTIONNAIRE_RPPS"],
  "cartes-cpx": ["GESTIONNAIRE_RPPS"],
};

type StepKey = StepSubject & { stepCode: StepCode };
const keyOf = (k: { stepCode: string; legalEntityId: string | null; siteId: string | null; personId: string | null }) =>
  [k.stepCode, k.legalEntityId, k.siteId ?? "", k.personId ?? ""].join("|");

/** Every step the pilot should have: per legal entity of its sites, per site, per designated person concerned. */
async function wantedSteps(tx: Tx, pilotId: string): Promise<StepKey[]> {
  const sites = await tx.segurPilotSite.findMany({
    where: { pilotId },
    select: { site: { select: { id: true, legalEntityId: true } } },
    orderBy: { siteId: "asc" },
  });
  const legalEntityIds = [...new Set(sites.map((s) => s.site.legalEntityId))];
  const people = await tx.designatedPerson.findMany({
    where: { legalEntityId: { in: legalEntityIds }, leftOn: null },
    select: { id: true, legalEntityId: true, role: true },
    orderBy: { createdAt: "asc" },
  });
  return STEP_CODES.flatMap((stepCode): StepKey[] => {
    switch (SEGUR_STEPS[stepCode].scope) {
      case "ENTITE_JURIDIQUE":
        return legalEntityIds.map((legalEntityId) => ({ stepCode, legalEntityId, siteId: null, personId: null }));
      case "SITE":
        return sites.map(({ site }) => ({
          stepCode,
          legalEntityId: site.legalEntityId,
          siteId: site.id,
          personId: null,
        }));
      case "PERSONNE":
        return people
          .filter((p) => PERSON_STEP_ROLES[stepCode]?.includes(p.role as DesignatedRole))
          .map((p) => ({ stepCode, legalEntityId: p.legalEntityId, siteId: null, personId: p.id }));
    }
  });
}

/**
 * Opens the pilot's prerequisite steps that are not open yet: one per step code and subject
 * (each legal entity of its sites, each site, each designated RPPS+ manager still in post).
 * Idempotent: opening again creates only what a new site or person brought.
 */
export async function openPilotSteps(user: SessionUser, pilotId: string): Promise<Result<{ opened: number }>> {
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now) => {
    const existing = await tx.segurStep.findMany({
      where: { pilotId },
      select: { stepCode: true, legalEntityId: true, siteId: true, designatedPersonId: true },
    });
    const known = new Set(existing.map((s) => keyOf({ ...s, personId: s.designatedPersonId })));
    const missing = (await wantedSteps(tx, pilotId)).filter((wanted) => !known.has(keyOf(wanted)));
    const actor = actorOf(user);
    for (const step of missing) {
      const workflow = await startWorkflow(tx, {
        type: SEGUR_STEP_WORKFLOW,
        input: { stepCode: step.stepCode },
        actor,
        now,
      });
      await tx.segurStep.create({
        data: {
          workflowId: workflow.id,
          stepCode: step.stepCode,
          pilotId,
          legalEntityId: step.legalEntityId,
          siteId: step.siteId,
          designatedPersonId: step.personId,
        },
      });
    }
    if (missing.length > 0)
      await auditBy(
        tx,
        user,
        {
          action: "segur:etapes-ouvertes",
          entityType: "PiloteSegur",
          entityId: pilotId,
          data: { etapes: missing.map((s) => s.stepCode) },
        },
        now,
      );
    return success({ opened: missing.length });
  });
}

/** The hard predecessors of a step not obtained for its subject, from the legal entity's obtained steps (projection). */
export async function missingPredecessorsOf(tx: Tx, step: StepKey): Promise<StepCode[]> {
  const obtained = await tx.segurStep.findMany({
    where: {
      legalEntityId: step.legalEntityId,
      stepCode: { in: [...SEGUR_STEPS[step.stepCode].after] },
      workflow: tagged("obtenue"),
    },
    select: { stepCode: true, legalEntityId: true, siteId: true, designatedPersonId: true },
  });
  const recorded = obtained.map((s) => ({
    stepCode: s.stepCode as StepCode,
    legalEntityId: s.legalEntityId!,
    siteId: s.siteId,
    personId: s.designatedPersonId,
    obtained: true,
  }));
  return missingPredecessors(step.stepCode, obtainedFor(step.stepCode, step, recorded));
}

/**
 * Moves one step of the pilot on with a person's command (a form parsed with
 * `segurStepEventSchema`), against the row version the page showed. Refusals: INTROUVABLE (not
 * the pilot's step, or a pilot the person does not see), INTERDIT (reads but does not edit),
 * INVALIDE with field errors, REFUSE naming the missing steps or why a step cannot be waived,
 * PERIME when someone acted in between.
 */
export async function actOnStep(
  user: SessionUser,
  pilotId: string,
  stepId: string,
  command: SegurStepCommand,
  expectedRowVersion: number,
): Promise<Result<{ status: string }>> {
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now): Promise<Result<{ status: string }>> => {
    const step = await tx.segurStep.findFirst({
      where: { id: stepId, pilotId },
      select: {
        stepCode: true,
        legalEntityId: true,
        siteId: true,
        designatedPersonId: true,
        workflow: { select: storedWorkflow },
      },
    });
    if (!step || !step.legalEntityId) return refusal("INTROUVABLE", STEP_NOT_FOUND);
    const stepCode = step.stepCode as StepCode;
    const event =
      command.type === "DEMANDER"
        ? {
            ...command,
            missingPredecessors: await missingPredecessorsOf(tx, {
              stepCode,
              legalEntityId: step.legalEntityId,
              siteId: step.siteId,
              personId: step.designatedPersonId,
            }),
          }
        : command;
    if (event.type === "DEMANDER" && event.actedByPersonId) {
      const inRegister = await tx.designatedPerson.count({
        where: { id: event.actedByPersonId, legalEntityId: step.legalEntityId },
      });
      if (inRegister === 0)
        return invalidFields({ actedByPersonId: "Choisissez une personne désignée de cette entité juridique." });
    }
    const context = contextOf<SegurStepContext>(step.workflow);
    const { predecessors, ...fieldProblems } = segurStepFieldProblems(context, event, parisDate(now));
    if (predecessors) return refusal("REFUSE", predecessors, { errors: fieldProblems });
    if (hasProblems(fieldProblems)) return invalidFields(fieldProblems);
    const notWaivable = event.type === "DECLARER_SANS_OBJET" ? SEGUR_STEP_CHECKS.waivable(context) : null;
    if (notWaivable) return refusal("REFUSE", notWaivable);
    return applyAudited(tx, user, {
      workflowId: step.workflow.id,
      event,
      expectedRowVersion,
      now,
      audit: (status) => ({
        action: `segur:etape:${event.type}`,
        entityType: "EtapeSegur",
        entityId: stepId,
        organisationId: user.organisationId,
        data: { etape: stepCode, statut: status },
      }),
    });
  });
}
