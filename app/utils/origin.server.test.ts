import { describe, expect, it } from "vitest";
import { originAllowed, refuseRequestHead } from "./origin.server";

type Headers = Record<string, string>;
const head = (method: string, headers: Headers, options: { target?: string; trustProxy?: boolean } = {}) =>
  refuseRequestHead({
    method,
    target: options.target ?? "/connexion",
    header: (name) => Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1],
    trustProxy: options.trustProxy ?? false,
  });
const statusOf = (refusal: ReturnType<typeof head>) => refusal?.status ?? "accepted";

describe("Origin check", () => {
  it("accepts the origin of the host the request was addressed to", () => {
    expect(originAllowed("https://passerelles.example", "passerelles.example")).toBe(true);
    expect(originAllowed("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(true);
  });
  it("refuses another site, a missing, opaque or malformed origin", () => {
    expect(originAllowed("https://evil.example", "passerelles.example")).toBe(false);
    expect(originAllowed(null, "passerelles.example")).toBe(false);
    expect(originAllowed("null", "passerelles.example")).toBe(false);
    expect(originAllowed("http://passerelles.example/", "passerelles.example")).toBe(false);
    expect(originAllowed("http://PASSERELLES.example", "passerelles.example")).toBe(false);
    expect(originAllowed("file://passerelles.example", "passerelles.example")).toBe(false);
    expect(originAllowed("https://passerelles.example", null)).toBe(false);
  });
});

describe("Request line and headers", () => {
  const own = { Host: "localhost:3000", Origin: "http://localhost:3000" };
  it("lets a form of our own pages through, on every state-changing method", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(statusOf(head(method, own))).toBe("accepted");
    expect(statusOf(head("GET", { Host: "localhost:3000" }))).toBe("accepted");
    expect(
      statusOf(
        head("POST", {
          Host: "passerelles.example",
          "X-Forwarded-Host": "localhost:3000",
          Origin: "http://localhost:3000",
        }),
      ),
    ).toBe("accepted");
  });
  it("refuses with 403 an origin that names the application's address while the request went to another host", () => {
    expect(statusOf(head("POST", { Host: "evil.example", Origin: "http://localhost:3000" }))).toBe(403);
    expect(
      statusOf(
        head("POST", { Host: "localhost:3000", "X-Forwarded-Host": "evil.example", Origin: "http://localhost:3000" }),
      ),
    ).toBe(403);
    expect(
      statusOf(
        head("POST", {
          Host: "localhost:3000",
          "X-Forwarded-Host": "evil.example, localhost:3000",
          Origin: "http://localhost:3000",
        }),
      ),
    ).toBe(403);
    expect(statusOf(head("DELETE", { Host: "127.0.0.1:3000", Origin: "http://localhost:3000" }))).toBe(403);
    expect(statusOf(head("POST", { Host: "LOCALHOST:3000", Origin: "http://localhost:3000" }))).toBe(403);
    expect(statusOf(head("POST", { Host: "localhost:3000" }))).toBe(403);
    expect(statusOf(head("PATCH", { Host: "localhost:3000", Origin: "null" }))).toBe(403);
    expect(statusOf(head("POST", { Host: "localhost:3000", Origin: "::::" }))).toBe(403);
  });
  it("refuses with 400 a Host or X-Forwarded-Host that is not a host, on any method", () => {
    for (const method of ["GET", "HEAD", "POST"]) {
      for (const host of ["a b", "[", "%zz", "a@b", "a/b", "", "exemple.fr:port", "<script>"]) {
        expect(statusOf(head(method, { Host: host, Origin: `http://${host}` }))).toBe(400);
        expect(
          statusOf(head(method, { Host: "localhost:3000", "X-Forwarded-Host": host, Origin: `http://${host}` })),
        ).toBe(400);
      }
      expect(statusOf(head(method, {}))).toBe(400);
    }
    expect(statusOf(head("GET", { Host: "[::1]:3000" }))).toBe("accepted");
  });
  it("refuses with 400 an X-Forwarded-Proto that is not http or https behind a trusted proxy", () => {
    expect(statusOf(head("GET", { Host: "localhost:3000", "X-Forwarded-Proto": "a b" }, { trustProxy: true }))).toBe(
      400,
    );
    expect(
      statusOf(head("GET", { Host: "localhost:3000", "X-Forwarded-Proto": "https, http" }, { trustProxy: true })),
    ).toBe("accepted");
    expect(statusOf(head("GET", { Host: "localhost:3000", "X-Forwarded-Proto": "a b" }, { trustProxy: false }))).toBe(
      "accepted",
    );
  });
  it("refuses with 405 a method the application does not answer, and with 400 a target that is not a path", () => {
    for (const method of ["TRACE", "CONNECT", "PROPFIND", "TRACK"]) expect(statusOf(head(method, own))).toBe(405);
    expect(statusOf(head("GET", own, { target: "*" }))).toBe(400);
    expect(statusOf(head("GET", own, { target: "http://evil.example/" }))).toBe(400);
  });
});
