import { describe, expect, it } from "vitest";
import { acceptsFilesUpTo, bodyRuleOf, DEFAULT_BODY_LIMIT, MiB, refuseBodyHead } from "./body-limit";

const check = (method: string, headers: Record<string, string>, handle?: unknown) =>
  refuseBodyHead({ method, header: (name) => headers[name.toLowerCase()], rule: bodyRuleOf(handle) })?.status ??
  "accepted";
const form = "application/x-www-form-urlencoded";

describe("Request body limits", () => {
  it("refuses with 413 a body announced over the route's limit, whatever the method", () => {
    expect(check("POST", { "content-type": form, "content-length": String(DEFAULT_BODY_LIMIT + 1) })).toBe(413);
    expect(check("GET", { "content-length": String(100 * MiB) })).toBe(413);
    expect(check("POST", { "content-type": form, "content-length": String(DEFAULT_BODY_LIMIT) })).toBe("accepted");
    const message = refuseBodyHead({
      method: "POST",
      header: (n) => ({ "content-length": "2000000", "content-type": form })[n],
      rule: bodyRuleOf(undefined),
    })?.message;
    expect(message).toBe("Le contenu envoyé dépasse la taille acceptée ici (1 Mo). Rien n'a été enregistré.");
  });
  it("lets a route that receives files declare a larger limit, and only such a route receive multipart", () => {
    const handle = acceptsFilesUpTo(40 * MiB);
    const multipart = "multipart/form-data; boundary=----abc";
    expect(check("POST", { "content-type": multipart, "content-length": String(30 * MiB) }, handle)).toBe("accepted");
    expect(check("POST", { "content-type": multipart, "content-length": String(41 * MiB) }, handle)).toBe(413);
    expect(check("POST", { "content-type": multipart, "content-length": "100" })).toBe(415);
    expect(check("POST", { "content-type": "multipart/form-data", "content-length": "100" }, handle)).toBe(415);
  });
  it("refuses with 415 a state-changing request whose body is not a form", () => {
    for (const type of ["text/plain", "application/json", "", "application/x-www-form-urlencodedx"]) {
      expect(check("POST", type ? { "content-type": type } : {})).toBe(415);
    }
    expect(check("DELETE", {})).toBe(415);
    expect(check("POST", { "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8" })).toBe("accepted");
  });
  it("refuses a declaration below the default or beyond the ceiling", () => {
    expect(() => acceptsFilesUpTo(MiB / 2)).toThrow();
    expect(() => acceptsFilesUpTo(2048 * MiB)).toThrow();
    expect(bodyRuleOf({ bodyLimit: 40 * MiB })).toEqual({ limit: DEFAULT_BODY_LIMIT, acceptsFiles: false });
  });
});
