/**
 * MDPH positions on adopted RFCs. Conclusions are proposals, not decisions: each MDPH director
 * records whether the MDPH adopts the RFC, will adopt it later, or does not adopt it (with a
 * reason). The coordinator sees the 101 départements at a glance.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { auditBy } from "~/modules/journal/audit.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { checkText, invalid } from "./forms.server";
import { readableRfc } from "./policy.server";
import { POSITION_COMMENT_MAX, POSITION_LABELS, POSITION_VOCABULARY, type Position } from "./labels";
import { refusal, success, type Result } from "~/utils/result";

const isPosition = POSITION_VOCABULARY.is;

export async function recordPosition(
  user: SessionUser,
  number: string,
  input: { position: string; comment: string },
  now = clockNow(),
): Promise<Result> {
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  if (!found.value.access.position)
    return refusal(
      "INTERDIT",
      "Seul le directeur ou la directrice d'une MDPH indique la position de sa MDPH, sur une RFC adoptée.",
    );
  return writeTransaction((tx) => recordPositionIn(tx, user, found.value.rfc, input, now));
}

/** Records (or revises) the MDPH's position inside the caller's transaction (the person is its director). */
export async function recordPositionIn(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  input: { position: string; comment: string },
  now: Date,
): Promise<Result> {
  if (!isPosition(input.position))
    return invalid("position", "Choisissez la position de la MDPH : adopte, adoptera plus tard ou n'adopte pas.");
  const checked = checkText("comment", input.comment, {
    required:
      input.position === "N_ADOPTE_PAS" ? "Expliquez pourquoi la MDPH n'adopte pas cette proposition." : undefined,
    max: POSITION_COMMENT_MAX,
    tooLong: () => `Le commentaire dépasse ${POSITION_COMMENT_MAX.toLocaleString("fr-FR")} caractères.`,
  });
  if (!checked.ok) return checked;
  const comment = checked.value;
  const current = await tx.rfc.findUniqueOrThrow({ where: { id: rfc.id }, select: { status: true } });
  if (current.status !== "ADOPTEE")
    return { ok: false, message: "Cette RFC n'est pas adoptée : il n'y a pas de position à indiquer." };
  const previous = await tx.rfcPosition.findUnique({
    where: { rfcId_organisationId: { rfcId: rfc.id, organisationId: user.organisationId } },
  });
  const data = { position: input.position, comment, recordedById: user.id, recordedAt: now };
  await tx.rfcPosition.upsert({
    where: { rfcId_organisationId: { rfcId: rfc.id, organisationId: user.organisationId } },
    create: { rfcId: rfc.id, organisationId: user.organisationId, ...data },
    update: data,
  });
  await auditBy(
    tx,
    user,
    {
      action: previous ? "rfc-position-modifiee" : "rfc-position-enregistree",
      entityType: "RfcPosition",
      entityId: `${rfc.id}:${user.organisationId}`,
      data: {
        numero: rfc.number,
        position: input.position,
        commentaire: comment,
        avant: previous ? { position: previous.position, commentaire: previous.comment } : null,
      },
    },
    now,
  );
  return { ok: true, value: undefined };
}

/** The person's MDPH's position on the RFC, when they may record one. */
export async function ownPosition(user: SessionUser, rfcId: string) {
  const row = await prisma.rfcPosition.findUnique({
    where: { rfcId_organisationId: { rfcId, organisationId: user.organisationId } },
  });
  return row
    ? {
        position: row.position as Position,
        label: POSITION_VOCABULARY.labelOf(row.position),
        comment: row.comment,
        recordedAt: row.recordedAt.toISOString(),
      }
    : null;
}

/** Orders département codes as France does: 01…19, 2A, 2B, 21…95, 971…976. */
export function departementSortKey(code: string) {
  return code === "2A" ? "20A" : code === "2B" ? "20B" : code.padStart(3, "0").replace(/^0(\d\d)$/, "$1");
}

export type PositionRow = {
  departementCode: string;
  departementName: string;
  mdph: string;
  position: Position | null;
  positionLabel: string;
  comment: string;
  recordedAt: string | null;
  recordedBy: string | null;
};

/** Coordinator view: every MDPH with a département, and its position (or none yet). */
export async function nationalPositions(user: SessionUser, number: string) {
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  const { rfc } = found.value;
  if (!can(user, "read:rfc-positions"))
    return refusal("INTERDIT", "La vue nationale des positions est réservée à la coordination CNSA.");
  const [mdphs, positions] = await Promise.all([
    prisma.organisation.findMany({
      where: { kind: "MDPH", departementCode: { not: null } },
      select: { id: true, name: true, departement: { select: { code: true, name: true } } },
    }),
    prisma.rfcPosition.findMany({ where: { rfcId: rfc.id } }),
  ]);
  const recorders = await prisma.user.findMany({
    where: { id: { in: positions.map((p) => p.recordedById) } },
    select: { id: true, firstName: true, lastName: true },
  });
  const names = new Map(recorders.map((u) => [u.id, `${u.firstName} ${u.lastName}`]));
  const byOrganisation = new Map(positions.map((p) => [p.organisationId, p]));
  const rows: PositionRow[] = mdphs
    .filter((m) => m.departement)
    .map((m) => {
      const p = byOrganisation.get(m.id);
      const position = p ? (p.position as Position) : null;
      return {
        departementCode: m.departement!.code,
        departementName: m.departement!.name,
        mdph: m.name,
        position,
        positionLabel: position ? POSITION_LABELS[position] : "pas encore de position",
        comment: p?.comment ?? "",
        recordedAt: p?.recordedAt.toISOString() ?? null,
        recordedBy: p ? (names.get(p.recordedById) ?? null) : null,
      };
    })
    .sort((a, b) => departementSortKey(a.departementCode).localeCompare(departementSortKey(b.departementCode)));
  const counts = { ADOPTE: 0, ADOPTERA: 0, N_ADOPTE_PAS: 0, AUCUNE: 0 };
  for (const row of rows) counts[row.position ?? "AUCUNE"] += 1;
  return success({
    rfc: { number: rfc.number, title: rfc.title, status: rfc.status, adoptedAt: rfc.adoptedAt?.toISOString() ?? null },
    rows,
    counts,
  });
}
