/**
 * What the reprise forms and list filters post, parsed into typed input with French messages:
 * the avenant and the request (zod), the coordinator's board and tool delivery, the reminders'
 * lead times and the requests table's filter.
 */
import { z } from "zod";
import { formValues, multiLineText, parseForm, singleLineText, type FieldErrors } from "~/utils/forms";
import { refusal, success, type Refusal, type Result } from "~/utils/result";
import { isIsoDate } from "~/utils/working-days";
import { REPRISE_STATE_LABELS, type Application } from "../../../workflows/reprise";
import { APPLICATIONS } from "./campaign.server";

/** Parses "10, 3" into [10, 3]: whole numbers 0–60, five at most, largest first, no repeats. */
export function parseLeadTimes(text: string): Result<number[]> {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.some((p) => !/^\d+$/.test(p)))
    return refusal("INVALIDE", "Saisissez des nombres entiers séparés par des virgules, par exemple « 5, 1 ».");
  const values = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (values.some((v) => v > 60)) return refusal("INVALIDE", "Chaque délai doit être compris entre 0 et 60 jours.");
  if (values.length > 5) return refusal("INVALIDE", "Cinq rappels au plus.");
  return success(values);
}

/** "?application=ITAC&etat=transmise" → the filter listRequests takes, ignoring unknown values. */
export function requestFilterOf(url: URL) {
  const application = url.searchParams.get("application");
  const state = url.searchParams.get("etat");
  return {
    application: (APPLICATIONS as string[]).includes(application ?? "") ? (application as Application) : undefined,
    state: state && state in REPRISE_STATE_LABELS ? state : undefined,
  };
}

export function describeRequestFilter(filter: ReturnType<typeof requestFilterOf>) {
  const parts = [
    filter.application ? `application ${filter.application}` : null,
    filter.state ? `état « ${REPRISE_STATE_LABELS[filter.state]} »` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Filtres : ${parts.join(", ")}` : "Toutes les demandes";
}

/** ITAC or OPALES, as every reprise form posts it. */
export const applicationSchema = z.enum(["ITAC", "OPALES"], {
  errorMap: () => ({ message: "Choisissez l'application : ITAC ou OPALES." }),
});
const isoDate = (message: string) => z.string({ required_error: message }).refine(isIsoDate, message);
const required = (message: string, max = 200) =>
  singleLineText(message).min(1, message).max(max, `${max} caractères au plus.`);

export const signatureSchema = z.object({
  application: applicationSchema,
  signedOn: isoDate("Saisissez la date de signature."),
  signatoryName: required("Indiquez le nom du signataire."),
  signatoryFunction: required("Indiquez la fonction du signataire."),
  designatedByCommission: z.literal("oui", {
    errorMap: () => ({
      message:
        "Seule la personne désignée par la commission exécutive de la MDPH peut signer l'avenant : confirmez-le.",
    }),
  }),
});

export const requestSchema = z.object({
  application: applicationSchema,
  requestDate: isoDate("Saisissez la date de la demande."),
  desiredDate: isoDate("Saisissez la date souhaitée de mise à disposition des fichiers."),
  contactName: required("Indiquez le nom de la personne désignée."),
  contactFunction: required("Indiquez sa fonction."),
  contactPhone: singleLineText("Indiquez son téléphone.").regex(
    /^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/,
    "Saisissez un numéro de téléphone français, par exemple 02 43 00 00 00.",
  ),
  contactEmail: singleLineText("Indiquez son adresse électronique.").email(
    "Saisissez une adresse électronique valide.",
  ),
});

// The coordinator's board.
export const requestIdSchema = z.string({ required_error: "Demande inconnue." }).min(1, "Demande inconnue.");
export const noteSchema = z.object({
  id: requestIdSchema,
  note: multiLineText().max(2000, "La note ne peut pas dépasser 2 000 caractères.").default(""),
});
export const centreSchema = z.object({
  departement: z.string({ required_error: "Département inconnu." }).regex(/^(\d{2,3}|2[AB])$/, "Département inconnu."),
  centre: z.enum(["RENNES", "VERSAILLES"], {
    errorMap: () => ({ message: "Choisissez le centre d'exploitation : Rennes ou Versailles." }),
  }),
});

/** The coordinator records the consultation tool's delivery for one avenant. */
export const deliverySchema = z.object({
  signatureId: z.string({ required_error: "Avenant inconnu." }).min(1, "Avenant inconnu."),
  date: z.string({ required_error: "Saisissez la date de livraison." }).min(1, "Saisissez la date de livraison."),
});

/** What an MDPH form (avenant, request) gets back when it is not saved: the errors by field and what was typed. */
export type MdphFormFailure = { errors: FieldErrors; values: Record<string, string> };

/**
 * The avenant's and the request's action: the form parsed by its schema, then submitted. A field
 * error or a refusal (placed on its field, else on the form) comes back with what was typed, for
 * the route to answer with `refused`.
 */
export async function submitMdphForm<S extends z.ZodTypeAny, T>(
  request: Request,
  schema: S,
  submit: (input: z.infer<S>) => Promise<Result<T>>,
): Promise<
  { ok: true; input: z.infer<S>; value: T } | { ok: false; refusal: Pick<Refusal, "code">; answer: MdphFormFailure }
> {
  const form = await request.formData();
  const parsed = parseForm(schema, form);
  if (!parsed.ok)
    return { ok: false, refusal: { code: "INVALIDE" }, answer: { errors: parsed.errors, values: parsed.values } };
  const result = await submit(parsed.data);
  if (!result.ok)
    return {
      ok: false,
      refusal: result,
      answer: { errors: { [result.field ?? "_form"]: result.message }, values: formValues(form) },
    };
  return { ok: true, input: parsed.data, value: result.value };
}
