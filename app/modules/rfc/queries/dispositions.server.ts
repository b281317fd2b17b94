/**
 * The rows of a cycle's disposition table, on the read connection (decision 021): every live
 * top-level comment with its author, its passage in context, its live replies and the pilot's
 * disposition, oldest first.
 */
import { isoInstant, readDb } from "~/utils/read-db.server";
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
};

export function passageInContext(quote: string | null, prefix: string | null, suffix: string | null) {
  if (!quote) return "Texte entier";
  return `${prefix ? `… ${prefix} ` : ""}« ${quote} »${suffix ? ` ${suffix} …` : ""}`;
}

export async function dispositionRows(versionId: string): Promise<DispositionRow[]> {
  const comments = await readDb()
    .selectFrom("RfcComment as c")
    .innerJoin("Organisation as o", "o.id", "c.organisationId")
    .innerJoin("User as u", "u.id", "c.authorId")
    .select([
      "c.id",
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
    .where("c.versionId", "=", versionId)
    .where("c.parentId", "is", null)
    .where("c.deletedAt", "is", null)
    .orderBy("c.createdAt", "asc")
    .orderBy("c.id", "asc")
    .execute();
  return comments.map((c, index) => ({
    id: c.id,
    rank: index + 1,
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
  }));
}
