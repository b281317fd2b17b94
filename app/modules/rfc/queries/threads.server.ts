/**
 * The comment threads of a version, a page at a time, on the read connection (decision 021).
 *
 * A thread is a top-level comment (deleted ones too: their replies stay shown) with every reply
 * below it. Threads are numbered by date (createdAt, then id) and shown THREADS_PER_PAGE a page;
 * a live top-level comment's rank (its n° in the disposition table) counts live ones only. The
 * page of a thread follows from its position, so a highlighted passage, a redirect after a post
 * and the disposition table can all link to `?fils=<page>#commentaire-<id>`.
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { isoInstant, readDb } from "~/utils/read-db.server";
import { THREADS_PER_PAGE, pageOfPosition } from "../thread-pages";
import { COMMENT_KIND_LABELS, DISPOSITION_LABELS, type CommentKind, type Disposition } from "../labels";

/** One comment as the thread list shows it (replies carry `rank: null`, `kind: null`). */
export type ThreadComment = {
  id: string;
  rank: number | null;
  kind: CommentKind | null;
  kindLabel: string | null;
  body: string | null;
  deleted: boolean;
  author: string;
  organisation: string;
  createdAt: string;
  edited: boolean;
  /** The passage commented on (the list shows its quote; its context is the disposition table's). */
  anchor: { quote: string } | null;
  disposition: Disposition | null;
  dispositionLabel: string | null;
  dispositionReply: string | null;
  disposedAt: string | null;
  mine: boolean;
  /** For a reply to a reply: whom it answers. */
  inReplyTo: string | null;
  replies: ThreadComment[];
};

export type ThreadCounts = {
  /** Threads, deleted top-level comments included: what the pages number. */
  threads: number;
  /** Live top-level comments: the "Commentaires (n)" of the page. */
  live: number;
  /** Live top-level comments without a disposition. */
  undisposed: number;
  /** Whether a live top-level comment is anchored to a passage. */
  anchored: boolean;
};

export type ThreadPage = ThreadCounts & { page: number; pageCount: number; list: ThreadComment[] };

/** A live anchored passage of the version: where it is, and the rank and page of its thread. */
export type PassageLink = { commentId: string; from: number; to: number; rank: number; page: number };

/** An integer in the SQL text: a bound JavaScript number divides as a real. */
const PER_PAGE = sql.lit(THREADS_PER_PAGE);

/** ThreadCounts' columns, over the version's top-level comments (aliased `c`). */
const COUNT_COLUMNS = sql`count(*) AS threads,
  coalesce(sum(c.deletedAt IS NULL), 0) AS live,
  coalesce(sum(c.deletedAt IS NULL AND c.disposition IS NULL), 0) AS undisposed,
  coalesce(sum(c.deletedAt IS NULL AND c.anchorQuote IS NOT NULL AND c.anchorQuote <> ''), 0) AS anchored`;

type CountsRow = { threads: number; live: number; undisposed: number; anchored: number };

const countsOf = (row: CountsRow): ThreadCounts => ({
  threads: Number(row.threads),
  live: Number(row.live),
  undisposed: Number(row.undisposed),
  anchored: Number(row.anchored) > 0,
});

export async function threadCounts(versionId: string): Promise<ThreadCounts> {
  const { rows } = await sql<CountsRow>`
    SELECT ${COUNT_COLUMNS} FROM RfcComment c WHERE c.versionId = ${versionId} AND c.parentId IS NULL`.execute(
    readDb(),
  );
  return countsOf(rows[0]);
}

type CommentRow = {
  id: string;
  parentId: string | null;
  authorId: string;
  kind: string | null;
  body: string;
  anchorQuote: string | null;
  createdAt: string | number;
  updatedAt: string | number;
  deletedAt: string | number | null;
  disposition: string | null;
  dispositionReply: string | null;
  disposedAt: string | number | null;
  firstName: string;
  lastName: string;
  organisation: string;
};

const COMMENT_COLUMNS = sql`c.id, c.parentId, c.authorId, c.kind, c.body, c.anchorQuote, c.createdAt, c.updatedAt, c.deletedAt, c.disposition, c.dispositionReply, c.disposedAt,
  u.firstName, u.lastName, o.name AS organisation`;

function commentView(user: SessionUser, r: CommentRow, rank: number | null, inReplyTo: string | null): ThreadComment {
  const deleted = r.deletedAt !== null;
  const createdAt = isoInstant(r.createdAt);
  return {
    id: r.id,
    rank,
    kind: (r.kind as CommentKind | null) ?? null,
    kindLabel: r.kind ? (COMMENT_KIND_LABELS[r.kind as CommentKind] ?? r.kind) : null,
    body: deleted ? null : r.body,
    deleted,
    author: `${r.firstName} ${r.lastName}`,
    organisation: r.organisation,
    createdAt,
    edited: isoInstant(r.updatedAt) !== createdAt && !deleted,
    anchor: r.anchorQuote ? { quote: r.anchorQuote } : null,
    disposition: (r.disposition as Disposition | null) ?? null,
    dispositionLabel: r.disposition ? (DISPOSITION_LABELS[r.disposition as Disposition] ?? r.disposition) : null,
    dispositionReply: r.dispositionReply,
    disposedAt: r.disposedAt === null ? null : isoInstant(r.disposedAt),
    mine: r.authorId === user.id,
    inReplyTo,
    replies: [],
  };
}

/**
 * Page `requested` of the version's threads (the last page when it lies beyond), each with its
 * replies, by date, and the live anchored passages of the whole version (for the marks in its
 * text, version-text.server.ts): the counts, the page's top-level comments and the passages in
 * one statement, the replies at any depth in a second.
 */
export async function threadPage(
  user: SessionUser,
  versionId: string,
  requested: number,
): Promise<ThreadPage & { passages: PassageLink[] }> {
  const db = readDb();
  const { rows } = await sql<
    Partial<CommentRow> &
      CountsRow & { page: number; passages: string; liveRank: number | null; position: number | null }
  >`
    WITH roots AS (
      SELECT c.id, c.deletedAt, c.disposition, c.anchorQuote, c.anchorFrom, c.anchorTo,
        row_number() OVER (ORDER BY c.createdAt, c.id) AS position,
        row_number() OVER (PARTITION BY c.deletedAt IS NULL ORDER BY c.createdAt, c.id) AS liveRank
      FROM RfcComment c WHERE c.versionId = ${versionId} AND c.parentId IS NULL
    ),
    counts AS (
      SELECT ${COUNT_COLUMNS},
        min(max(1, CAST(${requested} AS INTEGER)), max(1, (count(*) + ${PER_PAGE} - 1) / ${PER_PAGE})) AS page,
        (SELECT json_group_array(json_array(id, anchorFrom, anchorTo, liveRank, position)) FROM (
          SELECT * FROM roots WHERE deletedAt IS NULL AND anchorFrom IS NOT NULL AND anchorTo IS NOT NULL
          ORDER BY position)) AS passages
      FROM roots c
    )
    SELECT counts.*, ${COMMENT_COLUMNS}, roots.liveRank, roots.position
    FROM counts LEFT JOIN roots ON roots.position > (counts.page - 1) * ${PER_PAGE}
        AND roots.position <= counts.page * ${PER_PAGE}
      LEFT JOIN RfcComment c ON c.id = roots.id LEFT JOIN User u ON u.id = c.authorId
      LEFT JOIN Organisation o ON o.id = c.organisationId
    ORDER BY roots.position`.execute(db);
  const head = rows[0];
  const counts = countsOf(head);
  const page = Number(head.page);
  const pageCount = Math.max(1, Math.ceil(counts.threads / THREADS_PER_PAGE));
  const roots = rows.filter((r): r is typeof r & CommentRow => r.id != null);
  const list = roots.map((r) => commentView(user, r, r.deletedAt === null ? Number(r.liveRank) : null, null));
  if (list.length > 0) {
    const ids = list.map((t) => t.id);
    const { rows: replies } = await sql<CommentRow & { root: string; parentName: string | null }>`
      WITH RECURSIVE tree(id, root) AS (
        SELECT id, id FROM RfcComment WHERE id IN (${sql.join(ids)})
        UNION ALL SELECT r.id, tree.root FROM RfcComment r JOIN tree ON r.parentId = tree.id
      )
      SELECT ${COMMENT_COLUMNS}, tree.root,
        CASE WHEN p.parentId IS NOT NULL THEN pu.firstName || ' ' || pu.lastName END AS parentName
      FROM tree JOIN RfcComment c ON c.id = tree.id JOIN User u ON u.id = c.authorId
        JOIN Organisation o ON o.id = c.organisationId
        JOIN RfcComment p ON p.id = c.parentId JOIN User pu ON pu.id = p.authorId
      WHERE tree.id <> tree.root
      ORDER BY c.createdAt, c.id`.execute(db);
    const byId = new Map(list.map((t) => [t.id, t]));
    for (const r of replies) byId.get(r.root)?.replies.push(commentView(user, r, null, r.parentName));
  }
  const passages = (JSON.parse(head.passages) as [string, number, number, number, number][]).map(
    ([commentId, from, to, rank, position]) => ({ commentId, from, to, rank, page: pageOfPosition(position) }),
  );
  return { ...counts, page, pageCount, list, passages };
}

/**
 * The page of the thread that holds a comment of this version (a reply's is its top-level
 * comment's), or null when the comment is not one of the version's.
 */
export async function threadPageOf(versionId: string, commentId: string): Promise<number | null> {
  const { rows } = await sql<{ position: number }>`
    WITH RECURSIVE up(id, parentId) AS (
      SELECT id, parentId FROM RfcComment WHERE id = ${commentId} AND versionId = ${versionId}
      UNION ALL SELECT c.id, c.parentId FROM RfcComment c JOIN up ON c.id = up.parentId
    )
    SELECT (SELECT count(*) FROM RfcComment o WHERE o.versionId = ${versionId} AND o.parentId IS NULL
        AND (o.createdAt < root.createdAt OR (o.createdAt = root.createdAt AND o.id <= root.id))) AS position
    FROM up JOIN RfcComment root ON root.id = up.id WHERE up.parentId IS NULL`.execute(readDb());
  return rows.length > 0 ? pageOfPosition(Number(rows[0].position)) : null;
}
