import { describe, expect, it } from "vitest";
import { withoutTrailingNul } from "./trailing-nul.server";

describe("React 18 NUL padding workaround", () => {
  it("drops the unwritten NUL bytes React flushes at the end of a chunk", () => {
    const chunk = Buffer.concat([Buffer.from("<p>Données à l", "utf8"), Buffer.from([0, 0])]);
    expect(withoutTrailingNul(chunk).toString("utf8")).toBe("<p>Données à l");
  });
  it("leaves an ordinary chunk untouched, and never removes more than three bytes", () => {
    const chunk = Buffer.from("« Passerelles »", "utf8");
    expect(withoutTrailingNul(chunk)).toBe(chunk);
    expect(withoutTrailingNul(Buffer.from([65, 0, 0, 0, 0])).length).toBe(2);
  });
});
