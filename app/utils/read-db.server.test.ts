import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { databaseFile, databaseUrl } from "../../prisma/sqlite-adapter";
import { prisma, writeTransaction } from "./db.server";
import { compiledOnce, keepingStatements, ReadInsideWriteTransactionError, readDb } from "./read-db.server";

const organisation = (code: string) => ({
  id: `org-${code}`,
  code,
  kind: "MDPH",
  name: `MDPH ${code}`,
  shortName: `MDPH ${code}`,
});

beforeAll(async () => {
  await prisma.organisation.createMany({ data: ["rd1", "rd2", "rd3"].map(organisation) });
});

describe("the read connection's kept statements", () => {
  const connection = new Database(databaseFile(databaseUrl()), { readonly: true, fileMustExist: true });
  afterAll(() => connection.close());

  test("a SQL text is prepared once and its statement serves every later call, whatever the values bound", () => {
    const prepare = vi.spyOn(connection, "prepare");
    const kept = keepingStatements(connection);
    const nameOf = (id: string) =>
      kept.prepare("SELECT name FROM Organisation WHERE id = ?").all([id]) as { name: string }[];
    expect(nameOf("org-rd1")).toEqual([{ name: "MDPH rd1" }]);
    expect(nameOf("org-rd2")).toEqual([{ name: "MDPH rd2" }]);
    expect(nameOf("org-nobody")).toEqual([]);
    expect(prepare).toHaveBeenCalledTimes(1);
    prepare.mockRestore();
  });

  test("past its size, the least recently used statement is dropped and prepared again when asked", () => {
    const prepare = vi.spyOn(connection, "prepare");
    const kept = keepingStatements(connection, 2);
    const a = "SELECT 1 AS a";
    const b = "SELECT 2 AS b";
    const c = "SELECT 3 AS c";
    const first = kept.prepare(a);
    kept.prepare(b);
    expect(kept.prepare(a)).toBe(first); // a used again: b is now the least recent
    kept.prepare(c); // drops b
    expect(kept.prepare(a)).toBe(first);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([a, b, c]);
    expect(kept.prepare(b).all([])).toEqual([{ b: 2 }]);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([a, b, c, b]);
    prepare.mockRestore();
  });
});

describe("readDb", () => {
  const organisations = () =>
    readDb().selectFrom("Organisation").select(["code", "name"]).where("code", "like", "rd%").orderBy("code").execute();

  test("the same query run again, or with other values, reads what is committed", async () => {
    expect((await organisations()).map((o) => o.code)).toEqual(["rd1", "rd2", "rd3"]);
    await prisma.organisation.update({ where: { code: "rd2" }, data: { name: "Renommée" } });
    expect(await organisations()).toEqual([
      { code: "rd1", name: "MDPH rd1" },
      { code: "rd2", name: "Renommée" },
      { code: "rd3", name: "MDPH rd3" },
    ]);
    const byCode = (code: string) =>
      readDb().selectFrom("Organisation").select("name").where("code", "=", code).executeTakeFirst();
    expect(await byCode("rd1")).toEqual({ name: "MDPH rd1" });
    expect(await byCode("rd3")).toEqual({ name: "MDPH rd3" });
  });

  test("still refuses to read inside a write transaction, with a statement already kept", async () => {
    await organisations(); // its statement is kept
    await expect(writeTransaction(() => organisations())).rejects.toThrow(ReadInsideWriteTransactionError);
    const db = readDb();
    await expect(
      writeTransaction(async (tx) => {
        await tx.organisation.create({ data: organisation("rd4") });
        return db.selectFrom("Organisation").select("code").where("code", "like", "rd%").execute();
      }),
    ).rejects.toThrow(ReadInsideWriteTransactionError);
    // The refused transaction rolled back.
    expect((await organisations()).map((o) => o.code)).toEqual(["rd1", "rd2", "rd3"]);
  });
});

describe("compiledOnce", () => {
  test("builds the query once and binds each call's values where the placeholders stood", async () => {
    let builds = 0;
    const named = compiledOnce((db, args: { pattern: string; except: string }) => {
      builds += 1;
      return db
        .selectFrom("Organisation")
        .select("code")
        .where("code", "like", args.pattern)
        .where("code", "!=", args.except)
        .where("kind", "=", "MDPH")
        .orderBy("code");
    });
    expect(await named({ pattern: "rd%", except: "rd2" })).toEqual([{ code: "rd1" }, { code: "rd3" }]);
    expect(await named({ pattern: "rd%", except: "rd1" })).toEqual([{ code: "rd2" }, { code: "rd3" }]);
    expect(await named({ pattern: "nothing%", except: "" })).toEqual([]);
    expect(builds).toBe(1);
    // The same rows as the query built as usual.
    const usual = await readDb()
      .selectFrom("Organisation")
      .select("code")
      .where("code", "like", "rd%")
      .where("code", "!=", "rd3")
      .where("kind", "=", "MDPH")
      .orderBy("code")
      .execute();
    expect(await named({ pattern: "rd%", except: "rd3" })).toEqual(usual);
  });

  test("refuses to read inside a write transaction", async () => {
    const codes = compiledOnce((db, args: { pattern: string }) =>
      db.selectFrom("Organisation").select("code").where("code", "like", args.pattern),
    );
    expect(await codes({ pattern: "rd1" })).toEqual([{ code: "rd1" }]);
    await expect(writeTransaction(() => codes({ pattern: "rd%" }))).rejects.toThrow(ReadInsideWriteTransactionError);
  });
});
