/**
 * The composition root (decision 022): the one place that lists the application's workflows, job
 * kinds, recurring schedules and calendar sources, and puts them in their registries. Domain
 * modules only export what they define; none registers itself on import, so no module needs to
 * import the modules that register into it, and imports stay acyclic (import-x/no-cycle).
 *
 * Loaded by every entry that runs domain code: the Remix server entry (app/entry.server.tsx), the
 * server and worker processes (server/index.ts, scripts/worker.ts) and the Vitest setup. The Remix
 * build holds its own copy of every module, so the server process composes twice, once per copy:
 * each registry is a plain module-level map filled by the composition root of its own copy.
 */
import { publicHolidaysProvider, registerCalendarProvider } from "~/modules/calendar/providers.server";
import type { CalendarProvider } from "~/modules/calendar/entry";
import { groupCalendarProvider } from "~/modules/groups/calendar.server";
import { groupJobs } from "~/modules/groups/jobs.server";
import { actionItemWorkflow, groupWorkflow } from "~/modules/groups/workflow.server";
import { repriseCalendarProvider } from "~/modules/reprise/calendar.server";
import { ensureRepriseSchedules, repriseJobs } from "~/modules/reprise/jobs.server";
import { repriseWorkflow } from "~/modules/reprise/workflow.server";
import { rfcCalendarProvider } from "~/modules/rfc/calendar.server";
import { segurCalendarProvider } from "~/modules/segur/calendar.server";
import { ensureRfcSchedules, rfcJobs } from "~/modules/rfc/jobs.server";
import { rfcWorkflow } from "~/modules/rfc/workflow.server";
import { registerJobs, type JobDefinition } from "~/modules/scheduler/registry.server";
import { segurJobs } from "~/modules/segur/credentials.server";
import { segurObjectiveWorkflow, segurPilotWorkflow, segurStepWorkflow } from "~/modules/segur/workflow.server";
import { coreJobs, ensureCoreSchedules } from "~/modules/worker/core-jobs.server";
import { registerWorkflow, type WorkflowDefinition } from "~/modules/workflow/definition.server";

export const WORKFLOWS: readonly WorkflowDefinition[] = [
  repriseWorkflow,
  groupWorkflow,
  actionItemWorkflow,
  rfcWorkflow,
  segurPilotWorkflow,
  segurStepWorkflow,
  segurObjectiveWorkflow,
];

export const JOBS: readonly JobDefinition[] = [...coreJobs, ...repriseJobs, ...rfcJobs, ...groupJobs, ...segurJobs];

/** Recurring jobs whose next occurrence must exist after a fresh install or a downtime. */
export const RECURRING_SCHEDULES: readonly ((at: Date) => Promise<unknown>)[] = [
  ensureCoreSchedules,
  ensureRepriseSchedules,
  ensureRfcSchedules,
];

/** In the legend's order: holidays first, then the domains. */
export const CALENDAR_PROVIDERS: readonly CalendarProvider[] = [
  publicHolidaysProvider,
  repriseCalendarProvider,
  rfcCalendarProvider,
  groupCalendarProvider,
  segurCalendarProvider,
];

/**
 * Fills the registries. Safe to run again (Vite's dev server evaluates this module anew after an
 * edit): each registry replaces an entry by its key. Throws on a wiring error (two workflows of one
 * type, two job kinds of one name, two calendar sources of one id or kind), before anything runs.
 */
export function composeApplication() {
  const twice = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);
  const doubles = [
    ...twice(WORKFLOWS.map((w) => `workflow ${w.type}`)),
    ...twice(CALENDAR_PROVIDERS.map((p) => `calendar source ${p.id}`)),
    ...twice(CALENDAR_PROVIDERS.flatMap((p) => Object.keys(p.kinds ?? {}).map((kind) => `calendar kind ${kind}`))),
  ];
  if (doubles.length > 0) throw new Error(`Declared twice in the composition root: ${doubles.join(", ")}`);
  for (const workflow of WORKFLOWS) registerWorkflow(workflow);
  registerJobs(JOBS);
  for (const provider of CALENDAR_PROVIDERS) registerCalendarProvider(provider);
}

/** Runs every domain's schedule check; each opens its own short write transaction. */
export async function ensureSchedules(at: Date) {
  for (const ensure of RECURRING_SCHEDULES) await ensure(at);
}
