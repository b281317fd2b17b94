/** The reprise procedure's settings, with the defaults the circulaire suggests. */
import { z } from "zod";
import { defineSetting, readSetting } from "~/modules/settings/settings.server";
import type { DispatchSettings } from "./rules";

const leadTimes = z.array(z.number().int().min(0).max(60)).max(5);

export const dispatchSetting = defineSetting<DispatchSettings>({
  key: "reprise.envoi",
  label: "Envoi mensuel de la liste",
  schema: z.object({
    hour: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Heure au format HH:MM, par exemple 09:00."),
    shift: z.enum(["jour-ouvre-precedent", "le-25"]),
  }),
  defaultValue: { hour: "09:00", shift: "jour-ouvre-precedent" },
});

export type ReminderSettings = {
  /** Calendar days before the State service's answer deadline. */
  answerDaysBefore: number[];
  /** Working days before the end of the MDPH's validation window. */
  validationWorkingDaysBefore: number[];
  /** Calendar days before the end of the month in which the MDPH must request its date. */
  signatureDaysBefore: number[];
};

export const reminderSetting = defineSetting<ReminderSettings>({
  key: "reprise.rappels",
  label: "Rappels avant échéance",
  schema: z.object({
    answerDaysBefore: leadTimes,
    validationWorkingDaysBefore: leadTimes,
    signatureDaysBefore: leadTimes,
  }),
  defaultValue: { answerDaysBefore: [2], validationWorkingDaysBefore: [5, 1], signatureDaysBefore: [10, 3] },
});

export async function repriseSettings() {
  const [dispatch, reminders] = await Promise.all([readSetting(dispatchSetting), readSetting(reminderSetting)]);
  return { dispatch, reminders };
}
