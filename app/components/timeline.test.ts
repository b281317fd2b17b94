import { describe, expect, it } from "vitest";
import { timelineItems } from "./timeline";

const entry = {
  seq: 1,
  at: "2026-12-01T09:00:00.000Z",
  actorLabel: "Claire Martin",
  eventLabel: "Report",
  fromLabel: "À faire",
  toLabel: "À faire",
  payload: { newDueOn: "2026-12-15", internalNote: "ne quitte pas le serveur" },
};

describe("timelineItems", () => {
  it("shows who did what and when, without sending the event's payload to the page", () => {
    const [item] = timelineItems([entry]);
    // toEqual passes over an undefined property: the second line proves the payload is gone, not empty.
    expect(item).toEqual({ ...entry, payload: undefined });
    expect(item).not.toHaveProperty("payload");
  });

  it("shows the details the page words from each entry's payload", () => {
    const [item] = timelineItems([entry], (e) => [`Nouvelle échéance : ${String(e.payload.newDueOn)}`]);
    expect(item.details).toEqual(["Nouvelle échéance : 2026-12-15"]);
    expect(item).not.toHaveProperty("payload");
  });
});
