import { describe, expect, it } from "vitest";
import { parseDistributionLists, VENDOR_MOMENTS, vendorsIncluded } from "./labels";

describe("when software vendors join a group's distribution", () => {
  it("includes them from the group's moment on, in the order of the group's life", () => {
    const table = Object.fromEntries(
      ["JAMAIS", ...VENDOR_MOMENTS].map((join) => [
        join,
        VENDOR_MOMENTS.filter((moment) => vendorsIncluded(join, moment)),
      ]),
    );
    expect(table).toEqual({
      JAMAIS: [],
      CREATION: ["CREATION", "VALIDATION", "OUVERTURE_RFC", "ADOPTION"],
      VALIDATION: ["VALIDATION", "OUVERTURE_RFC", "ADOPTION"],
      OUVERTURE_RFC: ["OUVERTURE_RFC", "ADOPTION"],
      ADOPTION: ["ADOPTION"],
    });
  });
  it("never includes them for an unknown rule", () => {
    expect(VENDOR_MOMENTS.some((moment) => vendorsIncluded("PLUS_TARD", moment))).toBe(false);
  });
  it("reads the stored lists, ignoring what it does not know", () => {
    expect(parseDistributionLists('["ADF","MEMBRES","INCONNUE"]')).toEqual(["MEMBRES", "ADF"]);
    expect(parseDistributionLists("pas du JSON")).toEqual([]);
  });
});
