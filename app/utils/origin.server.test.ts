import { describe, expect, it } from "vitest";
import { originAllowed } from "./origin.server";

describe("Origin check", () => {
  it("accepts the application's own origin", () => {
    expect(originAllowed("https://passerelles.example", "passerelles.example", "https://passerelles.example")).toBe(true);
    expect(originAllowed("http://127.0.0.1:3000", "127.0.0.1:3000", "http://localhost:3000")).toBe(true);
  });
  it("refuses another site, a missing or a malformed origin", () => {
    expect(originAllowed("https://evil.example", "passerelles.example", "https://passerelles.example")).toBe(false);
    expect(originAllowed(null, "passerelles.example", "https://passerelles.example")).toBe(false);
    expect(originAllowed("null", "passerelles.example", "https://passerelles.example")).toBe(false);
  });
});
