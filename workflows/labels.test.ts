import { describe, expect, it } from "vitest";
import { ACTION_ITEM_EVENT_LABELS, ACTION_ITEM_STATE_LABELS, actionItemMachine } from "./action-item";
import { machineLabels } from "./labels";

const events = { COMMENCER: "c", TERMINER: "t", REPORTER: "r", ABANDONNER: "a" };

describe("machineLabels", () => {
  it("hands the engine the machine's labels by state and by event", () => {
    expect(ACTION_ITEM_STATE_LABELS).toEqual({
      aFaire: "À faire",
      enCours: "En cours",
      fait: "Fait",
      abandonne: "Abandonné",
    });
    expect(ACTION_ITEM_EVENT_LABELS.REPORTER).toBe("Reporter l'échéance");
  });

  it("refuses, at compile time, a state left without its label or a label of no state", () => {
    // @ts-expect-error abandonne has no label
    machineLabels(actionItemMachine, { states: { aFaire: "", enCours: "", fait: "" }, events });
    machineLabels(actionItemMachine, {
      // @ts-expect-error perdu is not a state of the machine
      states: { aFaire: "", enCours: "", fait: "", abandonne: "", perdu: "" },
      events,
    });
    machineLabels(actionItemMachine, {
      states: { aFaire: "", enCours: "", fait: "", abandonne: "" },
      // @ts-expect-error ABANDONNER has no label
      events: { COMMENCER: "c", TERMINER: "t", REPORTER: "r" },
    });
  });
});
