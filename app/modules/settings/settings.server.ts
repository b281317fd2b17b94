/**
 * Settings an administrator or coordinator may change, stored as JSON in `Setting`, each
 * validated by its zod schema and falling back to its default in code.
 */
import type { z } from "zod";
import { prisma, writeTransaction } from "~/utils/db.server";
import { readDb } from "~/utils/read-db.server";
import { currentTransactionScope } from "../../../prisma/sqlite-adapter";
import { recordAudit, type Actor } from "~/modules/journal/audit.server";

export type SettingDefinition<T> = { key: string; schema: z.ZodType<T>; defaultValue: T; label: string };

export function defineSetting<T>(definition: SettingDefinition<T>) {
  return definition;
}

/**
 * The setting's value. Inside a write transaction through `prisma`, which is that transaction (a
 * command sees what it wrote); elsewhere on the read connection (decision 021), as pages do.
 */
export async function readSetting<T>(definition: SettingDefinition<T>): Promise<T> {
  const row =
    currentTransactionScope()?.tx !== undefined
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
