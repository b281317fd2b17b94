import { describe, expect, it, vi } from "vitest";
import { CALENDAR_PROVIDERS, composeApplication, JOBS, WORKFLOWS } from "./composition.server";
import { registeredCalendarProviders } from "~/modules/calendar/providers.server";
import { getJobRegistration, registerJobs, registeredJobKinds } from "~/modules/scheduler/registry.server";
import { getWorkflowDefinition, registeredWorkflowTypes } from "~/modules/workflow/definition.server";

describe("the composition root", () => {
  it("registers every workflow, job kind and calendar source the application declares", () => {
    expect(registeredWorkflowTypes()).toEqual(WORKFLOWS.map((w) => w.type).sort());
    expect(registeredWorkflowTypes()).toEqual([
      "action",
      "groupe",
      "reprise",
      "rfc-cycle",
      "segur-etape",
      "segur-objectif",
      "segur-pilote",
    ]);
    for (const job of JOBS) expect(getJobRegistration(job.kind)?.handler).toBe(job.handler);
    expect(registeredJobKinds()).toEqual(expect.arrayContaining(["plateforme.purge-sessions"]));
    expect(registeredCalendarProviders().map((p) => p.id)).toEqual(CALENDAR_PROVIDERS.map((p) => p.id));
  });

  it("can run again without duplicating anything (Vite's dev server evaluates it again after an edit)", () => {
    const kinds = registeredJobKinds();
    composeApplication();
    expect(registeredJobKinds()).toEqual(kinds);
    expect(registeredCalendarProviders()).toHaveLength(CALENDAR_PROVIDERS.length);
  });

  it("refuses a job kind declared twice", () => {
    const handler = async () => {};
    expect(() =>
      registerJobs([
        { kind: "essai.double", nature: "deadline", handler },
        { kind: "essai.double", nature: "deadline", handler },
      ]),
    ).toThrow("Job kinds declared twice: essai.double");
    expect(getJobRegistration("essai.double")).toBeUndefined();
  });

  it("is the only registrant: importing a domain module registers nothing", async () => {
    // A fresh copy of each registry: without the setup's marking wrapper, which keeps its own copy.
    vi.doUnmock("~/modules/workflow/definition.server");
    vi.doUnmock("~/modules/scheduler/registry.server");
    vi.doUnmock("~/modules/calendar/providers.server");
    vi.resetModules();
    const fresh = await import("~/modules/workflow/definition.server");
    const jobs = await import("~/modules/scheduler/registry.server");
    const calendar = await import("~/modules/calendar/providers.server");
    await import("~/modules/reprise/workflow.server");
    await import("~/modules/reprise/jobs.server");
    await import("~/modules/rfc/calendar.server");
    await import("~/modules/groups/workflow.server");
    expect(fresh.registeredWorkflowTypes()).toEqual([]);
    expect(jobs.registeredJobKinds()).toEqual([]);
    expect(calendar.registeredCalendarProviders()).toEqual([]);
    expect(() => fresh.getWorkflowDefinition("reprise")).toThrow(/app\/composition\.server\.ts/);
    // The copy the setup composed is untouched.
    expect(getWorkflowDefinition("reprise").type).toBe("reprise");
  });
});
