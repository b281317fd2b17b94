/**
 * The Vitest setup composes the application only in files that use a registry (test/setup):
 * this file imports a registry and nothing that registers, and still finds every workflow, job
 * kind and calendar source of the composition root, while a type the root lacks still fails.
 */
import { describe, expect, it } from "vitest";
import { registeredCalendarProviders } from "~/modules/calendar/providers.server";
import { registeredJobKinds } from "~/modules/scheduler/registry.server";
import { getWorkflowDefinition, registeredWorkflowTypes } from "~/modules/workflow/definition.server";

describe("registries in a test file", () => {
  it("are filled by the composition root before the file's first test", () => {
    expect(registeredWorkflowTypes().join(" ")).toBe(
      "action groupe reprise rfc-cycle segur-etape segur-objectif segur-pilote",
    );
    expect(registeredJobKinds()).toEqual(expect.arrayContaining(["plateforme.purge-sessions"]));
    expect(registeredCalendarProviders().length).toBeGreaterThan(1);
  });

  it("still refuse a workflow the composition root does not list", () => {
    expect(() => getWorkflowDefinition("inconnu")).toThrow(/was it loaded/);
  });
});
