/**
 * How long each prerequisite step took, from the recorded dates: 002 asks the national level to
 * publish "les délais moyens associés à chaque étape administrative (exemple : temps de
 * production des cartes CPE)". Calendar days, not working days: the waits are the ANS's and
 * the vendors' and run through weekends; the labels say so. Pure: pages and services import it.
 */
import type { ExportColumn } from "~/utils/export.server";
import { daysBetween, type IsoDate } from "~/utils/working-days";
import { SEGUR_STEPS, STEP_CODES, type StepChannel, type StepCode } from "../../../workflows/segur-prerequisites";
import { STEP_CHANNEL_VOCABULARY, STEP_VOCABULARY } from "./vocabulary";

export const LEAD_TIME_LABELS = {
  leadTime: "Délai d'obtention (jours calendaires, de la demande à l'obtention)",
  count: "Étapes obtenues",
  mean: "Délai moyen (jours calendaires)",
  median: "Délai médian (jours calendaires)",
  allChannels: "Tous canaux",
  /** What the table counts, said above it on the board and in the export. */
  basis:
    "En jours calendaires, de la demande à l'obtention, sur les étapes obtenues : chaque étape tous canaux confondus, puis par canal.",
} as const;

export type RecordedDates = {
  stepCode: StepCode;
  channel: StepChannel | null;
  askedOn: IsoDate | null;
  obtainedOn: IsoDate | null;
};

/** Calendar days from the request to the obtention; null until both are recorded. */
export function leadTimeDays(step: Pick<RecordedDates, "askedOn" | "obtainedOn">): number | null {
  return step.askedOn && step.obtainedOn ? daysBetween(step.askedOn, step.obtainedOn) : null;
}

export type LeadTimeRow = {
  stepCode: StepCode;
  /** null: the step over every channel. */
  channel: StepChannel | null;
  count: number;
  meanDays: number;
  medianDays: number;
};

function median(sorted: number[]) {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function row(stepCode: StepCode, channel: StepChannel | null, days: number[]): LeadTimeRow {
  const sorted = [...days].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return { stepCode, channel, count: sorted.length, meanDays: mean, medianDays: median(sorted) };
}

/** One obtained step's lead time, in calendar days. */
export type LeadTimeSample = { stepCode: StepCode; channel: StepChannel | null; days: number };

/**
 * Mean and median lead time per step, first over every channel (`channel: null`), then per
 * channel, in the graph's order and each step's channel order. Only obtained steps count; a step
 * or a channel with none has no row.
 */
export function leadTimeStatistics(steps: readonly RecordedDates[]): LeadTimeRow[] {
  return leadTimeRows(
    steps.flatMap((step) => {
      const days = leadTimeDays(step);
      return days === null ? [] : [{ stepCode: step.stepCode, channel: step.channel, days }];
    }),
  );
}

/** The rows of `leadTimeStatistics` from lead times already counted (by the database, for a board). */
export function leadTimeRows(samples: readonly LeadTimeSample[]): LeadTimeRow[] {
  const byStep = new Map<StepCode, LeadTimeSample[]>();
  for (const sample of samples) {
    const list = byStep.get(sample.stepCode);
    if (list) list.push(sample);
    else byStep.set(sample.stepCode, [sample]);
  }
  const rows: LeadTimeRow[] = [];
  for (const code of STEP_CODES) {
    const recorded = byStep.get(code);
    if (!recorded) continue;
    rows.push(
      row(
        code,
        null,
        recorded.map((r) => r.days),
      ),
    );
    for (const channel of SEGUR_STEPS[code].channels) {
      const days = recorded.filter((r) => r.channel === channel).map((r) => r.days);
      if (days.length > 0) rows.push(row(code, channel, days));
    }
  }
  return rows;
}

/** "Tous canaux" or the channel's French label, for a row's channel column. */
export const leadTimeChannelLabel = (channel: StepChannel | null) =>
  channel === null ? LEAD_TIME_LABELS.allChannels : STEP_CHANNEL_VOCABULARY.labels[channel];

/** A mean or a median of days to one decimal, as the board and the export show it. */
export const roundedDays = (days: number) => Math.round(days * 10) / 10;

/** The board's table of lead times as an export: one line per step and channel. */
export const LEAD_TIME_EXPORT_COLUMNS: ExportColumn<LeadTimeRow>[] = [
  { header: "Étape", value: (r) => STEP_VOCABULARY.labels[r.stepCode], width: 36 },
  { header: "Canal", value: (r) => leadTimeChannelLabel(r.channel), width: 32 },
  { header: LEAD_TIME_LABELS.count, value: (r) => r.count, width: 12 },
  { header: LEAD_TIME_LABELS.mean, value: (r) => roundedDays(r.meanDays), width: 14 },
  { header: LEAD_TIME_LABELS.median, value: (r) => roundedDays(r.medianDays), width: 14 },
];
