import { describe, expect, test } from "vitest";
import { z } from "zod";
import { prisma, writeTransaction } from "~/utils/db.server";
import { defineSetting, readSetting, writeSetting } from "./settings.server";

const delay = defineSetting({
  key: "essai.delai",
  schema: z.object({ days: z.number().int().min(1) }),
  defaultValue: { days: 5 },
  label: "Délai d'essai",
});

describe("readSetting", () => {
  test("gives the default until a value is stored, then the stored value; a value its schema refuses falls back to the default", async () => {
    expect(await readSetting(delay)).toEqual({ days: 5 });
    expect(await writeSetting(delay, { days: 12 }, null)).toEqual({ ok: true, value: { days: 12 } });
    expect(await readSetting(delay)).toEqual({ days: 12 });
    await prisma.setting.update({ where: { key: delay.key }, data: { value: JSON.stringify({ days: 0 }) } });
    expect(await readSetting(delay)).toEqual({ days: 5 });
  });

  test("inside a write transaction, reads what the transaction itself wrote", async () => {
    await writeSetting(delay, { days: 7 }, null);
    const seen = await writeTransaction(async (tx) => {
      await tx.setting.update({ where: { key: delay.key }, data: { value: JSON.stringify({ days: 9 }) } });
      return readSetting(delay);
    });
    expect(seen).toEqual({ days: 9 });
    expect(await readSetting(delay)).toEqual({ days: 9 });
  });
});
