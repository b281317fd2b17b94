import { describe, expect, test } from "vitest";
import { OwnTransactionLockError } from "../../prisma/sqlite-adapter";
import { NestedTransactionError, openClient, prisma, writeTransaction } from "./db.server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A service that knows nothing of transactions: it just uses the app's client. */
async function departementName(code: string) {
  return (await prisma.departement.findUnique({ where: { code } }))?.name ?? null;
}

/**
 * Writes `code` in a transaction, then runs `blocked` inside it, which must fail with
 * OwnTransactionLockError (rolling the transaction back): how long it took to fail.
 */
async function msBeforeLockError(code: string, blocked: () => Promise<unknown>) {
  let waited = Infinity;
  await expect(
    writeTransaction(async (tx) => {
      await tx.departement.create({ data: { code, name: `Essai ${code}` } });
      const started = performance.now();
      try {
        await blocked();
      } finally {
        waited = performance.now() - started;
      }
    }),
  ).rejects.toThrow(OwnTransactionLockError);
  return waited;
}

describe("writeTransaction binds the transaction to its async context", () => {
  test("a service called inside the transaction sees its uncommitted rows without being passed tx", async () => {
    const seen = await writeTransaction(async (tx) => {
      await tx.departement.create({ data: { code: "T1", name: "Essai un" } });
      // Several awaits and a timer later, still in the transaction's scope.
      await sleep(5);
      return departementName("T1");
    });
    expect(seen).toBe("Essai un");
  });

  test("a write through the app's client inside the transaction is rolled back with it", async () => {
    await expect(
      writeTransaction(async () => {
        await prisma.departement.create({ data: { code: "T2", name: "Essai deux" } });
        throw new Error("refused after the write");
      }),
    ).rejects.toThrow("refused after the write");
    expect(await departementName("T2")).toBeNull();
  });

  test("a statement sent through a client captured outside the transaction fails at once instead of waiting 20 s", async () => {
    // A model delegate taken before the transaction is the process connection's, not the transaction's.
    const departements = prisma.departement;
    // Without the guard it waits for the transaction's 20 s timeout.
    expect(await msBeforeLockError("T3", () => departements.count())).toBeLessThan(2_000);
    expect(await departementName("T3")).toBeNull();
  });

  test("a second connection to the same file fails at once when its write would wait for our own transaction", async () => {
    const other = openClient(process.env.DATABASE_URL);
    try {
      const blocked = () => other.departement.create({ data: { code: "T5", name: "Essai cinq" } });
      // Without the guard it retries SQLITE_BUSY for 15 s.
      expect(await msBeforeLockError("T4", blocked)).toBeLessThan(2_000);
      // Outside any transaction the same connection writes as usual.
      await other.departement.create({ data: { code: "T5", name: "Essai cinq" } });
      expect(await departementName("T5")).toBe("Essai cinq");
    } finally {
      await other.$disconnect();
    }
  });

  test("a statement from an unrelated request waits for the transaction, then runs and sees its rows", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const transaction = writeTransaction(async (tx) => {
      await tx.departement.create({ data: { code: "T6", name: "Essai six" } });
      entered();
      await held;
    });
    await inside;
    // Issued from the test's own context: another request, not the transaction's scope.
    let answered = false;
    const other = departementName("T6").then((name) => {
      answered = true;
      return name;
    });
    await sleep(150);
    expect(answered).toBe(false);
    release();
    await transaction;
    expect(await other).toBe("Essai six");
  });

  test("a nested writeTransaction is refused at once and the outer transaction still commits", async () => {
    await writeTransaction(async (tx) => {
      await tx.departement.create({ data: { code: "T7", name: "Essai sept" } });
      const started = performance.now();
      await expect(writeTransaction(async () => "inner")).rejects.toThrow(NestedTransactionError);
      expect(() => prisma.$transaction).toThrow(NestedTransactionError);
      expect(performance.now() - started).toBeLessThan(2_000);
    });
    expect(await departementName("T7")).toBe("Essai sept");
  });

  test("work that outlives its transaction falls back to the process connection", async () => {
    let late!: Promise<string | null>;
    await writeTransaction(async (tx) => {
      await tx.departement.create({ data: { code: "T8", name: "Essai huit" } });
      late = sleep(50).then(() => departementName("T8"));
    });
    expect(await late).toBe("Essai huit");
  });

  test("transactions one after another in the same context each get their own scope", async () => {
    await writeTransaction((tx) => tx.departement.create({ data: { code: "T9", name: "Essai neuf" } }));
    const name = await writeTransaction(() => departementName("T9"));
    expect(name).toBe("Essai neuf");
  });
});
