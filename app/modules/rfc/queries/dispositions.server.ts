/**
 * The rows of a cycle's disposition table, on the read connection (decision 021): every live
 * top-level comment with its author, its passage in context, its live replies and the pilot's
 * disposition, oldest first, a page of threads at a time for the page, all for the export.
 */
import { sql } from "kysely";
import { isoInstant, readDb } from "~/utils/read-db.server";
import { THREADS_PER_PAGE, pageOfPosition } from "../thread-pages";
import { COMMENT_KIND_LABELS, DISPOSITION_LABELS, type CommentKind, type Disposition } from "../labels";

export type DispositionRow = {
  id: string;
  rank: number;
  kind: string;
  organisation: string;
  author: string;
  postedAt: string;
  /** "… prefix « quote » suffix …", or "Texte entier". */
  passage: string;
  quote: string | null;
  prefix: string;
  suffix: string;
  comment: string;
  replies: number;
  disposition: string;
  reply: string;
  disposedAt: string | null;
  /** The version page's page of threads that holds it. */
  page: number;
};

export function passageInContext(quote: string | null, prefix: string | null, suffix: string | null) {
  if (!quote) return "Texte entier";
  return `${prefix ? `… ${prefix} ` : ""}« ${quote} »${suffix ? ` ${suffix} …` : ""}`;
}

/**
 * The table's rows, oldest first: every one, or those of one page of threads (`page`: the
 * version page's numbering, THREADS_PER_PAGE threads a page, deleted ones included, so that
 * page n of the table holds the threads of page n of the version page). Each row carries its
 * rank among live comments and the page of its thread, counted over the whole version.
 */
export async function dispositionRows(versionId: string, page?: number): Promise<DispositionRow[]> {
  const db = readDb();
  const threads = db
    .selectFrom("RfcComment as t")
    .select([
      "t.id",
      "t.deletedAt",
      sql<number>`row_number() OVER (ORDER BY t.createdAt, t.id)`.as("position"),
      sql<number>`row_number() OVER (PARTITION BY t.deletedAt IS NULL ORDER BY t.createdAt, t.id)`.as("rank"),
    ])
    .where("t.versionId", "=", versionId)
    .where("t.parentId", "is", null)
    .orderBy("t.createdAt")
    .orderBy("t.id")
    .$if(page !== undefined, (q) => q.limit(THREADS_PER_PAGE).offset((page! - 1) * THREADS_PER_PAGE));
  const comments = await db
    .selectFrom(threads.as("t"))
    .innerJoin("RfcComment as c", "c.id", "t.id")
    .innerJoin("Organisation as o", "o.id", "c.organisationId")
    .innerJoin("User as u", "u.id", "c.authorId")
    .select([
      "c.id",
      "t.position",
      "t.rank",
      "c.kind",
      "c.body",
      "c.anchorQuote",
      "c.anchorPrefix",
      "c.anchorSuffix",
      "c.createdAt",
      "c.disposition",
      "c.dispositionReply",
      "c.disposedAt",
      "o.name as organisation",
      "u.firstName",
      "u.lastName",
    ])
    .select((eb) =>
      eb
        .selectFrom("RfcComment as r")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("r.parentId", "=", "c.id")
        .where("r.deletedAt", "is", null)
        .as("replies"),
    )
    .where("t.deletedAt", "is", null)
    .orderBy("t.position")
    .execute();
  return comments.map((c) => ({
    id: c.id,
    rank: Number(c.rank),
    kind: c.kind ? (COMMENT_KIND_LABELS[c.kind as CommentKind] ?? c.kind) : "",
    organisation: c.organisation,
    author: `${c.firstName} ${c.lastName}`,
    postedAt: isoInstant(c.createdAt),
    passage: passageInContext(c.anchorQuote, c.anchorPrefix, c.anchorSuffix),
    quote: c.anchorQuote,
    prefix: c.anchorPrefix ?? "",
    suffix: c.anchorSuffix ?? "",
    comment: c.body,
    replies: Number(c.replies ?? 0),
    disposition: c.disposition ? (DISPOSITION_LABELS[c.disposition as Disposition] ?? c.disposition) : "",
    reply: c.dispositionReply ?? "",
    disposedAt: c.disposedAt === null ? null : isoInstant(c.disposedAt),
    page: pageOfPosition(Number(c.position)),
  }));
}
