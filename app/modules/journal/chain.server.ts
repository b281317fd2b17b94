/**
 * Hash chaining for the append-only logs (audit log, workflow event log): each entry stores
 * the hash of the previous one and its own hash over (previous hash + canonical JSON of its
 * fields). Changing, inserting or removing an entry breaks every later link.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}

export function chainHash(prevHash: string, fields: Record<string, unknown>): string {
  return createHash("sha256")
    .update(`${prevHash}\n${JSON.stringify(canonical(fields))}`)
    .digest("hex");
}

export type ChainVerdict =
  { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; reason: string };

/** Walks entries in sequence order; `fieldsOf` must return exactly what was hashed. */
export async function verifyChain<T extends { seq: number; prevHash: string; hash: string }>(
  pages: AsyncIterable<T[]>,
  fieldsOf: (entry: T) => Record<string, unknown>,
): Promise<ChainVerdict> {
  let previous = GENESIS_HASH;
  let count = 0;
  for await (const page of pages) {
    for (const entry of page) {
      count += 1;
      if (entry.prevHash !== previous)
        return { ok: false, count, brokenAtSeq: entry.seq, reason: "maillon précédent modifié ou supprimé" };
      if (chainHash(entry.prevHash, fieldsOf(entry)) !== entry.hash)
        return { ok: false, count, brokenAtSeq: entry.seq, reason: "contenu modifié" };
      previous = entry.hash;
    }
  }
  return { ok: true, count };
}

/** Reads a table in pages of `size` rows by ascending seq. */
export async function* pagesBySeq<T extends { seq: number }>(
  read: (afterSeq: number, size: number) => Promise<T[]>,
  size = 2000,
) {
  let after = 0;
  for (;;) {
    const page = await read(after, size);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].seq;
  }
}
