/**
 * The version page's threads, a page at a time, on the read connection: the same threads, order,
 * ranks, labels and replies as the Prisma read model showed (commentThreads), cut 50 a page; the
 * highlighted passages link to the page of their thread; the version page's redirects land on
 * the page that holds the comment.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import type { RichTextDocument } from "~/modules/richtext/render.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loader as versionLoader, action as versionAction } from "~/routes/rfc.$number.v.$version._index";
import { people } from "../../../../test/support/people";
import { GROUP, openToCnaf, rfcCast, versionRow } from "../../../../test/support/rfc";
import { callRoute, cookieOf } from "../../../../test/support/routes";
import { loader as dispositionsLoader } from "~/routes/rfc.$number.v.$version.dispositions";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { renderWithAnchors } from "../anchors.server";
import { dispositionTable } from "../dispositions.server";
import { anchorsOf, commentThreads, type CommentView } from "../../../../test/support/rfc-threads-reference";
import { deleteComment, editComment, postComment } from "../comments.server";
import { COMMENT_KINDS } from "../labels";
import { createRfc } from "../rfc-commands.server";
import { versionTextHtml } from "../version-text.server";
import { dispositionRows } from "./dispositions.server";
import { threadPage, threadPageOf, type ThreadComment } from "./threads.server";

const DOCUMENT: RichTextDocument = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [{ type: "text", text: "Le formulaire de demande est transmis au format XML, encodé en UTF-8." }],
    },
    { type: "paragraph", content: [{ type: "text", text: "Les pièces justificatives sont jointes au format PDF." }] },
  ],
};
const START = Date.parse("2026-11-02T10:00:00Z");
const minute = (n: number) => new Date(START + n * 60_000);

let pilot: SessionUser, cnaf: SessionUser, coordinator: SessionUser;
let number = "";
let versionId = "";
/** The top-level comments, oldest first (thread i is at position i + 1). */
const threads: string[] = [];

const ok = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

/** The old read model's threads as the page received them (no organisationId). */
function asShown(view: CommentView): ThreadComment {
  const { organisationId: _organisationId, replies, anchor, ...rest } = view;
  return { ...rest, anchor: anchor ? { quote: anchor.quote } : null, replies: replies.map(asShown) };
}

beforeAll(async () => {
  ({ pilot, cnaf, coordinator } = await rfcCast());
  number = ok(await createRfc(pilot, GROUP, { title: "Format d'échange", document: DOCUMENT })).number;
  ok(await openToCnaf(pilot, number, "2026-11-30T17:00:00Z"));
  versionId = (await versionRow(number)).id;
  for (let i = 0; i < 120; i++) {
    const passage = i % 3 === 0 ? "format XML" : i % 7 === 0 ? "format PDF" : null;
    const posted = ok(
      await postComment(
        cnaf,
        number,
        1,
        { kind: COMMENT_KINDS[i % COMMENT_KINDS.length], body: `Commentaire ${i}.`, passage },
        minute(i),
      ),
    );
    threads.push(posted.id);
  }
  // Replies, a reply to a reply by someone else, an edit, deletions (a deleted comment keeps its thread).
  const reply = ok(await postComment(cnaf, number, 1, { body: "Réponse.", parentId: threads[54] }, minute(200)));
  await prisma.rfcComment.create({
    data: {
      versionId,
      parentId: reply.id,
      authorId: pilot.id,
      organisationId: pilot.organisationId,
      body: "Réponse à la réponse.",
      createdAt: minute(201),
      updatedAt: minute(201),
    },
  });
  ok(await postComment(cnaf, number, 1, { body: "Sur la page 3.", parentId: threads[110] }, minute(202)));
  ok(await editComment(cnaf, threads[7], { body: "Modifié.", kind: "FOND" }, minute(203)));
  ok(await deleteComment(cnaf, threads[3], minute(204)));
  ok(await deleteComment(cnaf, threads[60], minute(205)));
});

afterAll(() => resetClock());

describe("the version page's threads on the read connection", () => {
  test("pages exactly what the Prisma read model showed, 50 threads a page, with the same counts", async () => {
    const all = (await commentThreads(cnaf, versionId)).map(asShown);
    expect(all).toHaveLength(120);
    for (const page of [1, 2, 3]) {
      const shown = await threadPage(cnaf, versionId, page);
      expect(shown.list).toEqual(all.slice((page - 1) * 50, page * 50));
      expect(shown).toMatchObject({
        page,
        pageCount: 3,
        threads: 120,
        live: all.filter((t) => !t.deleted).length,
        undisposed: all.filter((t) => !t.deleted && !t.disposition).length,
        anchored: true,
      });
    }
    // Beyond the last page: the last page.
    expect((await threadPage(cnaf, versionId, 9)).page).toBe(3);
    const second = await threadPage(cnaf, versionId, 2);
    const withReplies = second.list.find((t) => t.id === threads[54])!;
    expect(withReplies.replies.map((r) => [r.body, r.inReplyTo])).toEqual([
      ["Réponse.", null],
      ["Réponse à la réponse.", "Test membre"],
    ]);
    expect(second.list.find((t) => t.id === threads[60])).toMatchObject({ deleted: true, rank: null, body: null });
    // Another person sees the same threads, none of them theirs.
    expect((await threadPage(coordinator, versionId, 1)).list.every((t) => !t.mine)).toBe(true);
  });

  test("links each live anchored passage to the rank and page of its thread", async () => {
    const links = (await threadPage(cnaf, versionId, 1)).passages;
    // Every page reads the whole version's passages, whoever asks.
    for (const page of [2, 3, 9]) expect((await threadPage(cnaf, versionId, page)).passages).toEqual(links);
    expect((await threadPage(coordinator, versionId, 2)).passages).toEqual(links);
    expect(links.map(({ commentId, from, to }) => ({ commentId, from, to }))).toEqual(await anchorsOf(versionId));
    const all = await commentThreads(cnaf, versionId);
    for (const link of links) {
      const position = all.findIndex((t) => t.id === link.commentId);
      expect(link.page).toBe(Math.floor(position / 50) + 1);
      expect(link.rank).toBe(all[position]!.rank);
    }
    expect(links.some((l) => l.commentId === threads[3])).toBe(false); // deleted: no mark
    // The disposition table's rows link to the same pages, and its page n holds the threads of page n.
    const rows = await dispositionRows(versionId);
    const pageOf = (id: string) => rows.find((r) => r.id === id)?.page;
    expect([pageOf(threads[0]), pageOf(threads[50]), pageOf(threads[119])]).toEqual([1, 2, 3]);
    for (const page of [1, 2, 3]) {
      const onPage = (await threadPage(cnaf, versionId, page)).list.filter((t) => !t.deleted);
      const tableRows = await dispositionRows(versionId, page);
      expect(tableRows.map((r) => [r.id, r.rank, r.page])).toEqual(onPage.map((t) => [t.id, t.rank, page]));
      expect(tableRows).toEqual(rows.filter((r) => r.page === page));
    }
  });

  test("finds the page of the thread that holds a comment, a reply's at any depth", async () => {
    const nested = await prisma.rfcComment.findFirstOrThrow({ where: { body: "Réponse à la réponse." } });
    expect(await threadPageOf(versionId, threads[0])).toBe(1);
    expect(await threadPageOf(versionId, threads[54])).toBe(2);
    expect(await threadPageOf(versionId, nested.id)).toBe(2);
    expect(await threadPageOf(versionId, threads[110])).toBe(3);
    expect(await threadPageOf(versionId, "inconnu")).toBeNull();
    expect(await threadPageOf("autre-version", threads[0])).toBeNull();
  });
});

describe("the version's marked text", () => {
  test("ends each passage with a link to its thread's page, never inside a link of the text", () => {
    const linked: RichTextDocument = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Voir " },
            { type: "text", text: "la norme", marks: [{ type: "link", attrs: { href: "https://exemple.fr" } }] },
            { type: "text", text: " publiée." },
          ],
        },
      ],
    };
    // "Voir la no": the passage ends inside the text's link; its own link follows that link.
    const html = renderWithAnchors(linked, [
      {
        commentId: "c1",
        from: 1,
        to: 11,
        thread: { href: "/rfc/X/v/1?fils=2#commentaire-c1", label: "n° 3", number: 3 },
      },
    ]);
    expect(html).toContain('<mark class="rfc-passage" id="passage-c1">Voir </mark>');
    expect(html).toMatch(
      /<a [^>]*href="https:\/\/exemple.fr"[^>]*><mark class="rfc-passage">la no<\/mark>rme<\/a><a class="rfc-passage-link" href="\/rfc\/X\/v\/1\?fils=2#commentaire-c1" data-numero="3" aria-label="n° 3"><\/a> publiée\./,
    );
  });

  test("links every highlight to the page of its thread (relative to the version page), and changes with the comments", async () => {
    const version = await versionRow(number);
    const passages = async () => (await threadPage(cnaf, versionId, 1)).passages;
    const text = async () =>
      versionTextHtml(
        { id: versionId, updatedAt: version.updatedAt.toISOString(), content: version.content },
        await passages(),
      );
    const html = await text();
    expect(html).toContain(`href="?fils=1#commentaire-${threads[0]}"`);
    expect(html).toContain(`href="?fils=2#commentaire-${threads[54]}"`);
    expect(html).toContain(`href="?fils=3#commentaire-${threads[102]}"`);
    expect(html.match(/class="rfc-passage-link"/g)).toHaveLength((await passages()).length);
    const posted = ok(
      await postComment(cnaf, number, 1, { kind: "FOND", body: "Nouveau.", passage: "format PDF" }, minute(300)),
    );
    expect(await text()).toContain(`href="?fils=3#commentaire-${posted.id}"`);
    ok(await deleteComment(cnaf, posted.id, minute(301)));
    expect(await text()).not.toContain(`#commentaire-${posted.id}"`);
  });
});

describe("the version page", () => {
  const params = () => ({ number, version: "1" });
  // After every comment above: what the page posts now comes last.
  beforeAll(() => setClock(minute(400), { frozen: true }));

  test("shows the page asked for, the pager's count, and the text and threads in the data of a client navigation only", async () => {
    const data = (await callRoute(versionLoader, cnaf, `/rfc/${number}/v/1?fils=2`, params())) as {
      threads: { page: number; pageCount: number; list: { id: string }[] };
      html: string | null;
    };
    expect(data.threads.page).toBe(2);
    expect(data.threads.list[0]!.id).toBe(threads[50]);
    expect(data.html).toContain(`?fils=2#commentaire-${threads[54]}`);
    // A document request: the text goes to the server render, not into the data.
    const servedOnce = new Map<string, unknown>();
    const request = new Request(`http://localhost:3000/rfc/${number}/v/1`, {
      headers: { cookie: await cookieOf(cnaf) },
    });
    const page = (await versionLoader({
      request,
      params: params(),
      context: { ip: "127.0.0.1", documentRequest: true, servedOnce },
    })) as { html: string | null; threads: { list: unknown; page: number } };
    expect(page.html).toBeNull();
    expect(page.threads).toMatchObject({ list: null, page: 1 });
    expect(servedOnce.get("texte-version")).toBe(data.html);
    expect((servedOnce.get("fils") as { id: string }[]).map((t) => t.id)).toEqual(threads.slice(0, 50));
  });

  test("lands on the page of the thread after a reply, an edit, a deletion; a new comment on the last page", async () => {
    /** Where the page sends the person after posting `fields` from the form of `page`. */
    const landing = async (fields: Record<string, string>, page = "?index") => {
      const answer = (await callRoute(versionAction, cnaf, `/rfc/${number}/v/1${page}`, params(), fields)) as Response;
      return answer.headers.get("Location");
    };
    const version = `/rfc/${number}/v/1`;
    const replied = await landing(
      { intent: "repondre", parentId: threads[54]!, body: "Une réponse de plus." },
      "?index&fils=2",
    );
    const reply = await prisma.rfcComment.findFirstOrThrow({ where: { body: "Une réponse de plus." } });
    expect(replied).toBe(`${version}?fils=2&fait=repondre#commentaire-${reply.id}`);
    // From another page's form too: the thread decides, not the page the form was on.
    expect(
      await landing({ intent: "modifier-commentaire", commentId: threads[110]!, body: "Modifié depuis la page 1." }),
    ).toBe(`${version}?fils=3&fait=modifier-commentaire#commentaire-${threads[110]}`);
    const posted = await landing({ intent: "commenter", kind: "QUESTION", body: "Dernier fil." });
    const last = await prisma.rfcComment.findFirstOrThrow({ where: { body: "Dernier fil." } });
    expect(posted).toBe(`${version}?fils=3&fait=commenter#commentaire-${last.id}`);
    expect(await landing({ intent: "supprimer-commentaire", commentId: threads[70]! })).toBe(
      `${version}?fils=2&fait=supprimer-commentaire#commentaires`,
    );
  });

  test("a disposition lands on the page of its thread; the disposition table shows that page of threads", async () => {
    setClock(new Date("2026-12-01T09:00:00Z"), { frozen: true });
    await runDueJobs();
    const version = `/rfc/${number}/v/1`;
    const disposed = (await callRoute(versionAction, pilot, `${version}?index`, params(), {
      intent: "disposer",
      commentId: threads[75]!,
      disposition: "ACCEPTE",
      reply: "Retenu.",
    })) as Response;
    expect(disposed.headers.get("Location")).toBe(`${version}?fils=2&fait=disposer#commentaire-${threads[75]}`);
    type Table = {
      page: number;
      pageCount: number;
      total: number;
      rows: { id: string; page: number; disposition: string }[];
    };
    const table = (await callRoute(dispositionsLoader, pilot, `${version}/dispositions?fils=2`, params())) as Table;
    const onPage = (await threadPage(pilot, versionId, 2)).list.filter((t) => !t.deleted);
    expect(table).toMatchObject({ page: 2, pageCount: 3, total: (await threadPage(pilot, versionId, 1)).live });
    expect(table.rows.map((r) => r.id)).toEqual(onPage.map((t) => t.id));
    expect(table.rows.find((r) => r.id === threads[75])).toMatchObject({ page: 2, disposition: "accepté" });
    // Beyond the last page: the last page; the export keeps every row.
    const last = (await callRoute(dispositionsLoader, pilot, `${version}/dispositions?fils=9`, params())) as Table;
    expect(last.page).toBe(3);
    const all = ok(await dispositionTable(pilot, number, 1));
    expect(all.rows).toHaveLength(table.total);
  });
});
