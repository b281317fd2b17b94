/**
 * The group pages' forms read into typed input, with a French message per field: a group's
 * settings (creation adds its code and kind), a meeting and an action item.
 */
import { z } from "zod";
import { manyIds, recordCode, singleLineText, typedValues } from "~/utils/forms";
import { refused } from "~/utils/intent.server";
import { refusal, type Refusal } from "~/utils/result";
import { isIsoDate } from "~/utils/working-days";
import { DISTRIBUTION_LISTS, GROUP_KINDS, VENDORS_JOIN } from "./labels";

const optionalText = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  singleLineText().optional(),
);

const settingsFields = {
  name: singleLineText("Indiquez le nom du groupe.")
    .min(1, "Indiquez le nom du groupe.")
    .max(200, "200 caractères au plus."),
  memberOrganisationIds: manyIds("Choisissez au moins une organisation membre."),
  pilotOrganisationId: optionalText,
  letterDueOn: optionalText.refine(
    (v) => v === undefined || isIsoDate(v),
    "Saisissez une date valide, par exemple 31/05/2027.",
  ),
  distributionLists: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(DISTRIBUTION_LISTS, { errorMap: () => ({ message: "Liste de diffusion inconnue." }) })),
  ),
  vendorsJoin: z.enum(VENDORS_JOIN, {
    errorMap: () => ({ message: "Choisissez quand les éditeurs de logiciels rejoignent la diffusion du groupe." }),
  }),
};

export const createGroupSchema = z.object({
  ...settingsFields,
  code: recordCode({ missing: "Indiquez le code du groupe", example: "sphere-emploi" }),
  kind: z.enum(GROUP_KINDS, { errorMap: () => ({ message: "Choisissez le type de groupe." }) }),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const groupSettingsSchema = z.object(settingsFields);
export type GroupSettingsInput = z.infer<typeof groupSettingsSchema>;

const time = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, message);

export const meetingSchema = z.object({
  date: z
    .string({ required_error: "Saisissez la date de la réunion." })
    .trim()
    .refine(isIsoDate, "Saisissez la date de la réunion, par exemple 23/03/2027."),
  startTime: time("Saisissez l'heure de début, par exemple 14:00."),
  endTime: time("Saisissez l'heure de fin, par exemple 16:30."),
  place: singleLineText("Indiquez le lieu de la réunion.")
    .min(1, "Indiquez le lieu de la réunion (adresse, salle ou audioconférence).")
    .max(300, "300 caractères au plus."),
  attendeeIds: manyIds(),
});
export type MeetingFields = z.infer<typeof meetingSchema>;

export const actionItemSchema = z.object({
  title: singleLineText("Décrivez l'action à engager.")
    .min(1, "Décrivez l'action à engager.")
    .max(300, "300 caractères au plus."),
  organisationIds: manyIds("Choisissez au moins une organisation responsable."),
  dueOn: z
    .string({ required_error: "Saisissez l'échéance." })
    .trim()
    .refine(isIsoDate, "Saisissez l'échéance, par exemple 30/06/2027."),
});
export type ActionItemFields = z.infer<typeof actionItemSchema>;

/** What was typed in a group's creation or settings form, the checkbox groups as lists, to show it again. */
export function groupFormValues(form: FormData) {
  return typedValues(form, ["memberOrganisationIds", "distributionLists"]);
}

/** A refused creation or settings form: its status, the message, the field errors and what was typed. */
export function refusedGroupForm(reason: Refusal, form: FormData) {
  return refused(reason, { message: reason.message, errors: reason.errors ?? {}, values: groupFormValues(form) });
}
