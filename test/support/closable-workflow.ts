/**
 * The smallest workflow the engine can run: opened, then closed by one event. Tests and
 * benchmarks that need workflow writes (both hash chains growing) without any domain's rules
 * register it under their own type. Relative imports: child processes load this file by path.
 */
import { setup } from "xstate";
import { z } from "zod";
import { registerWorkflow } from "../../app/modules/workflow/definition.server";

export function registerClosableWorkflow(type: string) {
  const machine = setup({ types: { events: {} as { type: "CLORE"; now: string } } }).createMachine({
    id: type,
    initial: "ouvert",
    states: { ouvert: { on: { CLORE: "clos" } }, clos: { type: "final" } },
  });
  registerWorkflow({
    type,
    version: 1,
    machine,
    eventSchema: z.object({ type: z.literal("CLORE") }),
    stateLabels: { ouvert: "Ouvert", clos: "Clos" },
    eventLabels: { CLORE: "Clore" },
    effects: {},
  });
}
