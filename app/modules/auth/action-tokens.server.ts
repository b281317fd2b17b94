/**
 * Single-use links for invitations and password resets. The link carries `<id>.<secret>`;
 * the database keeps SHA-256(secret), the expiry and the time of use. Consuming a token is
 * a compare-and-set inside the caller's transaction, so a link works once.
 */
import type { Tx } from "~/utils/db.server";
import { newToken, secretMatches, splitToken } from "./tokens.server";

export type ActionTokenKind = "INVITATION" | "REINITIALISATION";

export const TOKEN_LIFETIME_MS: Record<ActionTokenKind, number> = {
  INVITATION: 7 * 24 * 3_600_000,
  REINITIALISATION: 30 * 60_000,
};

export async function issueActionToken(
  tx: Tx,
  { kind, userId, createdById, now }: { kind: ActionTokenKind; userId: string; createdById?: string | null; now: Date },
) {
  // A new link replaces any earlier unused one of the same kind: at most one live link per
  // person and kind, the one in the latest mail.
  await tx.actionToken.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: now, replacedAt: now } });
  const { id, token, secretHash } = newToken();
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[kind]);
  await tx.actionToken.create({
    data: { id, kind, secretHash, userId, createdById: createdById ?? null, createdAt: now, expiresAt },
  });
  return { token, expiresAt };
}

export type TokenCheck =
  { ok: true; tokenId: string; userId: string } | { ok: false; reason: "inconnu" | "expire" | "utilise" | "remplace" };

export async function checkActionToken(tx: Tx, kind: ActionTokenKind, token: string, now: Date): Promise<TokenCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: "inconnu" };
  const row = await tx.actionToken.findUnique({ where: { id: parts.id } });
  if (!row || row.kind !== kind || !secretMatches(parts.secret, row.secretHash))
    return { ok: false, reason: "inconnu" };
  if (row.replacedAt) return { ok: false, reason: "remplace" };
  if (row.usedAt) return { ok: false, reason: "utilise" };
  if (row.expiresAt <= now) return { ok: false, reason: "expire" };
  return { ok: true, tokenId: row.id, userId: row.userId };
}

/** Marks the token used; false when someone used it in the meantime. */
export async function consumeActionToken(tx: Tx, tokenId: string, now: Date) {
  const result = await tx.actionToken.updateMany({ where: { id: tokenId, usedAt: null }, data: { usedAt: now } });
  return result.count === 1;
}

export const TOKEN_PROBLEM_MESSAGES: Record<Exclude<TokenCheck, { ok: true }>["reason"], string> = {
  inconnu: "Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier.",
  expire: "Ce lien a expiré. Demandez-en un nouveau.",
  utilise: "Ce lien a déjà été utilisé. Demandez-en un nouveau si nécessaire.",
  remplace: "Ce lien a été remplacé par un lien plus récent : utilisez celui du dernier courriel reçu.",
};
