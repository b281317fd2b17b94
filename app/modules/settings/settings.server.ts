/**
 * Settings an administrator or coordinator may change, stored as JSON in `Setting`, each
 * validated by its zod schema and falling back to its default in code.
 */
import type { z } from "zod";
import { prisma, writeTransaction } from "~/utils/db.server";
import { insideWriteTransaction, readDb } from "~/utils/read-db.server";
import { recordAudit, type Actor } from "~/modules/journal/audit.server";

export type SettingDefinition<T> = { key: string; schema: z.ZodType<T>; defaultValue: T; label: string };

export function defineSetting<T>(definition: SettingDefinition<T>) {
  return definition;
}

export async function readSetting<T>(definition: SettingDefinition<T>): Promise<T> {
  // Pages read settings on every request: on the read connection (one kept statement) rather than
  // through Prisma's per-call query compilation. A command reads them through its transaction,
  // which may have just changed them and which the read connection cannot see (decision 021).
  const row = insideWriteTransaction()
    ? await prisma.setting.findUnique({ where: { key: definition.key }, select: { value: true } })
    : await readDb().selectFrom("Setting").select("value").where("key", "=", definition.key).executeTakeFirst();
  if (!row) return definition.defaultValue;
  const parsed = definition.schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : definition.defaultValue;
}

export async function writeSetting<T>(definition: SettingDefinition<T>, value: unknown, actor: Actor) {
  const parsed = definition.schema.safeParse(value);
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues[0]?.message ?? "Valeur invalide." };
  await writeTransaction(async (tx) => {
    const json = JSON.stringify(parsed.data);
    await tx.setting.upsert({
      where: { key: definition.key },
      create: { key: definition.key, value: json, updatedById: actor?.id ?? null },
      update: { value: json, updatedById: actor?.id ?? null },
    });
    await recordAudit(tx, {
      actor,
      action: "parametre-modifie",
      entityType: "Parametre",
      entityId: definition.key,
      data: { valeur: parsed.data },
    });
  });
  return { ok: true as const, value: parsed.data };
}
