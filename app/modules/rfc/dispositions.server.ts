/**
 * The disposition table of a cycle: every live top-level comment with its author, its passage
 * in context, the number of replies, and the pilot's disposition and reply. It is the record
 * that the cycle was honest (domain.md §2), shown on a page and exported as CSV, XLSX, PDF.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import type { ExportColumn } from "~/utils/export.server";
import { prisma } from "~/utils/db.server";
import { RFC_CYCLE_STATE_LABELS } from "../../../workflows/rfc-cycle";
import { requireRfc } from "./policy.server";
import { COMMENT_KIND_LABELS, DISPOSITION_LABELS, type CommentKind, type Disposition } from "./labels";
import { versionIn } from "./rfcs.server";

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

export async function dispositionTable(user: SessionUser, number: string, versionNumber: number) {
  const { rfc, access } = await requireRfc(user, number);
  const version = await versionIn(prisma, rfc.id, versionNumber);
  const comments = await prisma.rfcComment.findMany({
    where: { versionId: version.id, parentId: null, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      organisation: { select: { name: true } },
      author: { select: { firstName: true, lastName: true } },
      _count: { select: { replies: { where: { deletedAt: null } } } },
    },
  });
  const rows: DispositionRow[] = comments.map((c, index) => ({
    id: c.id,
    rank: index + 1,
    kind: c.kind ? (COMMENT_KIND_LABELS[c.kind as CommentKind] ?? c.kind) : "",
    organisation: c.organisation.name,
    author: `${c.author.firstName} ${c.author.lastName}`,
    postedAt: c.createdAt.toISOString(),
    passage: passageInContext(c.anchorQuote, c.anchorPrefix, c.anchorSuffix),
    quote: c.anchorQuote,
    prefix: c.anchorPrefix ?? "",
    suffix: c.anchorSuffix ?? "",
    comment: c.body,
    replies: c._count.replies,
    disposition: c.disposition ? (DISPOSITION_LABELS[c.disposition as Disposition] ?? c.disposition) : "",
    reply: c.dispositionReply ?? "",
    disposedAt: c.disposedAt?.toISOString() ?? null,
  }));
  return {
    rfc: { number: rfc.number, title: rfc.title },
    access,
    version: {
      number: version.number,
      status: version.status,
      statusLabel: RFC_CYCLE_STATE_LABELS[version.status] ?? version.status,
      deadline: version.context.deadline,
    },
    rows,
    undisposed: rows.filter((r) => r.disposition === "").length,
  };
}

export const DISPOSITION_COLUMNS: ExportColumn<DispositionRow>[] = [
  { header: "N°", value: (r) => r.rank, width: 5 },
  { header: "Nature", value: (r) => r.kind, width: 12 },
  { header: "Organisation", value: (r) => r.organisation, width: 24 },
  { header: "Auteur", value: (r) => r.author, width: 18 },
  { header: "Déposé le", value: (r) => new Date(r.postedAt), dateFormat: "datetime", width: 16 },
  { header: "Passage (avec son contexte)", value: (r) => r.passage, width: 40 },
  { header: "Commentaire", value: (r) => r.comment, width: 50 },
  { header: "Réponses", value: (r) => r.replies, width: 9 },
  { header: "Disposition", value: (r) => r.disposition || "sans réponse", width: 16 },
  { header: "Réponse du pilote", value: (r) => r.reply, width: 50 },
];
