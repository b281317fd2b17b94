import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { overBudget, routeScripts } from "./route-scripts";

const run = promisify(execFile);

/**
 * A build directory as `npm run build` leaves it, reduced to what the measure reads: the Remix
 * manifest and the files it names. Random bytes do not compress, so a file of n bytes weighs
 * about n gzip; the expected sizes are computed with the same gzip.
 */
function fakeBuild(
  files: Record<string, Buffer>,
  routes: Record<string, { parentId?: string; module: string; imports?: string[] }>,
) {
  const dir = mkdtempSync(join(tmpdir(), "route-scripts-"));
  mkdirSync(join(dir, "build/client/assets"), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, "build/client/assets", name), content);
  const manifest = {
    entry: { module: "/assets/entry.js", imports: ["/assets/react.js"] },
    routes,
    url: "/assets/manifest-0.js",
    version: "0",
  };
  writeFileSync(join(dir, "build/client/assets/manifest-0.js"), `window.__remixManifest=${JSON.stringify(manifest)};`);
  return dir;
}

const kB = (n: number) => randomBytes(n * 1024);
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

const files = {
  "entry.js": kB(10),
  "react.js": kB(50),
  "root.js": kB(5),
  "shared.js": kB(40),
  "light.js": kB(2),
  "heavy.js": kB(180),
  "child.js": kB(3),
  "editor.js": Buffer.concat([Buffer.from("class ProseMirror{}"), kB(250)]),
};
const routes = {
  root: { module: "/assets/root.js", imports: ["/assets/react.js"] },
  "routes/light": { parentId: "root", module: "/assets/light.js", imports: ["/assets/shared.js", "/assets/react.js"] },
  "routes/heavy": { parentId: "root", module: "/assets/heavy.js", imports: ["/assets/shared.js"] },
  "routes/heavy.child": { parentId: "routes/heavy", module: "/assets/child.js", imports: ["/assets/shared.js"] },
  "routes/editor": { parentId: "root", module: "/assets/editor.js", imports: ["/assets/shared.js"] },
};
const dir = fakeBuild(files, routes);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the JavaScript per route, from the build's manifest", () => {
  it("counts the entry, the root, every route on the way and their imports, each file once", () => {
    const byRoute = Object.fromEntries(routeScripts(join(dir, "build")).map((s) => [s.route, s]));
    const base = gz(files["entry.js"]) + gz(files["react.js"]) + gz(files["root.js"]);
    expect(byRoute.light.gzipBytes).toBe(base + gz(files["light.js"]) + gz(files["shared.js"]));
    expect(byRoute.heavy.gzipBytes).toBe(base + gz(files["heavy.js"]) + gz(files["shared.js"]));
    // A nested route ships its parent's files too.
    expect(byRoute["heavy.child"].gzipBytes).toBe(byRoute.heavy.gzipBytes + gz(files["child.js"]));
    expect(Object.keys(byRoute)).not.toContain("root");
  });

  it("gives the editor's budget only to the routes that ship ProseMirror", () => {
    const scripts = routeScripts(join(dir, "build"));
    expect(scripts.filter((s) => s.editor).map((s) => s.route)).toEqual(["editor"]);
    expect(scripts.find((s) => s.route === "editor")?.budget).toBe(400 * 1024);
    expect(scripts.find((s) => s.route === "heavy")?.budget).toBe(200 * 1024);
    // Heavy (about 285 kB) is over 200 kB; the editor route (about 355 kB) is within its 400 kB.
    expect(overBudget(scripts).map((s) => s.route)).toEqual(["heavy.child", "heavy"]);
  });

  it("fails the check when a route is over its budget, and passes it otherwise", async () => {
    const check = resolve("scripts/check-bundle.ts");
    const tsx = resolve("node_modules/.bin/tsx");
    const failed = await run(tsx, [check], { cwd: dir }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/2 route\(s\) over their JavaScript budget: heavy\.child, heavy\./);

    const within = fakeBuild({ ...files, "heavy.js": kB(20) }, routes);
    try {
      const passed = await run(tsx, [check], { cwd: within });
      expect(passed.stdout).toMatch(/4 routes; 0 over budget/);
    } finally {
      rmSync(within, { recursive: true, force: true });
    }
  });

  it("refuses to measure without a build", () => {
    const empty = mkdtempSync(join(tmpdir(), "route-scripts-"));
    mkdirSync(join(empty, "build/client/assets"), { recursive: true });
    try {
      expect(() => routeScripts(join(empty, "build"))).toThrow(/run npm run build first/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
