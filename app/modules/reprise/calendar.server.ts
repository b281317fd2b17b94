/**
 * The dated steps of reprise requests: on the calendar (provider "reprises") and, through
 * `nextDeadline`, in the lists that show each request's next deadline. Each person sees the
 * requests `listRequests` shows them; a director also sees the deadline their avenant sets
 * for the request, the coordinator the days the monthly lists leave.
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { allDayEntry, rangeDays } from "~/modules/calendar/entry";
import type { CalendarEntry, CalendarProvider, CalendarRange } from "~/modules/calendar/entry";
import { dayLabel } from "~/utils/format";
import { readSetting } from "~/modules/settings/settings.server";
import { now as clockNow } from "~/utils/clock.server";
import { readDb } from "~/utils/read-db.server";
import { projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { can } from "~/utils/permissions";
import { parisDate, type IsoDate } from "~/utils/working-days";
import { REPRISE_STATE_LABELS, type Application, type RepriseContext } from "../../../workflows/reprise";
import { isCoordinator, isMdphDirector, visibleRequest, visibleRequests } from "./policy.server";
import { requestsWithMdph } from "./queries/requests.server";
import { monthOf, nextMonth, type DispatchSettings, type Month } from "./rules";
import { dispatchDay, upcomingDispatchMonth } from "./rules.server";
import { dispatchSetting } from "./settings.server";

export const REPRISE_CALENDAR_KINDS = {
  "reprise-echeance": { label: "Échéance de reprise", colour: "orange-terre-battue" },
  "reprise-date": { label: "Étape de reprise", colour: "blue-ecume" },
  "reprise-envoi": { label: "Envoi de la liste mensuelle", colour: "purple-glycine" },
} as const;

export type RepriseCalendarKind = keyof typeof REPRISE_CALENDAR_KINDS;

export type DatedStep = { key: string; label: string; date: IsoDate; kind: RepriseCalendarKind };

type Dated = { application: string; desiredDate: string; workflow: { status: string }; context: RepriseContext };

/** The context facts the dated steps read: all projected (workflow.server.ts), so a list reads them without snapshots. */
type DatedFacts = Pick<
  RepriseContext,
  | "answerDeadline"
  | "campaignMonth"
  | "proposedDate"
  | "finalDate"
  | "extractedOn"
  | "receivedOn"
  | "validationDeadline"
  | "accessCutFrom"
> & { shipment: { medium: string; date: IsoDate } | null };

/** A step on the day it happened or is due; none while the request has not reached it. */
const stepOn = (
  date: IsoDate | null | undefined,
  key: string,
  label: string,
  kind: RepriseCalendarKind = "reprise-date",
): DatedStep | null => (date ? { key, label, date, kind } : null);

/** The request's dated steps known so far, in procedure order (labels fit after "ITAC-053-001 · "). */
export function datedSteps(request: Omit<Dated, "context"> & { context: DatedFacts }): DatedStep[] {
  const c = request.context;
  const steps: (DatedStep | null)[] = [
    stepOn(request.desiredDate, "souhaitee", "date souhaitée de mise à disposition"),
    stepOn(
      c.answerDeadline,
      `reponse-${c.campaignMonth ?? ""}`,
      "réponse attendue du service de l'État",
      "reprise-echeance",
    ),
    stepOn(
      request.workflow.status === "contreProposition" ? c.proposedDate : null,
      "proposee",
      "date proposée par le service de l'État",
    ),
    stepOn(c.finalDate, "arretee", "date de mise à disposition arrêtée"),
    stepOn(c.extractedOn, "extraction", "extraction des données"),
    stepOn(c.shipment?.date, "expedition", `expédition des fichiers (${c.shipment?.medium})`),
    stepOn(c.receivedOn, "reception", "réception des fichiers"),
    stepOn(c.validationDeadline, "validation", "fin du délai de validation", "reprise-echeance"),
    stepOn(c.accessCutFrom, "coupure", `coupure possible de l'accès à ${request.application}`),
  ];
  return steps.filter((s): s is DatedStep => s !== null);
}

export type NextDeadline = { label: string; date: IsoDate | null; late: boolean };

/** What `nextDeadline` reads of a request: its state, whether it is a replay, and its projected dates. */
export type DeadlineFacts = {
  application: string;
  status: string;
  replay: boolean;
  fields: Partial<Record<"answerDeadline" | "proposedDate" | "finalDate" | "validationDeadline", IsoDate | null>>;
};

/** The facts `nextDeadline` reads, from a request read with its context (requests.server.ts). */
export function deadlineFactsOf(request: Dated): DeadlineFacts {
  const c = request.context;
  return {
    application: request.application,
    status: request.workflow.status,
    replay: c.nonConformities.length > 0,
    fields: c,
  };
}

/**
 * What the request waits for next, with its date when the procedure sets one. `late` when that
 * date has passed without the step happening (the scheduler or the next list deals with it).
 */
export function nextDeadline(
  request: DeadlineFacts,
  today: IsoDate,
  nextDispatch: Record<Application, IsoDate>,
): NextDeadline {
  const c = request.fields;
  // A date the procedure sets for the step: late once it has passed.
  const due = (label: string, date: IsoDate | null | undefined): NextDeadline => ({
    label,
    date: date ?? null,
    late: date != null && date < today,
  });
  switch (request.status) {
    case "demandee":
      return {
        label: request.replay ? "Rejeu : nouvel envoi dans la liste mensuelle" : "Envoi dans la liste mensuelle",
        date: nextDispatch[request.application as Application] ?? null,
        late: false,
      };
    case "transmise":
      return due("Réponse du service de l'État attendue au plus tard", c.answerDeadline);
    case "contreProposition":
      return { label: "Date proposée par l'État, à arrêter par la CNSA", date: c.proposedDate ?? null, late: false };
    case "datee":
      return due("Mise à disposition des fichiers (date arrêtée)", c.finalDate);
    case "extraite":
      return { label: "Expédition des fichiers à venir", date: null, late: false };
    case "expediee":
      return { label: "Réception des fichiers à enregistrer", date: null, late: false };
    case "enValidation":
      return due("Fin du délai de validation", c.validationDeadline);
    case "acceptee":
      return { label: "Aucune (fichiers acceptés)", date: null, late: false };
    default:
      return { label: "Aucune (demande annulée)", date: null, late: false };
  }
}

/** The day each application's next list leaves (a list sent early moves it to next month's). */
export async function nextDispatchDays(now: Date = clockNow()): Promise<Record<Application, IsoDate>> {
  const settings = await readSetting(dispatchSetting);
  const month = upcomingDispatchMonth(now, settings);
  const sent = await readDb().selectFrom("RepriseCampaign").select("application").where("month", "=", month).execute();
  const dayFor = (application: Application) =>
    dispatchDay(sent.some((c) => c.application === application) ? nextMonth(month) : month, settings);
  return { ITAC: dayFor("ITAC"), OPALES: dayFor("OPALES") };
}

/** Whether an avenant's request deadline passed with no request made. */
export function avenantLate(signature: { requestDeadline: string; requests: unknown[] }, today: IsoDate) {
  return signature.requests.length === 0 && signature.requestDeadline < today;
}

const monthLabel = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const monthName = (month: Month) => monthLabel.format(new Date(`${month}-01T12:00:00Z`));

function monthsOf({ from, to }: CalendarRange): Month[] {
  const months: Month[] = [];
  const { firstDay, lastDay } = rangeDays({ from, to });
  for (let month = monthOf(firstDay); month <= monthOf(lastDay); month = nextMonth(month)) months.push(month);
  return months;
}

/** The dated steps' projected fields (workflow.server.ts). */
const STEP_FIELDS = [
  "answerDeadline",
  "campaignMonth",
  "proposedDate",
  "finalDate",
  "extractedOn",
  "shipmentDate",
  "shipmentMedium",
  "receivedOn",
  "validationDeadline",
  "accessCutFrom",
] as const;
const DAY_FIELDS = STEP_FIELDS.filter((name) => name !== "campaignMonth" && name !== "shipmentMedium");

/**
 * The requests `listRequests` shows this person (visibleRequests of policy.server.ts, in SQL)
 * with a dated step in the range, read from the projection: no snapshot.
 */
async function requestEntries(user: SessionUser, range: CalendarRange): Promise<CalendarEntry[]> {
  const { firstDay, lastDay, inRange } = rangeDays(range);
  const rows = await requestsWithMdph()
    .select([
      "r.id",
      "r.reference",
      "r.application",
      "r.desiredDate",
      "w.status",
      "o.name as organisation",
      projectedFields("w.id").as("fields"),
    ])
    .where("w.status", "!=", "annulee")
    .where(visibleRequest(user))
    .where((eb) =>
      eb.or([
        eb.between("r.desiredDate", firstDay, lastDay),
        // The projected days in the range, through the (name, value) index: a few index ranges
        // rather than a look-up per request.
        eb(
          "w.id",
          "in",
          eb
            .selectFrom("WorkflowField as f")
            .select("f.workflowId")
            .where("f.name", "in", DAY_FIELDS)
            .where("f.value", ">=", firstDay)
            .where("f.value", "<=", lastDay),
        ),
      ]),
    )
    .orderBy("r.application")
    .orderBy("r.priority")
    .execute();
  const entries: CalendarEntry[] = [];
  for (const row of rows) {
    const f = projectedOf(row.fields) as Partial<Record<(typeof STEP_FIELDS)[number], string | null>>;
    const request = {
      application: row.application,
      desiredDate: row.desiredDate,
      workflow: { status: row.status },
      context: {
        answerDeadline: f.answerDeadline ?? null,
        campaignMonth: f.campaignMonth ?? null,
        proposedDate: f.proposedDate ?? null,
        finalDate: f.finalDate ?? null,
        extractedOn: f.extractedOn ?? null,
        shipment: f.shipmentDate ? { date: f.shipmentDate, medium: f.shipmentMedium ?? "" } : null,
        receivedOn: f.receivedOn ?? null,
        validationDeadline: f.validationDeadline ?? null,
        accessCutFrom: f.accessCutFrom ?? null,
      },
    };
    const who = `${row.organisation}, demande ${row.application}`;
    for (const step of datedSteps(request)) {
      if (!inRange(step.date)) continue;
      entries.push(
        allDayEntry(`reprise-${row.id}-${step.key}`, step.date, {
          title: `${row.reference} · ${step.label}`,
          kind: step.kind,
          url: `/reprises/${row.id}`,
          description: `${who}. État : ${REPRISE_STATE_LABELS[row.status] ?? row.status}.`,
        }),
      );
    }
  }
  return entries;
}

/** What the calendar shows of an avenant: its deadline, and whether a request was made under it. */
export type CalendarAvenant = {
  id: string;
  application: string;
  signedOn: IsoDate;
  requestDeadline: IsoDate;
  requested: boolean;
};

/**
 * The avenants `listSignatures` shows this person (the coordinator all, an MDPH its own) whose
 * request deadline falls in the range, in one statement.
 */
async function avenantsIn(user: SessionUser, range: CalendarRange): Promise<CalendarAvenant[]> {
  if (!isCoordinator(user) && !can(user, "request:reprise")) return [];
  const { firstDay, lastDay } = rangeDays(range);
  const rows = await readDb()
    .selectFrom("AvenantSignature as s")
    .select(["s.id", "s.application", "s.signedOn", "s.requestDeadline"])
    .select(sql<number>`EXISTS (SELECT 1 FROM RepriseRequest r WHERE r.signatureId = s.id)`.as("requested"))
    .$if(!isCoordinator(user), (q) => q.where("s.organisationId", "=", user.organisationId))
    .where("s.requestDeadline", ">=", firstDay)
    .where("s.requestDeadline", "<=", lastDay)
    .execute();
  return rows.map((r) => ({ ...r, requested: Number(r.requested) === 1 }));
}

/** The avenants' request deadlines that fall in the range. */
export function avenantEntries(avenants: CalendarAvenant[], range: CalendarRange, today: IsoDate): CalendarEntry[] {
  const { inRange } = rangeDays(range);
  return avenants
    .filter((s) => inRange(s.requestDeadline))
    .map((s) =>
      allDayEntry(`reprise-avenant-${s.id}`, s.requestDeadline, {
        title: `Avenant ${s.application} · demande de date à faire au plus tard ce jour`,
        kind: "reprise-echeance",
        url: "/mdph/reprises",
        description: s.requested
          ? `Avenant signé le ${dayLabel(s.signedOn)} ; la demande est faite.`
          : `Avenant signé le ${dayLabel(s.signedOn)} ; aucune demande à ce jour${avenantLate({ ...s, requests: [] }, today) ? " : l'échéance est dépassée" : ""}.`,
      }),
    );
}

/** What the calendar shows of a monthly list that left. */
export type CalendarCampaign = {
  month: Month;
  application: string;
  dispatchedAt: Date;
  early: boolean;
  answerDeadline: IsoDate;
  items: number;
};

/** The monthly lists sent for the range's months, each with its count of requests, in one statement. */
async function campaignsIn(range: CalendarRange): Promise<CalendarCampaign[]> {
  const rows = await readDb()
    .selectFrom("RepriseCampaign as c")
    .select((eb) => [
      "c.month",
      "c.application",
      "c.dispatchedAt",
      "c.early",
      "c.answerDeadline",
      eb
        .selectFrom("RepriseCampaignItem as i")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("i.campaignId", "=", "c.id")
        .as("items"),
    ])
    .where("c.month", "in", monthsOf(range))
    .execute();
  return rows.map((r) => ({
    ...r,
    dispatchedAt: new Date(r.dispatchedAt),
    early: Number(r.early) === 1,
    items: Number(r.items),
  }));
}

/** Each application's monthly list of each month of the range: the day it left, or the day it is planned. */
export function dispatchEntries(
  campaigns: CalendarCampaign[],
  range: CalendarRange,
  now: Date,
  settings: DispatchSettings,
): CalendarEntry[] {
  const months = monthsOf(range);
  const { inRange } = rangeDays(range);
  const firstUpcoming = upcomingDispatchMonth(now, settings);
  const entries: CalendarEntry[] = [];
  for (const month of months) {
    for (const application of ["ITAC", "OPALES"] as const) {
      const sent = campaigns.find((c) => c.month === month && c.application === application);
      if (sent) {
        const day = parisDate(sent.dispatchedAt);
        if (!inRange(day)) continue;
        entries.push(
          allDayEntry(`reprise-liste-${application}-${month}`, day, {
            title: `Liste ${application} de ${monthName(month)} envoyée`,
            kind: "reprise-envoi",
            url: "/cnsa/reprises",
            description: `${sent.items} demande${sent.items > 1 ? "s" : ""} transmise${sent.items > 1 ? "s" : ""}${sent.early ? ", envoi anticipé" : ""}. Réponse attendue au plus tard le ${dayLabel(sent.answerDeadline)}.`,
          }),
        );
        continue;
      }
      if (month < firstUpcoming) continue; // a past month whose list never left: nothing to plan
      const day = dispatchDay(month, settings);
      if (!inRange(day)) continue;
      entries.push(
        allDayEntry(`reprise-liste-${application}-${month}`, day, {
          title: `Envoi de la liste mensuelle ${application} de ${monthName(month)}`,
          kind: "reprise-envoi",
          url: "/cnsa/reprises",
          description: `Envoi automatique à ${settings.hour} (heure de Paris) aux services de l'État, pour une planification le mois suivant.`,
        }),
      );
    }
  }
  return entries;
}

export const repriseCalendarProvider: CalendarProvider = {
  id: "reprises",
  label: "Reprise des données ITAC et OPALES",
  kinds: { ...REPRISE_CALENDAR_KINDS },
  async entriesFor(user, range) {
    if (!(range.from < range.to) || !visibleRequests(user)) return [];
    const now = clockNow();
    const today = parisDate(now);
    const entries = await requestEntries(user, range);
    if (isMdphDirector(user)) entries.push(...avenantEntries(await avenantsIn(user, range), range, today));
    if (isCoordinator(user)) {
      const [campaigns, settings] = await Promise.all([campaignsIn(range), readSetting(dispatchSetting)]);
      entries.push(...dispatchEntries(campaigns, range, now, settings));
    }
    return entries;
  },
};
