import { describe, expect, it } from "vitest";
import { keptPerArgument } from "./memo";

describe("keptPerArgument", () => {
  it("computes each argument once, and again only after the bound dropped what it kept", () => {
    const computed: string[] = [];
    const upper = keptPerArgument((s) => {
      computed.push(s);
      return s.toUpperCase();
    }, 2);
    expect([upper("a"), upper("b"), upper("a"), upper("b")]).toEqual(["A", "B", "A", "B"]);
    expect(computed).toEqual(["a", "b"]);
    expect(upper("c")).toBe("C");
    expect(upper("a")).toBe("A");
    expect(computed).toEqual(["a", "b", "c", "a"]);
  });
});
