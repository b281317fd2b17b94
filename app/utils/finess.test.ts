import { describe, expect, it } from "vitest";
import { FINESS_FORMAT_PROBLEM, FINESS_KEY_PROBLEM, finessProblem, normalisedFiness } from "./finess";

describe("FINESS numbers", () => {
  it.each(["530000371", "750712184", "2A0000154"])("accepts %s", (finess) => {
    expect(finessProblem(finess)).toBeNull();
  });

  it("refuses a number whose key does not match its first eight digits", () => {
    expect(finessProblem("530000372")).toBe(FINESS_KEY_PROBLEM);
    expect(finessProblem("750712148")).toBe(FINESS_KEY_PROBLEM);
  });

  it.each(["12345", "53000037A", "2C0000154", "5300003710"])("refuses the malformed %s", (finess) => {
    expect(finessProblem(finess)).toBe(FINESS_FORMAT_PROBLEM);
  });

  it("reads a typed number without its spaces, Corsican letters in capitals", () => {
    expect(normalisedFiness(" 530 000 371 ")).toBe("530000371");
    expect(normalisedFiness("2a0000154")).toBe("2A0000154");
    expect(normalisedFiness("  ")).toBeNull();
  });
});
