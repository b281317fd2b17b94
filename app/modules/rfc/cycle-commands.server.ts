/**
 * The comment cycle of a version, as its pilot drives it: open it for comments, extend its
 * deadline, conclude it (new version, adoption, withdrawal). Every step runs in one write
 * transaction with its workflow event (whose effects write the mails and jobs), its audit entry
 * and the records that follow the outcome; refusals are Results, never partial changes.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, auditBy } from "~/modules/journal/audit.server";
import { parseRichText, plainText } from "~/modules/richtext/render.server";
import { readSetting } from "~/modules/settings/settings.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import { applyEventInTransaction, startWorkflow } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { refusal, success, type Result } from "~/utils/result";
import type { RfcOutcome } from "../../../workflows/rfc-cycle";
import { checkConclusion } from "./forms.server";
import { instantLabel } from "./mails.server";
import { pilotedRfc } from "./policy.server";
import { invitableOrganisations, undisposedCount, versionIn, type LoadedVersion } from "./versions.server";
import { cycleSetting } from "./settings.server";
import { RFC_WORKFLOW } from "./workflow.server";

const DAY_MS = 86_400_000;

export type OpenInput = {
  deadline: Date;
  organisationIds: string[];
  allMdph: boolean;
  allConseils: boolean;
  expectedRowVersion: number;
};

/** Applies a cycle event to a version inside the transaction, as a Result. */
async function applyToVersion(
  tx: Tx,
  user: SessionUser | null,
  workflowId: string,
  event: Record<string, unknown>,
  expectedRowVersion: number | undefined,
  now: Date,
): Promise<Result> {
  const applied = await applyEventInTransaction(tx, {
    workflowId,
    event,
    actor: user ? actorOf(user) : null,
    expectedRowVersion,
    now,
  });
  return applied.ok ? success() : { ok: false, code: applied.code, message: applied.message };
}

/** The journal entry of a cycle step, on the version, with the RFC's number and the version's. */
function auditStep(
  tx: Tx,
  user: SessionUser,
  action: string,
  rfc: { number: string },
  version: LoadedVersion,
  now: Date,
  data: Record<string, unknown>,
) {
  return auditBy(
    tx,
    user,
    {
      action,
      entityType: "RfcVersion",
      entityId: version.id,
      data: { numero: rfc.number, version: version.number, ...data },
    },
    now,
  );
}

/** Runs a cycle step in its write transaction; the mails and jobs it wrote go out once committed. */
async function cycleStep<T>(step: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  const result = await writeTransaction(step);
  if (result.ok) notifyAfterCommit();
  return result;
}

export async function openCycle(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: OpenInput,
  now = clockNow(),
): Promise<Result<{ invited: number }>> {
  const found = await pilotedRfc(user, number);
  if (!found.ok) return found;
  const { rfc } = found.value;
  if (Number.isNaN(input.deadline.getTime()))
    return refusal("INVALIDE", "Saisissez la date et l'heure de l'échéance.", { field: "deadline" });
  return cycleStep(async (tx) => {
    const allowed = new Set((await invitableOrganisations(rfc.groupId)).map((o) => o.id));
    if (input.organisationIds.some((id) => !allowed.has(id)))
      return refusal("INVALIDE", "Seules les organisations membres du groupe peuvent être choisies une à une.", {
        field: "invites",
      });
    const national = await tx.organisation.findMany({
      where: {
        active: true,
        kind: { in: [...(input.allMdph ? ["MDPH"] : []), ...(input.allConseils ? ["CONSEIL_DEPARTEMENTAL"] : [])] },
      },
      select: { id: true },
    });
    const invited = [...new Set([...input.organisationIds, ...national.map((o) => o.id)])];
    return openCycleIn(
      tx,
      user,
      rfc,
      versionNumber,
      { deadline: input.deadline, invited, expectedRowVersion: input.expectedRowVersion },
      now,
    );
  });
}

/**
 * Opens the version for comments inside the caller's transaction: the minimum duration from the
 * settings, the frozen draft, the invitations, the workflow event (mails and jobs), the audit.
 */
export async function openCycleIn(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  versionNumber: number,
  input: { deadline: Date; invited: string[]; expectedRowVersion?: number },
  now: Date,
): Promise<Result<{ invited: number }>> {
  const { minimumDays } = await readSetting(cycleSetting);
  const earliest = new Date(now.getTime() + minimumDays * DAY_MS);
  if (input.deadline < earliest)
    return refusal(
      "INVALIDE",
      `Laissez au moins ${minimumDays} jours pour répondre : choisissez une échéance au plus tôt le ${instantLabel(earliest)}.`,
      { field: "deadline" },
    );
  if (input.deadline.getTime() - now.getTime() > 365 * DAY_MS)
    return refusal("INVALIDE", "Choisissez une échéance dans l'année qui vient.", { field: "deadline" });
  if (input.invited.length === 0)
    return refusal("INVALIDE", "Invitez au moins une organisation à commenter.", { field: "invites" });
  const loaded = await versionIn(tx, rfc.id, versionNumber);
  if (!loaded.ok) return loaded;
  const version = loaded.value;
  if (version.status !== "brouillon") return refusal("REFUSE", "Cette version a déjà été ouverte aux commentaires.");
  if (plainText(parseRichText(version.content) ?? { type: "doc" }).length === 0)
    return refusal("REFUSE", "Rédigez le texte de la version avant de l'ouvrir aux commentaires.");
  const applied = await applyToVersion(
    tx,
    user,
    version.workflowId,
    { type: "OUVRIR", deadline: input.deadline.toISOString(), invitedOrganisationIds: input.invited, minimumDays },
    input.expectedRowVersion,
    now,
  );
  if (!applied.ok) return applied;
  const invited = [...new Set(input.invited)];
  await tx.rfcInvitation.createMany({
    data: invited.map((organisationId) => ({ versionId: version.id, organisationId })),
  });
  await auditStep(tx, user, "rfc-cycle-ouvert", rfc, version, now, {
    echeance: input.deadline.toISOString(),
    invitees: invited.length,
  });
  return success({ invited: invited.length });
}

export async function extendCycle(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: { deadline: Date; expectedRowVersion: number },
  now = clockNow(),
): Promise<Result> {
  const found = await pilotedRfc(user, number);
  if (!found.ok) return found;
  const { rfc } = found.value;
  if (Number.isNaN(input.deadline.getTime()))
    return refusal("INVALIDE", "Saisissez la date et l'heure de la nouvelle échéance.", { field: "deadline" });
  return cycleStep(async (tx): Promise<Result> => {
    const loaded = await versionIn(tx, rfc.id, versionNumber);
    if (!loaded.ok) return loaded;
    const version = loaded.value;
    if (version.status !== "ouvert")
      return refusal("REFUSE", "Seul un cycle ouvert aux commentaires peut être prolongé.");
    const current = version.context.deadline ? new Date(version.context.deadline) : null;
    if (current && input.deadline <= current)
      return refusal(
        "INVALIDE",
        `Choisissez une échéance postérieure à l'échéance actuelle (${instantLabel(current)}).`,
        { field: "deadline" },
      );
    if (current && current <= now)
      return refusal("REFUSE", "L'échéance est passée : le cycle est clos, il ne peut plus être prolongé.");
    const applied = await applyToVersion(
      tx,
      user,
      version.workflowId,
      { type: "PROLONGER", deadline: input.deadline.toISOString() },
      input.expectedRowVersion,
      now,
    );
    if (!applied.ok) return applied;
    await auditStep(tx, user, "rfc-cycle-prolonge", rfc, version, now, {
      echeance: input.deadline.toISOString(),
      precedente: version.context.deadline,
    });
    return success();
  });
}

export function undisposedMessage(count: number) {
  return count === 1
    ? "1 commentaire n'a pas encore de réponse : enregistrez une disposition pour chaque commentaire avant de conclure."
    : `${count} commentaires n'ont pas encore de réponse : enregistrez une disposition pour chaque commentaire avant de conclure.`;
}

export type ConcludeInput = { outcome: RfcOutcome; conclusion: string; expectedRowVersion?: number };

/**
 * Concludes the version's cycle. Withdrawal is possible at any stage before the conclusion;
 * once the cycle is closed, every outcome waits for a disposition on each comment.
 */
export async function concludeCycle(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: ConcludeInput,
  now = clockNow(),
): Promise<Result<{ next: number | null }>> {
  const found = await pilotedRfc(user, number);
  if (!found.ok) return found;
  const conclusion = checkConclusion(input.outcome, input.conclusion);
  if (!conclusion.ok) return conclusion;
  return cycleStep((tx) =>
    concludeCycleIn(tx, user, found.value.rfc, versionNumber, { ...input, conclusion: conclusion.value }, now),
  );
}

/** Concludes the cycle inside the caller's transaction (the person pilots the group). */
export async function concludeCycleIn(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  versionNumber: number,
  input: ConcludeInput,
  now: Date,
): Promise<Result<{ next: number | null }>> {
  const conclusion = input.conclusion.trim();
  const loaded = await versionIn(tx, rfc.id, versionNumber);
  if (!loaded.ok) return loaded;
  const version = loaded.value;
  if (version.status === "conclu") return refusal("REFUSE", "Ce cycle est déjà conclu.");
  if (input.outcome !== "retrait" && version.status !== "clos")
    return refusal(
      "REFUSE",
      "Le cycle ne peut être conclu qu'une fois clos, à l'échéance : la conclusion suit les réponses aux commentaires.",
    );
  const missing = version.status === "clos" ? await undisposedCount(tx, version.id) : 0;
  if (missing > 0) return refusal("REFUSE", undisposedMessage(missing));
  const event =
    input.outcome === "retrait"
      ? { type: "RETIRER", conclusion }
      : { type: "CONCLURE", outcome: input.outcome, undisposedComments: missing, conclusion };
  const applied = await applyToVersion(tx, user, version.workflowId, event, input.expectedRowVersion, now);
  if (!applied.ok) return applied;
  const next = await followOutcome(tx, user, rfc, version, input.outcome, conclusion, now);
  await auditStep(tx, user, "rfc-cycle-conclu", rfc, version, now, { issue: input.outcome, conclusion });
  return success({ next });
}

/**
 * The records that follow a concluded cycle, in its transaction (decision 003: the effect only
 * writes the mails): the RFC's status and adoption date, and for a new version its draft, a copy
 * of this one with the announced changes as its note. Returns the new version's number.
 */
async function followOutcome(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  version: LoadedVersion,
  outcome: RfcOutcome,
  conclusion: string,
  now: Date,
): Promise<number | null> {
  await tx.rfc.update({
    where: { id: rfc.id },
    data:
      outcome === "adoption"
        ? { status: "ADOPTEE", adoptedAt: now }
        : outcome === "retrait"
          ? { status: "RETIREE" }
          : { status: "EN_COURS" },
  });
  if (outcome !== "nouvelle-version") return null;
  const next = version.number + 1;
  const workflow = await startWorkflow(tx, {
    type: RFC_WORKFLOW,
    input: { reference: rfc.number, version: next },
    actor: actorOf(user),
    now,
  });
  await tx.rfcVersion.create({
    data: {
      rfcId: rfc.id,
      number: next,
      content: version.content,
      changeNote: conclusion,
      workflowId: workflow.id,
      createdById: user.id,
      createdAt: now,
    },
  });
  return next;
}
