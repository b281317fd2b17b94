/**
 * Security events: failed sign-ins and identity confirmations, refusals met by signed-in people,
 * exports (decision 015). They are counted, not logged one by one: a row per kind, person (or
 * typed address), client address, UTC hour and detail, whose `count` grows.
 *
 * Noting an event is synchronous and touches no database: it adds to a counter in memory, and
 * one flush, shortly after, writes every counter in a single short transaction (one upsert per
 * row). A burst of 1,000 refusals is therefore one row and one write, and a scanner cannot
 * queue writes behind SQLite's single write lock. The price: events of the last couple of
 * seconds are lost if the process dies (the server flushes on a normal stop).
 *
 * Nothing secret goes in: never a password, a code or a token (paths are stripped of anything
 * shaped like one), never a document's or a comment's content, and an address typed at sign-in
 * is kept only when it is shaped like an address.
 */
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction } from "~/utils/db.server";

export type SecurityEventKind = "connexion-echouee" | "confirmation-echouee" | "refus" | "export";

export const SECURITY_EVENT_LABELS: Record<SecurityEventKind, string> = {
  "connexion-echouee": "Échec de connexion",
  "confirmation-echouee": "Échec de confirmation d'identité",
  refus: "Accès refusé",
  export: "Export",
};

export const isSecurityEventKind = (value: unknown): value is SecurityEventKind =>
  typeof value === "string" && value in SECURITY_EVENT_LABELS;

type Person = { id: string; label: string; organisationId: string | null };

export type SecurityEventInput =
  | { kind: "connexion-echouee"; typedEmail: string; ip: string }
  | { kind: "confirmation-echouee"; user: Person; ip: string }
  | { kind: "refus"; user: Person; ip: string; status: number; method: string; path: string }
  | { kind: "export"; user: Person; ip: string; title: string; path: string; query: URLSearchParams };

type Pending = {
  kind: SecurityEventKind;
  hour: Date;
  subject: string;
  userId: string | null;
  label: string;
  organisationId: string | null;
  ip: string;
  detail: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
  last: string | null;
};

/** How long events wait in memory before their flush: a burst within it costs one write. */
export const FLUSH_DELAY_MS = 2_000;
/** A flood of distinct rows (many addresses) is flushed at once rather than held in memory. */
const MAX_PENDING_ROWS = 2_000;
const MAX_TEXT = 300;

type Buffer = {
  pending: Map<string, Pending>;
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<number> | null;
};
// On globalThis: the server and the Remix build share one buffer in the process.
const store = globalThis as unknown as { __passerellesSecurityEvents?: Buffer };
const buffer: Buffer = (store.__passerellesSecurityEvents ??= { pending: new Map(), timer: null, flushing: null });

const EMAIL_SHAPE = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
/** The shape of our tokens, `<id>.<secret>` in base32 (auth/tokens.server.ts), wherever it appears. */
const TOKEN_SHAPE = /[a-z2-7]{10,64}\.[a-z2-7]{10,64}/gi;

/** A path as recorded: no query string, nothing shaped like a token, bounded. */
export function safePath(path: string): string {
  return path.split("?")[0].replace(TOKEN_SHAPE, "…").slice(0, MAX_TEXT);
}

/** The filters of an export: its query string, without the format and without anything token-shaped. */
function filtersOf(query: URLSearchParams): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [key, value] of query)
    if (key !== "format" && key !== "_data" && value !== "")
      filters[key.slice(0, 40)] = value.replace(TOKEN_SHAPE, "…").slice(0, 100);
  return filters;
}

function hourOf(at: Date) {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}

type Row = Omit<Pending, "count" | "firstAt" | "lastAt" | "hour">;

/** The columns that name a signed-in person: they are the event's subject. */
const byPerson = (user: Person) => ({
  subject: user.id,
  userId: user.id,
  label: user.label,
  organisationId: user.organisationId,
});

function rowOf(input: SecurityEventInput): Row {
  const ip = input.ip.slice(0, 64);
  switch (input.kind) {
    case "connexion-echouee": {
      // A password typed into the address field must not be kept: only address-shaped input is.
      const email = input.typedEmail.trim().toLowerCase();
      const typed = EMAIL_SHAPE.test(email) ? email.slice(0, 254) : "";
      return {
        kind: input.kind,
        subject: typed,
        userId: null,
        label: typed || "(adresse non reconnue)",
        organisationId: null,
        ip,
        detail: "",
        last: null,
      };
    }
    case "confirmation-echouee":
      return { kind: input.kind, ...byPerson(input.user), ip, detail: "", last: null };
    case "refus":
      return {
        kind: input.kind,
        ...byPerson(input.user),
        ip,
        detail: "",
        last: `${input.status} ${input.method.toUpperCase()} ${safePath(input.path)}`,
      };
    case "export":
      return {
        kind: input.kind,
        ...byPerson(input.user),
        ip,
        detail: JSON.stringify({
          export: input.title.slice(0, MAX_TEXT),
          chemin: safePath(input.path),
          filtres: filtersOf(input.query),
        }),
        last: input.query.get("format")?.slice(0, 10) ?? null,
      };
  }
}

/** Counts the event in memory; the write follows within FLUSH_DELAY_MS (see the file's header). */
export function noteSecurityEvent(input: SecurityEventInput, at = clockNow()) {
  const row = rowOf(input);
  const hour = hourOf(at);
  const key = JSON.stringify([row.kind, row.subject, row.ip, hour.getTime(), row.detail]);
  const pending = buffer.pending.get(key);
  if (pending) {
    pending.count += 1;
    if (at >= pending.lastAt) {
      pending.lastAt = at;
      pending.last = row.last;
    }
  } else {
    buffer.pending.set(key, { ...row, hour, count: 1, firstAt: at, lastAt: at });
  }
  if (buffer.pending.size >= MAX_PENDING_ROWS) void flushSecurityEvents();
  else if (!buffer.timer) {
    buffer.timer = setTimeout(() => void flushSecurityEvents(), FLUSH_DELAY_MS);
    buffer.timer.unref?.();
  }
}

/** How many rows wait in memory (tests and the benchmark). */
export function pendingSecurityEventRows() {
  return buffer.pending.size;
}

/**
 * Writes every pending counter in one transaction; returns the number of rows written. A row of
 * the same key already in the database (an earlier flush, another process) has its count added to.
 */
export async function flushSecurityEvents(): Promise<number> {
  if (buffer.timer) {
    clearTimeout(buffer.timer);
    buffer.timer = null;
  }
  // One flush at a time: the next one starts when the current one has taken its rows.
  while (buffer.flushing) await buffer.flushing;
  if (buffer.pending.size === 0) return 0;
  const rows = [...buffer.pending.values()];
  buffer.pending.clear();
  buffer.flushing = writeTransaction(async (tx) => {
    for (const r of rows) {
      const key = { kind: r.kind, subject: r.subject, ip: r.ip, hour: r.hour, detail: r.detail };
      const found = await tx.securityEvent.findUnique({
        where: { kind_subject_ip_hour_detail: key },
        select: { id: true, lastAt: true },
      });
      if (!found) await tx.securityEvent.create({ data: r });
      else
        await tx.securityEvent.update({
          where: { id: found.id },
          data: {
            count: { increment: r.count },
            ...(r.lastAt >= found.lastAt ? { lastAt: r.lastAt, last: r.last, label: r.label } : {}),
          },
        });
    }
    return rows.length;
  });
  try {
    return await buffer.flushing;
  } catch (error) {
    console.error("Événements de sécurité non enregistrés :", error);
    return 0;
  } finally {
    buffer.flushing = null;
  }
}
