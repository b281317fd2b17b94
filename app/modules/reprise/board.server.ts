/**
 * Read models of the reprise pages: the coordinator's campaign board and home panel, the
 * State services' lists and requests, the avenants table, the exports and the preview of the
 * dispatch settings. Routes parse and authorise, then call these; labels and dates come out
 * already worded in French (Europe/Paris) so that the pages only lay them out.
 *
 * The one write here, `rescheduleDispatch`, moves the pending monthly job after the
 * coordinator changed the dispatch setting (docs/decisions/006: "Changing the setting moves
 * the pending month's job").
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { readSetting } from "~/modules/settings/settings.server";
import { refusal, success, type Result } from "~/utils/result";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import type { ExportColumn } from "~/utils/export.server";
import { dayLabel, formatDateTime } from "~/utils/format";
import { holidayName, isIsoDate, isWeekend, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { REPRISE_STATE_LABELS, type Application, type RepriseContext } from "../../../workflows/reprise";
import { campaignAccess, isCoordinator } from "./policy.server";
import { APPLICATIONS, campaignBoard, getCampaignFile, listCampaigns } from "./campaign.server";
import { scheduleMonthlyDispatch } from "./jobs.server";
import type { PackageRow } from "./package.server";
import type { RepriseRow } from "./requests.server";
import { REPRISE_WORKFLOW } from "./workflow.server";
import { projected, projection, statesTagged } from "~/modules/workflow/queries.server";
import {
  CENTRE_LABELS,
  dispatchDay,
  dispatchInstant,
  monthLabel,
  nextMonth,
  ofMonth,
  SERVICE_LABELS,
  upcomingDispatchMonth,
  type DispatchSettings,
  type Month,
} from "./rules";
import { dispatchSetting } from "./settings.server";
import { stateBadge } from "./state-badge";
import { REPRISE_JOBS } from "./workflow.server";

// ---------------------------------------------------------------------------------------------
// Words and dates
// ---------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;

/** Whole days and hours from `from` to `to` (rounded down), or `past` when `to` is reached. */
export function countdown(from: Date, to: Date) {
  const ms = to.getTime() - from.getTime();
  if (ms <= 0) return { past: true, days: 0, hours: 0 };
  const totalHours = Math.floor(ms / HOUR_MS);
  return { past: false, days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** "dans 3 jours et 4 heures", "dans 2 jours", "dans 5 heures", "dans moins d'une heure". */
export function countdownText(from: Date, to: Date): string {
  const { past, days, hours } = countdown(from, to);
  if (past) return "heure dépassée";
  if (days === 0 && hours === 0) return "dans moins d'une heure";
  if (days === 0) return `dans ${plural(hours, "heure")}`;
  if (hours === 0) return `dans ${plural(days, "jour")}`;
  return `dans ${plural(days, "jour")} et ${plural(hours, "heure")}`;
}

const longDateTime = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const longDay = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "mercredi 25 novembre 2026 à 09:00" (Paris). */
export function instantLabel(instant: Date | string): string {
  return longDateTime.format(new Date(instant));
}

/** "jeudi 24 décembre 2026". */
export function weekdayLabel(day: IsoDate): string {
  return longDay.format(parisInstant(day, "12:00"));
}

/** Why the dispatch leaves before the 25th, or null when it leaves on the 25th. */
export function shiftReason(month: Month, settings: DispatchSettings): string | null {
  const the25th = `${month}-25`;
  if (dispatchDay(month, settings) === the25th) return null;
  const holiday = holidayName(the25th);
  const why = holiday
    ? `est férié (${holiday})`
    : isWeekend(the25th)
      ? `tombe un ${longDay.format(parisInstant(the25th, "12:00")).split(" ")[0]}`
      : "n'est pas ouvré";
  return `Le 25 ${why} : la liste part le dernier jour ouvré avant.`;
}

/** Every state, in the order of the procedure, for filters. */
export const STATE_OPTIONS = Object.entries(REPRISE_STATE_LABELS).map(([value, label]) => ({ value, label }));

/** "Liste priorisée — XLSX" from "liste-priorisee-OPALES-2026-11-rennes.xlsx". */
export function packageFileLabel(filename: string) {
  const extension = filename.split(".").pop()?.toUpperCase() ?? "";
  const what = filename.startsWith("liste-priorisee")
    ? "Liste priorisée des demandes"
    : filename.startsWith("planning-previsionnel")
      ? "Planning prévisionnel d'arrêt des services"
      : filename;
  return { what, format: extension };
}

const FORMAT_ORDER = ["XLSX", "CSV", "PDF"];

/** The package's files as two sets (the list, the planning), each in XLSX, CSV and PDF. */
export function fileSets(files: { id: string; filename: string }[]) {
  const sets = new Map<string, { id: string; filename: string; format: string }[]>();
  for (const file of files) {
    const { what, format } = packageFileLabel(file.filename);
    sets.set(what, [...(sets.get(what) ?? []), { id: file.id, filename: file.filename, format }]);
  }
  return [...sets.entries()]
    .sort(([a], [b]) => (a.startsWith("Liste") ? -1 : b.startsWith("Liste") ? 1 : a.localeCompare(b)))
    .map(([what, list]) => ({
      what,
      files: list.sort((a, b) => FORMAT_ORDER.indexOf(a.format) - FORMAT_ORDER.indexOf(b.format)),
    }));
}

const SCOPE_LABELS: Record<string, string> = {
  TOUT: "Liste complète",
  RENNES: "Part du centre de Rennes",
  VERSAILLES: "Part du centre de Versailles",
};

// ---------------------------------------------------------------------------------------------
// Lead times of the reminders ("10, 3")
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// The coordinator's board
// ---------------------------------------------------------------------------------------------

export type CampaignBoard = Awaited<ReturnType<typeof dispatchBoard>>;

/** The coordinator's board: per application, the next dispatch, its list and the alerts. */
export async function dispatchBoard(now = clockNow()) {
  const [board, settings, recent] = await Promise.all([
    campaignBoard(now),
    readSetting(dispatchSetting),
    listCampaigns({ scope: "TOUT" }),
  ]);
  const applications = await Promise.all(
    board.boards.map(async (b) => {
      const sent = b.dispatchedAt
        ? await prisma.repriseCampaign.findUnique({
            where: { month_application: { month: b.month, application: b.application } },
            select: { id: true, early: true, late: true, dispatchedAt: true },
          })
        : null;
      // Once this month's list left early, the next automatic one is next month's.
      const nextMonthOfApp = sent ? nextMonth(b.month) : b.month;
      const nextAt = sent ? dispatchInstant(nextMonthOfApp, settings) : new Date(b.dispatchAt);
      return {
        application: b.application,
        service: SERVICE_LABELS[b.application],
        month: b.month,
        monthLabel: monthLabel(b.month),
        ofMonth: ofMonth(b.month),
        dispatchAtLabel: instantLabel(b.dispatchAt),
        shiftNote: shiftReason(b.month, settings),
        countdown: countdownText(now, new Date(b.dispatchAt)),
        sent: sent
          ? { id: sent.id, early: sent.early, late: sent.late, atLabel: instantLabel(sent.dispatchedAt) }
          : null,
        nextDispatch: {
          month: nextMonthOfApp,
          monthLabel: monthLabel(nextMonthOfApp),
          ofMonth: ofMonth(nextMonthOfApp),
          atLabel: instantLabel(nextAt),
          countdown: countdownText(now, nextAt),
        },
        next: b.next.map((r, index) => ({
          id: r.id,
          rank: index + 1,
          reference: r.reference,
          mdph: r.mdph,
          departement: r.departement,
          centre: r.centre ? CENTRE_LABELS[r.centre] : null,
          missingCentre: b.application === "OPALES" && !r.centre,
          desiredDate: dayLabel(r.desiredDate),
          requestDate: dayLabel(r.requestDate),
          note: r.note ?? "",
          carriedOver: r.carriedOver,
          replay: r.replay,
          state: stateBadge(r.status),
          first: index === 0,
          last: index === b.next.length - 1,
        })),
        counts: statesTagged(REPRISE_WORKFLOW, "ouverte").map((status) => ({
          ...stateBadge(status),
          count: b.counts[status] ?? 0,
        })),
        openTotal: Object.values(b.counts).reduce((sum, n) => sum + n, 0),
        overdueAnswers: b.overdueAnswers.map((r) => ({ ...r, deadlineLabel: dayLabel(r.deadline) })),
        windowsEndingSoon: b.windowsEndingSoon.map((r) => ({ ...r, deadlineLabel: dayLabel(r.deadline) })),
      };
    }),
  );
  return {
    today: board.today,
    todayLabel: weekdayLabel(board.today),
    settings,
    applications,
    unassigned: board.unassigned,
    recent: recent.slice(0, 6).map((c) => ({
      id: c.id,
      application: c.application,
      monthLabel: monthLabel(c.month),
      ofMonth: ofMonth(c.month),
      count: c.count,
      early: c.early,
      late: c.late,
      dispatchedAt: instantLabel(c.dispatchedAt),
      answerDeadline: dayLabel(c.answerDeadline),
    })),
  };
}

/** The rows the next list of `application` will carry, as the package's rows (for an export). */
export async function nextListRows(application: Application, now = clockNow()): Promise<PackageRow[]> {
  const board = await campaignBoard(now);
  const next = board.boards.find((b) => b.application === application)?.next ?? [];
  const details = await prisma.repriseRequest.findMany({
    where: { id: { in: next.map((r) => r.id) } },
    include: { organisation: { select: { name: true } } },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  return next.flatMap((r, index) => {
    const d = byId.get(r.id);
    if (!d) return [];
    return [
      {
        rank: index + 1,
        reference: d.reference,
        departementCode: d.departementCode,
        mdph: d.organisation.name,
        centre: r.centre,
        requestDate: d.requestDate,
        desiredDate: d.desiredDate,
        contactName: d.contactName,
        contactFunction: d.contactFunction,
        contactPhone: d.contactPhone,
        contactEmail: d.contactEmail,
        carriedOver: r.carriedOver,
        replay: r.replay,
        note: d.coordinatorNote,
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// Requests: tables and exports
// ---------------------------------------------------------------------------------------------

/** A request as the tables show it. */
export function requestRow(row: RepriseRow, today: IsoDate) {
  const c = row.context as RepriseContext;
  const awaitingAnswer = row.workflow.status === "transmise";
  return {
    id: row.id,
    reference: row.reference,
    application: row.application,
    mdph: row.organisation.name,
    departement: row.departementCode,
    centre: row.organisation.departement?.opalesCentre
      ? CENTRE_LABELS[row.organisation.departement.opalesCentre]
      : null,
    state: stateBadge(row.workflow.status),
    requestDate: dayLabel(row.requestDate),
    desiredDate: dayLabel(row.desiredDate),
    finalDate: dayLabel(c.finalDate),
    proposedDate: c.proposedDate ? dayLabel(c.proposedDate) : null,
    campaignMonth: c.campaignMonth ? monthLabel(c.campaignMonth) : null,
    answerDeadline: awaitingAnswer && c.answerDeadline ? dayLabel(c.answerDeadline) : null,
    answerOverdue: awaitingAnswer && c.answerDeadline !== null && c.answerDeadline < today,
    carriedOver: c.dispatchCount > 1 && c.nonConformities.length === 0,
    replay: c.nonConformities.length > 0,
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

// ---------------------------------------------------------------------------------------------
// Avenants
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// The State services
// ---------------------------------------------------------------------------------------------

/** The lists this service (or centre) received, newest first, with their files. */
export async function receivedLists(user: SessionUser) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  const campaigns = await listCampaigns(allowed.value);
  return success(
    campaigns
      .filter((c) => c.count > 0)
      .map((c) => ({
        id: c.id,
        application: c.application,
        monthLabel: monthLabel(c.month),
        ofMonth: ofMonth(c.month),
        planningMonthLabel: monthLabel(nextMonth(c.month)),
        dispatchedAt: instantLabel(c.dispatchedAt),
        early: c.early,
        late: c.late,
        answerDeadline: dayLabel(c.answerDeadline),
        count: c.count,
        fileSets: fileSets(c.files),
      })),
  );
}

/** One list as this person may see it: the centre its share, the coordinator every file. */
export async function campaignDetail(user: SessionUser, id: string, today = parisDate(clockNow())) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  const access = allowed.value;
  const coordinator = isCoordinator(user);
  const campaign = await prisma.repriseCampaign.findFirst({
    where: { id, ...(access.application ? { application: access.application } : {}) },
    include: {
      items: {
        where: access.scope === "TOUT" ? {} : { centre: access.scope },
        orderBy: { rank: "asc" },
        include: {
          request: {
            include: {
              organisation: { select: { name: true } },
              workflow: { select: { status: true, ...projection } },
            },
          },
        },
      },
      files: {
        where: coordinator ? {} : { scope: access.scope },
        select: { id: true, filename: true, scope: true },
        orderBy: [{ scope: "asc" }, { filename: "asc" }],
      },
    },
  });
  // A centre's user does not learn that a list without its share exists.
  if (!campaign || (access.scope !== "TOUT" && campaign.items.length === 0))
    return refusal("INTROUVABLE", "Cette liste est introuvable.");
  const scopes = [...new Set(campaign.files.map((f) => f.scope))].sort((a, b) =>
    a === "TOUT" ? -1 : b === "TOUT" ? 1 : a.localeCompare(b),
  );
  return success({
    id: campaign.id,
    application: campaign.application,
    month: campaign.month,
    monthLabel: monthLabel(campaign.month),
    ofMonth: ofMonth(campaign.month),
    planningMonthLabel: monthLabel(nextMonth(campaign.month)),
    dispatchedAt: instantLabel(campaign.dispatchedAt),
    early: campaign.early,
    late: campaign.late,
    answerDeadline: dayLabel(campaign.answerDeadline),
    answerDeadlinePassed: campaign.answerDeadline < today,
    scopeLabel: access.scope === "TOUT" ? null : CENTRE_LABELS[access.scope],
    items: campaign.items.map((item) => {
      const { tags, fields } = projected(item.request.workflow);
      return {
        id: item.request.id,
        rank: item.rank,
        reference: item.request.reference,
        mdph: item.request.organisation.name,
        departement: item.request.departementCode,
        centre: item.centre ? CENTRE_LABELS[item.centre] : null,
        desiredDate: dayLabel(item.request.desiredDate),
        carriedOver: item.carriedOver,
        replay: item.replay,
        note: item.request.coordinatorNote,
        state: stateBadge(item.request.workflow.status),
        // Only the answer to this list is due from the service; later lists carry their own.
        answerDue: tags.includes("attenteEtat") && fields.campaignMonth === campaign.month,
      };
    }),
    fileGroups: scopes.map((scope) => ({
      scope,
      label: SCOPE_LABELS[scope] ?? scope,
      sets: fileSets(campaign.files.filter((f) => f.scope === scope)),
    })),
  });
}

/** The file of a list this person may download; the coordinator may download every share. */
export async function downloadableFile(user: SessionUser, campaignId: string, fileId: string) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  const access = allowed.value;
  const scopes = isCoordinator(user) ? ["TOUT", "RENNES", "VERSAILLES"] : [access.scope];
  for (const scope of scopes) {
    const file = await getCampaignFile(campaignId, fileId, { application: access.application, scope });
    if (file) return success(file);
  }
  return refusal("INTROUVABLE", "Ce fichier est introuvable.");
}

// ---------------------------------------------------------------------------------------------
// Dispatch settings
// ---------------------------------------------------------------------------------------------

/** The next `count` dispatch instants under `settings`, starting with the upcoming one. */
export function upcomingDispatches(now: Date, settings: DispatchSettings, count = 3) {
  const out = [];
  let month = upcomingDispatchMonth(now, settings);
  for (let i = 0; i < count; i += 1) {
    const at = dispatchInstant(month, settings);
    out.push({
      month,
      monthLabel: monthLabel(month),
      ofMonth: ofMonth(month),
      atLabel: instantLabel(at),
      shiftNote: shiftReason(month, settings),
      countdown: countdownText(now, at),
    });
    month = nextMonth(month);
  }
  return out;
}

/** The pending monthly dispatch job, if any: when it will run. */
export async function pendingDispatchJob() {
  const job = await prisma.scheduledJob.findFirst({
    where: { kind: REPRISE_JOBS.monthlyDispatch, status: "PENDING" },
    orderBy: { dueAt: "asc" },
  });
  if (!job) return null;
  const { month } = JSON.parse(job.payload) as { month: Month };
  return {
    month,
    monthLabel: monthLabel(month),
    ofMonth: ofMonth(month),
    dueAtLabel: instantLabel(job.dueAt),
    dueAt: formatDateTime(job.dueAt),
  };
}

/**
 * After the dispatch setting changed: moves each pending monthly job to its month's new
 * instant (a list whose new instant has passed leaves at the worker's next tick, which is
 * what "au plus tard le 25" asks), or schedules the upcoming month when none is pending.
 */
export async function rescheduleDispatch(now = clockNow()) {
  await writeTransaction(async (tx) => {
    const pending = await tx.scheduledJob.findMany({
      where: { kind: REPRISE_JOBS.monthlyDispatch, status: "PENDING" },
    });
    const months = new Set(pending.map((job) => (JSON.parse(job.payload) as { month: Month }).month));
    if (months.size === 0) months.add(upcomingDispatchMonth(now, await readSetting(dispatchSetting)));
    for (const month of months) await scheduleMonthlyDispatch(tx, month);
  });
}
