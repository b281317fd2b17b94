/**
 * The pilots board's prerequisites, on the read connection (decision 021), counted in SQL from
 * the steps' tags and projected fields (decision 017): each pilot's progress per scope (steps
 * obtained over the steps that apply: a step declared "sans objet" is not counted, decision 035),
 * its blocked steps by blocker type, and the steps' lead times per channel.
 */
import { sql } from "kysely";
import { carriesTag } from "~/modules/workflow/queries.server";
import { compiledOnce, readDb } from "~/utils/read-db.server";
import { SEGUR_STEPS, STEP_SCOPES, type StepCode, type StepScope } from "../../../../workflows/segur-prerequisites";
import type { BlockerType } from "../../../../workflows/segur-step";
import { leadTimeRows, type LeadTimeRow } from "../lead-times";
import { BLOCKER_VOCABULARY, STEP_CHANNEL_VOCABULARY } from "../vocabulary";

export type ScopeProgress = { scope: StepScope; obtained: number; applicable: number };
export type PilotProgress = { obtained: number; applicable: number; byScope: ScopeProgress[] };

const NO_STEP: PilotProgress = { obtained: 0, applicable: 0, byScope: [] };

/** Per pilot: obtained over applicable steps, in total and per scope (only the scopes it has steps in). */
export async function prerequisiteProgress(pilotIds: readonly string[]): Promise<Map<string, PilotProgress>> {
  const progress = new Map<string, PilotProgress>(pilotIds.map((id) => [id, NO_STEP]));
  if (pilotIds.length === 0) return progress;
  const counts = await readDb()
    .selectFrom("SegurStep as st")
    .select(["st.pilotId", "st.stepCode"])
    .select((eb) => eb.fn.countAll<number>().as("steps"))
    .select(sql<number>`SUM(${carriesTag("st.workflowId", "obtenue")})`.as("obtained"))
    // "réglée" is obtained or declared sans objet: the difference is what does not apply.
    .select(sql<number>`SUM(${carriesTag("st.workflowId", "reglee")})`.as("settled"))
    .where("st.pilotId", "in", pilotIds)
    .groupBy(["st.pilotId", "st.stepCode"])
    .execute();
  const sums = new Map<string, Map<StepScope, ScopeProgress>>();
  for (const row of counts) {
    const scope = SEGUR_STEPS[row.stepCode as StepCode]?.scope;
    if (!scope) continue;
    const scopes = sums.get(row.pilotId) ?? new Map<StepScope, ScopeProgress>();
    sums.set(row.pilotId, scopes);
    const sum = scopes.get(scope) ?? { scope, obtained: 0, applicable: 0 };
    scopes.set(scope, sum);
    sum.obtained += Number(row.obtained);
    sum.applicable += Number(row.steps) - (Number(row.settled) - Number(row.obtained));
  }
  for (const [pilotId, scopes] of sums) {
    const byScope = STEP_SCOPES.flatMap((scope) => scopes.get(scope) ?? []);
    progress.set(pilotId, {
      obtained: byScope.reduce((n, s) => n + s.obtained, 0),
      applicable: byScope.reduce((n, s) => n + s.applicable, 0),
      byScope,
    });
  }
  return progress;
}

export type BlockedCount = { blocker: BlockerType; count: number };

/** Per pilot, its steps blocked now by blocker type, in the vocabulary's order (types with none left out). */
export async function blockedSteps(pilotIds: readonly string[]): Promise<Map<string, BlockedCount[]>> {
  const blocked = new Map<string, BlockedCount[]>(pilotIds.map((id) => [id, []]));
  if (pilotIds.length === 0) return blocked;
  const rows = await readDb()
    .selectFrom("SegurStep as st")
    .innerJoin("WorkflowField as f", (join) =>
      join.onRef("f.workflowId", "=", "st.workflowId").on("f.name", "=", "blockerType"),
    )
    .select(["st.pilotId", "f.value as blocker"])
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("st.pilotId", "in", pilotIds)
    .where(carriesTag("st.workflowId", "bloquee"))
    .groupBy(["st.pilotId", "f.value"])
    .execute();
  for (const row of rows) {
    if (!BLOCKER_VOCABULARY.is(row.blocker)) continue;
    blocked.get(row.pilotId)!.push({ blocker: row.blocker, count: Number(row.count) });
  }
  const rank = (code: BlockerType) => BLOCKER_VOCABULARY.codes.indexOf(code);
  for (const list of blocked.values()) list.sort((a, b) => rank(a.blocker) - rank(b.blocker));
  return blocked;
}

/**
 * The lead time of each step, per channel, over these pilots' obtained steps (lead-times.ts):
 * the calendar days from the recorded request to the obtention, counted by the database.
 */
export async function stepLeadTimes(pilotIds: readonly string[]): Promise<LeadTimeRow[]> {
  if (pilotIds.length === 0) return [];
  const rows = await leadTimesOf({ pilotIds: JSON.stringify(pilotIds) });
  return leadTimeRows(
    rows.flatMap((row) =>
      Array.from({ length: Number(row.steps) }, () => ({
        stepCode: row.stepCode as StepCode,
        channel: STEP_CHANNEL_VOCABULARY.is(row.channel) ? row.channel : null,
        days: Number(row.days),
      })),
    ),
  );
}

// From the projected obtention days (the (name, value) index), each with its request day and
// channel, as steps per lead time. Only OBTENIR records an obtention day, into the final state
// "obtenu" (workflows/segur-step.ts): no tag to check.
const leadTimesOf = compiledOnce((db, args: { pilotIds: string }) =>
  db
    .selectFrom("WorkflowField as obtained")
    .innerJoin("SegurStep as st", "st.workflowId", "obtained.workflowId")
    .innerJoin("WorkflowField as asked", (join) =>
      join.onRef("asked.workflowId", "=", "obtained.workflowId").on("asked.name", "=", "askedOn"),
    )
    .leftJoin("WorkflowField as channel", (join) =>
      join.onRef("channel.workflowId", "=", "obtained.workflowId").on("channel.name", "=", "channel"),
    )
    .select(["st.stepCode", "channel.value as channel"])
    .select(sql<number>`CAST(julianday(obtained.value) - julianday(asked.value) AS INTEGER)`.as("days"))
    .select((eb) => eb.fn.countAll<number>().as("steps"))
    .where("obtained.name", "=", "obtainedOn")
    .where("obtained.value", "is not", null)
    .where("asked.value", "is not", null)
    .where("st.pilotId", "in", sql<string>`(SELECT value FROM json_each(${args.pilotIds}))`)
    .groupBy(["st.stepCode", "channel.value", sql`3`]),
);
