/**
 * The mission letter (compte rendu du 23/03/2007, point 2): the perimeter as rich text, the
 * role of each member organisation, and the deliverables with their delivery day and
 * validation period in working days. The pilot (or the coordinator) writes it until the group
 * is validated; the first save moves the group to "lettre de mission rédigée".
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { parseRichText } from "~/modules/richtext/render.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { applyEventInTransaction } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { multiLineProblem, singleLineProblem, type FieldErrors } from "~/utils/forms";
import { isIsoDate } from "~/utils/working-days";
import type { Result } from "~/utils/result";
import { pilotGroup } from "./group-queries.server";
import {
  deliverableField,
  MAX_DELIVERABLES,
  MAX_VALIDATION_DAYS,
  roleField,
  type DeliverableRowValues,
} from "./labels";
import { sendGroupMail } from "./mails.server";
import { coordinators } from "./recipients.server";

export type DeliverableInput = { title: string; dueOn: string; validationDays: number };
export type LetterInput = { missionLetter: string; roles: Record<string, string>; deliverables: DeliverableInput[] };

const STALE =
  "La lettre de mission a été modifiée par quelqu'un d'autre pendant que vous la rédigiez. Rechargez la page pour voir la dernière version, puis recommencez.";

/**
 * The deliverable rows of the letter form, as typed (to show them again) and as parsed. A row
 * left entirely blank is ignored; a row partly filled gets an error on each missing field.
 */
export function readDeliverableRows(form: FormData): {
  rows: DeliverableInput[];
  values: DeliverableRowValues[];
  errors: FieldErrors;
} {
  const count = Math.min(Math.max(Number(form.get("rowCount")) || 0, 0), MAX_DELIVERABLES + 10);
  const values: DeliverableRowValues[] = [];
  const rows: DeliverableInput[] = [];
  const errors: FieldErrors = {};
  for (let i = 0; i < count; i++) {
    const text = (field: keyof DeliverableRowValues) => String(form.get(deliverableField(i, field)) ?? "").trim();
    const row = { title: text("title"), dueOn: text("dueOn"), validationDays: text("validationDays") };
    values.push(row);
    if (!row.title && !row.dueOn && !row.validationDays) continue;
    let valid = true;
    if (!row.title) {
      errors[deliverableField(i, "title")] = "Indiquez l'intitulé du livrable.";
      valid = false;
    } else if (row.title.length > 200) {
      errors[deliverableField(i, "title")] = "200 caractères au plus.";
      valid = false;
    } else if (singleLineProblem(row.title)) {
      errors[deliverableField(i, "title")] = singleLineProblem(row.title)!;
      valid = false;
    }
    if (!isIsoDate(row.dueOn)) {
      errors[deliverableField(i, "dueOn")] = "Saisissez la date de livraison, par exemple 30/06/2027.";
      valid = false;
    }
    if (!/^\d{1,3}$/.test(row.validationDays) || Number(row.validationDays) > MAX_VALIDATION_DAYS) {
      errors[deliverableField(i, "validationDays")] =
        `Indiquez la période de validation en jours ouvrés : un nombre entier de 0 à ${MAX_VALIDATION_DAYS}.`;
      valid = false;
    }
    if (valid) rows.push({ title: row.title, dueOn: row.dueOn, validationDays: Number(row.validationDays) });
  }
  if (rows.length > MAX_DELIVERABLES) errors.deliverables = `${MAX_DELIVERABLES} livrables au plus.`;
  return { rows, values, errors };
}

/** The roles typed for each member organisation. */
export function readRoles(
  form: FormData,
  organisationIds: string[],
): { roles: Record<string, string>; errors: FieldErrors } {
  const roles: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const id of organisationIds) {
    const role = String(form.get(roleField(id)) ?? "").trim();
    if (role.length > 1000) errors[roleField(id)] = "1 000 caractères au plus.";
    else if (multiLineProblem(role)) errors[roleField(id)] = multiLineProblem(role)!;
    roles[id] = role;
  }
  return { roles, errors };
}

export async function saveLetter(
  user: SessionUser,
  code: string,
  input: LetterInput,
  expectedRowVersion: number,
): Promise<Result<{ drafted: boolean }>> {
  const found = await pilotGroup(user, code, "rédige la lettre de mission");
  if (!found.ok) return found;
  const { groupId } = found.value;
  const document = parseRichText(input.missionLetter);
  if (!document)
    return {
      ok: false,
      message: "Le texte de la lettre de mission n'a pas pu être lu : rechargez la page, puis recommencez.",
      errors: { missionLetter: "Le texte de la lettre de mission n'a pas pu être lu." },
    };
  if (input.deliverables.length > MAX_DELIVERABLES)
    return { ok: false, message: `${MAX_DELIVERABLES} livrables au plus.` };
  const now = clockNow();
  const actor = actorOf(user);
  return writeThenWake(async (tx): Promise<Result<{ drafted: boolean }>> => {
    const group = await tx.workGroup.findUniqueOrThrow({
      where: { id: groupId },
      include: { workflow: { select: { status: true, tags: { select: { tag: true } } } }, members: true },
    });
    // The letter can change until the group is validated (workflows/work-group.ts).
    if (!group.workflow.tags.some((t) => t.tag === "enConstitution"))
      return {
        ok: false,
        code: "REFUSE",
        message: "La lettre de mission est validée : elle ne peut plus être modifiée.",
      };
    if (group.rowVersion !== expectedRowVersion) return { ok: false, code: "PERIME", message: STALE };
    const memberIds = new Set(group.members.map((m) => m.organisationId));
    const updated = await tx.workGroup.updateMany({
      where: { id: groupId, rowVersion: expectedRowVersion },
      data: { missionLetter: JSON.stringify(document), letterUpdatedAt: now, rowVersion: { increment: 1 } },
    });
    if (updated.count !== 1) return { ok: false, code: "PERIME", message: STALE };
    for (const [organisationId, role] of Object.entries(input.roles)) {
      if (!memberIds.has(organisationId)) continue; // a member removed meanwhile
      await tx.workGroupMember.update({
        where: { groupId_organisationId: { groupId, organisationId } },
        data: { role: role.trim() },
      });
    }
    await tx.deliverable.deleteMany({ where: { groupId } });
    for (const [position, d] of input.deliverables.entries()) {
      await tx.deliverable.create({
        data: { groupId, title: d.title, dueOn: d.dueOn, validationDays: d.validationDays, position },
      });
    }
    const drafted = group.workflow.status === "propose";
    if (drafted) {
      const applied = await applyEventInTransaction(tx, {
        workflowId: group.workflowId,
        event: { type: "REDIGER_LETTRE" },
        actor,
        now,
      });
      if (!applied.ok) throw new Error(`REDIGER_LETTRE refused for group ${group.code}: ${applied.message}`);
      await sendGroupMail(tx, {
        template: "lettre-redigee",
        to: await coordinators(tx),
        subject: "Lettre de mission rédigée",
        paragraphs: [
          `${user.organisation.shortName} a rédigé la lettre de mission du groupe « ${group.name} ». Elle attend la validation de l'instance de pilotage.`,
        ],
        group,
        link: { label: "Relire la lettre de mission", path: `/groupes/${group.code}` },
        now,
      });
    }
    await recordAudit(
      tx,
      {
        actor,
        action: "lettre-de-mission",
        entityType: "GroupeDeTravail",
        entityId: groupId,
        organisationId: user.organisationId,
        data: {
          code: group.code,
          livrables: input.deliverables.length,
          roles: Object.values(input.roles).filter(Boolean).length,
        },
      },
      now,
    );
    return { ok: true, value: { drafted } };
  });
}
