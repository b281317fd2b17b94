import { describe, expect, it } from "vitest";

describe("test database", () => {
  it("each test file gets its own migrated SQLite database", async () => {
    const { prisma } = await import("~/utils/db.server");
    await prisma.setting.create({ data: { key: "smoke", value: "1" } });
    expect(await prisma.setting.count()).toBe(1);
    const mode = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode[0].journal_mode).toBe("wal");
  });
});
