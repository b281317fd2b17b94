import { beforeAll, describe, expect, test } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { ReadInsideWriteTransactionError, readDb } from "~/utils/read-db.server";
import { loadReferenceData } from "../../../../seeds/reference/load.server";
import { COMMENT_KIND_LABELS, DISPOSITION_LABELS, type CommentKind, type Disposition } from "../labels";
import { dispositionRows, passageInContext, type DispositionRow } from "./dispositions.server";

/** The table as the Prisma read model computed it before decision 021: the read side must match it exactly. */
async function rowsThroughPrisma(versionId: string): Promise<Omit<DispositionRow, "page">[]> {
  const comments = await prisma.rfcComment.findMany({
    where: { versionId, parentId: null, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      organisation: { select: { name: true } },
      author: { select: { firstName: true, lastName: true } },
      _count: { select: { replies: { where: { deletedAt: null } } } },
    },
  });
  return comments.map((c, index) => ({
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
}

let v1 = "";
let v2 = "";
let authors: { id: string; organisationId: string }[] = [];

async function comment(
  versionId: string,
  data: Partial<{
    id: string;
    parentId: string;
    kind: string | null;
    body: string;
    anchorQuote: string;
    anchorPrefix: string;
    anchorSuffix: string;
    deletedAt: Date;
    disposition: string;
    dispositionReply: string;
    disposedAt: Date;
  }> & { createdAt: Date },
  author = authors[0]!,
) {
  return prisma.rfcComment.create({
    data: {
      versionId,
      authorId: author.id,
      organisationId: author.organisationId,
      body: "Texte.",
      updatedAt: data.createdAt,
      ...data,
    },
  });
}

beforeAll(async () => {
  await loadReferenceData();
  const organisations = await prisma.organisation.findMany({ orderBy: { name: "asc" }, take: 3 });
  authors = await Promise.all(
    organisations.map((organisation, i) =>
      prisma.user.create({
        data: {
          email: `auteur${i}@exemple.fr`,
          firstName: ["Léa", "Éric", "Zoé"][i]!,
          lastName: ["Dupont", "N'Diaye", "Martin-Œuvre"][i]!,
          organisationId: organisation.id,
        },
      }),
    ),
  );
  const workflow = (type: string) =>
    prisma.workflowInstance.create({ data: { type, machineVersion: 1, status: "X", snapshot: "{}" } });
  const group = await prisma.workGroup.create({
    data: { code: "essai", name: "Essai", kind: "GT", workflowId: (await workflow("group")).id },
  });
  const rfc = await prisma.rfc.create({
    data: {
      number: "RFC-2026-900",
      year: 2026,
      seq: 900,
      groupId: group.id,
      title: "Essai",
      createdById: authors[0]!.id,
    },
  });
  const version = async (number: number) =>
    (
      await prisma.rfcVersion.create({
        data: {
          rfcId: rfc.id,
          number,
          content: "{}",
          workflowId: (await workflow("rfc")).id,
          createdById: authors[0]!.id,
        },
      })
    ).id;
  v1 = await version(1);
  v2 = await version(2);

  const at = (iso: string) => new Date(iso);
  const objection = await comment(v1, {
    kind: "OBJECTION",
    body: "Le format « XML » ne convient pas.",
    anchorQuote: "transmis au format XML",
    anchorPrefix: "Le formulaire est",
    anchorSuffix: ", encodé en UTF-8.",
    createdAt: at("2026-11-02T10:00:00.000Z"),
    disposition: "PARTIELLEMENT_ACCEPTE",
    dispositionReply: "Un format CSV sera proposé.",
    disposedAt: at("2026-11-20T08:30:00.123Z"),
  });
  await comment(v1, { parentId: objection.id, kind: null, body: "D'accord.", createdAt: at("2026-11-03T09:00:00Z") });
  await comment(
    v1,
    {
      parentId: objection.id,
      body: "Retirée.",
      createdAt: at("2026-11-03T09:05:00Z"),
      deletedAt: at("2026-11-04T00:00:00Z"),
    },
    authors[1],
  );
  // Same instant as the next one: the id breaks the tie.
  await comment(
    v1,
    { id: "zz-second", kind: "FOND", body: "Sur le fond.", createdAt: at("2026-11-05T12:00:00Z") },
    authors[1],
  );
  await comment(
    v1,
    { id: "aa-first", kind: "SOUTIEN", body: "Soutien.", createdAt: at("2026-11-05T12:00:00Z") },
    authors[2],
  );
  await comment(v1, {
    kind: "INCONNU",
    body: "Nature hors liste.",
    anchorQuote: "seul",
    createdAt: at("2026-11-06T00:00:00Z"),
  });
  await comment(v1, {
    kind: "QUESTION",
    body: "Supprimé.",
    createdAt: at("2026-11-07T00:00:00Z"),
    deletedAt: at("2026-11-08T00:00:00Z"),
  });
  await comment(v2, { kind: "QUESTION", body: "Autre version.", createdAt: at("2026-11-09T00:00:00Z") });
});

describe("the disposition table's read model on the read connection", () => {
  test("lists exactly what the Prisma read model listed: same rows, order, labels, counts and instants", async () => {
    const rows = await dispositionRows(v1);
    const withoutPage = (all: DispositionRow[]) => all.map(({ page: _page, ...row }) => row);
    expect(withoutPage(rows)).toEqual(await rowsThroughPrisma(v1));
    // Six threads (one deleted): all on the first page of threads, which alone holds them.
    expect(rows.every((r) => r.page === 1)).toBe(true);
    expect(await dispositionRows(v1, 1)).toEqual(rows);
    expect(await dispositionRows(v1, 2)).toEqual([]);
    expect(rows.map((r) => [r.rank, r.comment, r.replies, r.disposition])).toEqual([
      [1, "Le format « XML » ne convient pas.", 1, "partiellement accepté"],
      [2, "Soutien.", 0, ""],
      [3, "Sur le fond.", 0, ""],
      [4, "Nature hors liste.", 0, ""],
    ]);
    expect(rows[0]).toMatchObject({
      passage: "… Le formulaire est « transmis au format XML » , encodé en UTF-8. …",
      disposedAt: "2026-11-20T08:30:00.123Z",
      postedAt: "2026-11-02T10:00:00.000Z",
      author: "Léa Dupont",
    });
    expect(rows[3]!.kind).toBe("INCONNU");
    expect(withoutPage(await dispositionRows(v2))).toEqual(await rowsThroughPrisma(v2));
  });

  test("sees what a write transaction committed, once it has committed", async () => {
    await writeTransaction(() =>
      comment(v2, { kind: "FOND", body: "Ajouté.", createdAt: new Date("2026-11-10T00:00:00Z") }),
    );
    expect((await dispositionRows(v2)).map((r) => r.comment)).toEqual(["Autre version.", "Ajouté."]);
  });

  test("refuses to run inside a write transaction, whose own rows it could not see", async () => {
    // A Kysely instance taken outside the transaction is refused too: the check runs on every query.
    const db = readDb();
    await expect(
      writeTransaction(async () => {
        await comment(v2, { kind: "FOND", body: "Pas encore validé.", createdAt: new Date("2026-11-11T00:00:00Z") });
        return dispositionRows(v2);
      }),
    ).rejects.toThrow(ReadInsideWriteTransactionError);
    await expect(
      writeTransaction(() => db.selectFrom("RfcComment").select("id").where("versionId", "=", v2).execute()),
    ).rejects.toThrow(ReadInsideWriteTransactionError);
    // The refused transaction rolled back.
    expect((await dispositionRows(v2)).map((r) => r.comment)).toEqual(["Autre version.", "Ajouté."]);
  });
});
