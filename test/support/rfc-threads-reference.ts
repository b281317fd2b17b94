/**
 * The version's comments as the Prisma read model showed them before the Kysely read models of
 * app/modules/rfc/queries/threads.server.ts (issue 10): the oracle that their test compares with,
 * thread for thread and passage for passage. Not used by the application.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import {
  COMMENT_KIND_VOCABULARY,
  DISPOSITION_VOCABULARY,
  type CommentKind,
  type Disposition,
} from "~/modules/rfc/labels";
import type { ThreadComment } from "~/modules/rfc/queries/threads.server";
import { prisma } from "~/utils/db.server";

/** ThreadComment as the Prisma read model built it: with the organisation and the passage's context. */
export type CommentView = Omit<ThreadComment, "anchor" | "replies"> & {
  organisationId: string;
  anchor: { quote: string; prefix: string; suffix: string } | null;
  replies: CommentView[];
};

/** The version's comments as threads: each top-level comment with every reply below it, by date. */
export async function commentThreads(user: SessionUser, versionId: string): Promise<CommentView[]> {
  const rows = await prisma.rfcComment.findMany({
    where: { versionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { firstName: true, lastName: true } }, organisation: { select: { name: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const rootOf = (id: string): string => {
    let current = byId.get(id)!;
    while (current.parentId && byId.has(current.parentId)) current = byId.get(current.parentId)!;
    return current.id;
  };
  let rank = 0;
  const view = (r: (typeof rows)[number]): CommentView => {
    const deleted = r.deletedAt !== null;
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    return {
      id: r.id,
      rank: r.parentId === null && !deleted ? ++rank : null,
      kind: (r.kind as CommentKind | null) ?? null,
      kindLabel: r.kind ? COMMENT_KIND_VOCABULARY.labelOf(r.kind) : null,
      body: deleted ? null : r.body,
      deleted,
      author: `${r.author.firstName} ${r.author.lastName}`,
      organisation: r.organisation.name,
      organisationId: r.organisationId,
      createdAt: r.createdAt.toISOString(),
      edited: r.updatedAt.getTime() !== r.createdAt.getTime() && !deleted,
      anchor: r.anchorQuote
        ? { quote: r.anchorQuote, prefix: r.anchorPrefix ?? "", suffix: r.anchorSuffix ?? "" }
        : null,
      disposition: (r.disposition as Disposition | null) ?? null,
      dispositionLabel: r.disposition ? DISPOSITION_VOCABULARY.labelOf(r.disposition) : null,
      dispositionReply: r.dispositionReply,
      disposedAt: r.disposedAt?.toISOString() ?? null,
      mine: r.authorId === user.id,
      inReplyTo: parent && parent.parentId !== null ? `${parent.author.firstName} ${parent.author.lastName}` : null,
      replies: [],
    };
  };
  const threads: CommentView[] = [];
  const index = new Map<string, CommentView>();
  for (const r of rows) {
    const v = view(r);
    if (r.parentId === null) {
      threads.push(v);
      index.set(r.id, v);
    } else {
      const root = index.get(rootOf(r.id));
      if (root) root.replies.push(v);
    }
  }
  return threads;
}

/** The live anchored comments of a version, for the marks in its text. */
export async function anchorsOf(versionId: string) {
  const rows = await prisma.rfcComment.findMany({
    where: { versionId, parentId: null, deletedAt: null, anchorFrom: { not: null }, anchorTo: { not: null } },
    select: { id: true, anchorFrom: true, anchorTo: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ commentId: r.id, from: r.anchorFrom!, to: r.anchorTo! }));
}
