/**
 * The package sent with a monthly list: the prioritised list of requests and the provisional
 * planning of service shutdowns, each as XLSX, CSV and PDF.
 */
import { toCsv, toPdf, toXlsx, EXPORT_CONTENT_TYPES, type ExportColumn } from "~/utils/export.server";
import { addCalendarDays, parisInstant } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { ACCESS_CUT_AFTER_DAYS, VALIDATION_WORKING_DAYS } from "../../../workflows/reprise";
import { CENTRE_LABELS } from "./rules";

export type PackageRow = {
  rank: number;
  reference: string;
  departementCode: string;
  mdph: string;
  centre: string | null;
  requestDate: string;
  desiredDate: string;
  contactName: string;
  contactFunction: string;
  contactPhone: string;
  contactEmail: string;
  carriedOver: boolean;
  replay: boolean;
  note: string | null;
};

const day = (value: string) => parisInstant(value, "00:00");

export const LIST_COLUMNS: ExportColumn<PackageRow>[] = [
  { header: "Priorité", value: (r) => r.rank },
  { header: "Référence", value: (r) => r.reference },
  { header: "Département", value: (r) => r.departementCode },
  { header: "MDPH", value: (r) => r.mdph },
  { header: "Centre OPALES", value: (r) => (r.centre ? CENTRE_LABELS[r.centre] : "") },
  { header: "Date de la demande", value: (r) => day(r.requestDate), dateFormat: "date" },
  { header: "Date souhaitée de mise à disposition", value: (r) => day(r.desiredDate), dateFormat: "date" },
  { header: "Personne désignée", value: (r) => r.contactName },
  { header: "Fonction", value: (r) => r.contactFunction },
  { header: "Téléphone", value: (r) => r.contactPhone },
  { header: "Courriel", value: (r) => r.contactEmail },
  { header: "Reportée du mois précédent", value: (r) => r.carriedOver },
  { header: "Rejeu après non-conformité", value: (r) => r.replay },
  { header: "Observations CNSA", value: (r) => r.note ?? "" },
];

export const PLANNING_COLUMNS: ExportColumn<PackageRow>[] = [
  { header: "Priorité", value: (r) => r.rank },
  { header: "MDPH", value: (r) => `${r.mdph} (${r.departementCode})` },
  { header: "Centre OPALES", value: (r) => (r.centre ? CENTRE_LABELS[r.centre] : "") },
  { header: "Mise à disposition souhaitée", value: (r) => day(r.desiredDate), dateFormat: "date" },
  {
    header: "Arrêt possible de l'accès à partir du",
    value: (r) => day(addCalendarDays(r.desiredDate, ACCESS_CUT_AFTER_DAYS)),
    dateFormat: "date",
  },
  {
    header: "Fin prévisionnelle de la validation (15 jours ouvrés)",
    value: (r) => day(addWorkingDays(r.desiredDate, VALIDATION_WORKING_DAYS, { departement: r.departementCode })),
    dateFormat: "date",
  },
];

export type PackageFile = { filename: string; contentType: string; content: Buffer };

export async function buildPackage(
  rows: PackageRow[],
  { application, month, scope, generatedAt }: { application: string; month: string; scope: string; generatedAt: Date },
): Promise<PackageFile[]> {
  const suffix = `${application}-${month}${scope === "TOUT" ? "" : `-${scope.toLowerCase()}`}`;
  const scopeLabel = scope === "TOUT" ? "" : ` — centre de ${CENTRE_LABELS[scope]}`;
  const tables = [
    {
      name: `liste-priorisee-${suffix}`,
      title: `Demandes de reprise ${application} — liste priorisée de ${month}${scopeLabel}`,
      columns: LIST_COLUMNS,
    },
    {
      name: `planning-previsionnel-${suffix}`,
      title: `Reprise ${application} — planning prévisionnel d'arrêt des services, ${month}${scopeLabel}`,
      columns: PLANNING_COLUMNS,
    },
  ];
  const files: PackageFile[] = [];
  for (const table of tables) {
    files.push({
      filename: `${table.name}.xlsx`,
      contentType: EXPORT_CONTENT_TYPES.xlsx,
      content: await toXlsx(table.columns, rows, { title: table.title }),
    });
    files.push({
      filename: `${table.name}.csv`,
      contentType: EXPORT_CONTENT_TYPES.csv,
      content: Buffer.from(toCsv(table.columns, rows), "utf8"),
    });
    files.push({
      filename: `${table.name}.pdf`,
      contentType: EXPORT_CONTENT_TYPES.pdf,
      content: await toPdf(table.columns, rows, {
        title: table.title,
        subtitle: "Transmis par la CNSA pour planification le mois suivant",
        generatedAt,
      }),
    });
  }
  return files;
}
