/**
 * The audit log: who did what to which record, append-only (database triggers refuse UPDATE
 * and DELETE) and hash-chained. Call `recordAudit` inside the write transaction that makes
 * the change, so the change and its trace are committed together.
 */
import { writeTransaction, type Db, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import { chainHash, GENESIS_HASH, pagesBySeq, verifyChain } from "./chain.server";

export type Actor = { id: string; label: string } | null;

export type AuditInput = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  data?: Record<string, unknown>;
};

const SYSTEM_LABEL = "Système";

function fieldsOf(entry: {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  organisationId: string | null;
  data: string;
}) {
  return {
    at: entry.at,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    organisationId: entry.organisationId,
    data: entry.data,
  };
}

/** What an edit changes, as the audit entry records it (`modifications`): each field whose value differs, before and after. */
export type AuditChanges = Record<string, { avant: unknown; apres: unknown }>;

export function auditChanges<T extends object>(before: T, wanted: Partial<T>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [key, value] of Object.entries(wanted)) {
    const previous = before[key as keyof T];
    if (previous !== value) changes[key] = { avant: previous, apres: value };
  }
  return changes;
}

export async function recordAudit(tx: Tx, input: AuditInput, now = clockNow()) {
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = {
    at: now,
    actorId: input.actor?.id ?? null,
    actorLabel: input.actor?.label ?? SYSTEM_LABEL,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    organisationId: input.organisationId ?? null,
    data: JSON.stringify(input.data ?? {}),
  };
  return tx.auditEntry.create({ data: { ...entry, prevHash, hash: chainHash(prevHash, fieldsOf(entry)) } });
}

/**
 * The entry of an account's or an organisation's deactivation or reactivation:
 * "<noun>-desactivee" with the number of sessions it ended, or "<noun>-reactivee".
 */
export function recordActivation(
  tx: Tx,
  {
    noun,
    active,
    endedSessions,
    ...entry
  }: Omit<AuditInput, "action" | "data"> & {
    noun: "personne" | "organisation";
    active: boolean;
    endedSessions: number;
  },
  now = clockNow(),
) {
  return recordAudit(
    tx,
    {
      ...entry,
      action: `${noun}-${active ? "reactivee" : "desactivee"}`,
      data: active ? {} : { sessionsTerminees: endedSessions },
    },
    now,
  );
}

/** What a person did, for their own organisation: the entry names them and it; callers say only what happened. */
export function auditBy(
  tx: Tx,
  user: { id: string; firstName: string; lastName: string; organisationId: string },
  entry: Omit<AuditInput, "actor" | "organisationId">,
  now = clockNow(),
) {
  return recordAudit(tx, { ...entry, actor: actorOf(user), organisationId: user.organisationId }, now);
}

/** For a change that has no transaction of its own (a sign-in, a sign-out). */
export function audit(input: AuditInput, now = clockNow()) {
  return writeTransaction((tx) => recordAudit(tx, input, now));
}

export function verifyAuditChain(db: Db) {
  return verifyChain(
    pagesBySeq((afterSeq, take) =>
      db.auditEntry.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take }),
    ),
    fieldsOf,
  );
}

export function actorOf(user: { id: string; firstName: string; lastName: string }): Actor {
  return { id: user.id, label: `${user.firstName} ${user.lastName}` };
}
