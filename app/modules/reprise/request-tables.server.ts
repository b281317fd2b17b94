/**
 * Reprise requests and avenants as the tables and exports show them, from the rows the
 * request read models return: labels and dates already worded in French (Europe/Paris).
 */
import type { ExportColumn } from "~/utils/export.server";
import { dayLabel } from "~/utils/format";
import { isIsoDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { REPRISE_STATE_LABELS } from "../../../workflows/reprise";
import type { TableRequest } from "./queries/requests.server";
import type { RepriseRow } from "./requests.server";
import { CENTRE_LABELS, monthLabel } from "./rules";
import { stateBadge } from "./state-badge";
import { listFlags } from "./workflow.server";

/** A request as the tables show it, from the row the request tables read (queries/requests.server.ts). */
export function requestRow(row: TableRequest, today: IsoDate) {
  const f = row.fields;
  const awaitingAnswer = row.status === "transmise";
  return {
    id: row.id,
    reference: row.reference,
    application: row.application,
    mdph: row.mdph,
    departement: row.departementCode,
    centre: row.opalesCentre ? CENTRE_LABELS[row.opalesCentre] : null,
    state: stateBadge(row.status),
    requestDate: dayLabel(row.requestDate),
    desiredDate: dayLabel(row.desiredDate),
    finalDate: dayLabel(f.finalDate),
    proposedDate: f.proposedDate ? dayLabel(f.proposedDate) : null,
    campaignMonth: f.campaignMonth ? monthLabel(f.campaignMonth) : null,
    answerDeadline: awaitingAnswer && f.answerDeadline ? dayLabel(f.answerDeadline) : null,
    answerOverdue: awaitingAnswer && f.answerDeadline != null && f.answerDeadline < today,
    ...listFlags(f, "last"),
  };
}

const day = (value: IsoDate | null | undefined) => (value && isIsoDate(value) ? parisInstant(value, "00:00") : null);

export const REQUEST_EXPORT_COLUMNS: ExportColumn<RepriseRow>[] = [
  { header: "Référence", value: (r) => r.reference },
  { header: "Application", value: (r) => r.application },
  { header: "Département", value: (r) => r.departementCode },
  { header: "MDPH", value: (r) => r.organisation.name },
  {
    header: "Centre OPALES",
    value: (r) =>
      r.application === "OPALES" && r.organisation.departement?.opalesCentre
        ? CENTRE_LABELS[r.organisation.departement.opalesCentre]
        : "",
  },
  { header: "État", value: (r) => REPRISE_STATE_LABELS[r.workflow.status] ?? r.workflow.status },
  { header: "Priorité", value: (r) => r.priority },
  { header: "Date de la demande", value: (r) => day(r.requestDate), dateFormat: "date" },
  { header: "Date souhaitée de mise à disposition", value: (r) => day(r.desiredDate), dateFormat: "date" },
  { header: "Date proposée par l'État", value: (r) => day(r.context.proposedDate), dateFormat: "date" },
  { header: "Date arrêtée", value: (r) => day(r.context.finalDate), dateFormat: "date" },
  { header: "Dernière liste", value: (r) => r.context.campaignMonth ?? "" },
  {
    header: "Réponse attendue au plus tard le",
    value: (r) => (r.workflow.status === "transmise" ? day(r.context.answerDeadline) : null),
    dateFormat: "date",
  },
  { header: "Reçue le", value: (r) => day(r.context.receivedOn), dateFormat: "date" },
  { header: "Fin du délai de validation", value: (r) => day(r.context.validationDeadline), dateFormat: "date" },
  { header: "Personne désignée", value: (r) => r.contactName },
  { header: "Fonction", value: (r) => r.contactFunction },
  { header: "Téléphone", value: (r) => r.contactPhone },
  { header: "Courriel", value: (r) => r.contactEmail },
  { header: "Observations CNSA", value: (r) => r.coordinatorNote ?? "" },
];

/**
 * The avenants with their two alerts: no request although the month after the signature is
 * over, and files received before the CNSA's consultation tool (due at the latest on that day).
 */
export function signatureRows(
  signatures: {
    id: string;
    application: string;
    signedOn: string;
    requestDeadline: string;
    consultationToolDeliveredOn: string | null;
    signatoryName: string;
    organisation: { name: string; departementCode: string | null };
    requests: { id: string }[];
  }[],
  requests: Pick<RepriseRow, "id" | "signatureId" | "context">[],
  today: IsoDate,
) {
  return signatures.map((s) => {
    const own = requests.filter((r) => r.signatureId === s.id);
    const received = own
      .map((r) => r.context.receivedOn)
      .filter((d): d is string => d !== null)
      .sort()[0];
    const tool = s.consultationToolDeliveredOn;
    return {
      id: s.id,
      mdph: s.organisation.name,
      departement: s.organisation.departementCode,
      application: s.application,
      signatory: s.signatoryName,
      signedOn: dayLabel(s.signedOn),
      requestDeadline: dayLabel(s.requestDeadline),
      requestLate: s.requests.length === 0 && s.requestDeadline < today,
      requestIds: s.requests.map((r) => r.id),
      toolDeliveredOn: tool ? dayLabel(tool) : null,
      toolDeliveredIso: tool,
      filesReceivedOn: received ? dayLabel(received) : null,
      toolLate: received !== undefined && (tool === null || tool > received),
    };
  });
}
