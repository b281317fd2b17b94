/**
 * The checks the reprise machine's guards make on dated events, worded per field in French so
 * the person knows what to fix (the engine alone can only say the action is not possible).
 */
import type { FieldErrors } from "~/utils/forms";
import type { IsoDate } from "~/utils/working-days";
import { SHIPMENT_MEDIA, type Application, type RepriseContext } from "../../../workflows/reprise";
import { dayLabel } from "~/utils/format";

/** Checks that the machine's guards would make, worded per field so the person knows what to fix. */
export function eventFieldProblems(
  event: { type: string } & Record<string, unknown>,
  application: Application,
  context: RepriseContext,
  today: IsoDate,
): FieldErrors {
  const errors: FieldErrors = {};
  const date = typeof event.date === "string" ? event.date : null;
  const future = (what: string) => `La date ${what} ne peut pas être dans le futur.`;
  switch (event.type) {
    case "PROPOSER_DATE":
    case "FIXER_DATE":
      if (date && date < today) errors.date = "La date de mise à disposition ne peut pas être dans le passé.";
      break;
    case "EXTRAIRE":
      if (date && date > today) errors.date = future("d'extraction");
      break;
    case "EXPEDIER":
      if (!SHIPMENT_MEDIA[application].includes(String(event.medium)))
        errors.medium = `Choisissez le support d'expédition : ${SHIPMENT_MEDIA[application].join(" ou ")}.`;
      if (date && date > today) errors.date = future("d'expédition");
      else if (date && context.extractedOn && date < context.extractedOn)
        errors.date = `La date d'expédition ne peut pas précéder l'extraction (${dayLabel(context.extractedOn)}).`;
      break;
    case "ENVOYER_MOT_DE_PASSE":
      if (date && date > today) errors.date = future("d'envoi");
      break;
    case "RECEPTIONNER":
      if (date && date > today) errors.date = future("de réception");
      else if (date && context.shipment && date < context.shipment.date)
        errors.date = `La date de réception ne peut pas précéder l'expédition (${dayLabel(context.shipment.date)}).`;
      break;
  }
  return errors;
}
