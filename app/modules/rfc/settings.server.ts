/**
 * Settings of the RFC comment cycles, changed by the CNSA coordinator (/rfc/parametres).
 * Durations are calendar days; the digest hour is Paris time.
 */
import { z } from "zod";
import { defineSetting, readSetting } from "~/modules/settings/settings.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { auditBy } from "~/modules/journal/audit.server";

export type CycleSettings = {
  /** Default time given to answer, from the opening. */
  defaultDays: number;
  /** Shortest time a pilot may give. */
  minimumDays: number;
  /** Reminders to organisations that have not answered, in days before the deadline. */
  reminderDaysBefore: number[];
};

export const cycleSetting = defineSetting<CycleSettings>({
  key: "rfc.cycle",
  label: "Durées des appels à commentaires et rappels",
  schema: z
    .object({
      defaultDays: z.number().int().min(1, "Au moins 1 jour.").max(180, "180 jours au plus."),
      minimumDays: z.number().int().min(1, "Au moins 1 jour.").max(180, "180 jours au plus."),
      reminderDaysBefore: z.array(z.number().int().min(1).max(90)).max(5),
    })
    .refine((v) => v.minimumDays <= v.defaultDays, {
      message: "La durée minimale ne peut pas dépasser la durée par défaut.",
      path: ["minimumDays"],
    }),
  defaultValue: { defaultDays: 21, minimumDays: 10, reminderDaysBefore: [7, 1] },
});

export const digestSetting = defineSetting<{ hour: string }>({
  key: "rfc.digest",
  label: "Heure du récapitulatif quotidien des commentaires",
  schema: z.object({
    hour: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Heure au format HH:MM, par exemple 08:00."),
  }),
  defaultValue: { hour: "08:00" },
});

export async function rfcSettings() {
  const [cycle, digest] = await Promise.all([readSetting(cycleSetting), readSetting(digestSetting)]);
  return { cycle, digest };
}

/** "7, 1" → [7, 1] (sorted, longest first, deduplicated); French messages otherwise. */
export function parseReminderDays(text: string): { ok: true; value: number[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: [] };
  const parts = trimmed.split(/[,;\s]+/).filter(Boolean);
  if (parts.some((p) => !/^\d+$/.test(p)))
    return {
      ok: false,
      message: "Saisissez des nombres entiers de jours séparés par des virgules, par exemple « 7, 1 ».",
    };
  const value = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (value.some((n) => n < 1 || n > 90))
    return { ok: false, message: "Chaque délai de rappel doit être compris entre 1 et 90 jours." };
  if (value.length > 5) return { ok: false, message: "Cinq rappels au plus." };
  return { ok: true, value };
}

/** The person's own choice of the daily digest of new comments. */
export async function digestChoice(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { rfcDigest: true } });
  return user.rfcDigest;
}

export async function setDigestChoice(
  user: { id: string; firstName: string; lastName: string; organisationId: string },
  enabled: boolean,
) {
  await writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { rfcDigest: enabled } });
    await auditBy(tx, user, {
      action: enabled ? "recapitulatif-rfc-active" : "recapitulatif-rfc-desactive",
      entityType: "Utilisateur",
      entityId: user.id,
    });
  });
}
