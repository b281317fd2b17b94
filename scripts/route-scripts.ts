/**
 * The JavaScript each route of the production build makes the browser download, against its
 * budget (issue 10): 200 kB gzip, 400 kB on the routes that ship the rich-text editor
 * (ProseMirror). Read from the build's Remix manifest, so it needs `npm run build` and nothing
 * else; the page benchmark prints it (scripts/bench-pages.ts) and `npm test` fails on a route
 * over its budget (scripts/check-bundle.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";

export const ROUTE_BUDGET = 200 * 1024;
export const EDITOR_ROUTE_BUDGET = 400 * 1024;

export type RouteScript = { route: string; gzipBytes: number; editor: boolean; budget: number };

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

/**
 * The JavaScript each route makes the browser download, gzip-compressed, from the build's
 * manifest: the entry, the root and every route on the way, with their imports, each file
 * once. Routes that ship the rich-text editor (their code names ProseMirror) get the editor's
 * budget. Heaviest first.
 */
export function routeScripts(buildDir = resolve("build")): RouteScript[] {
  const assets = resolve(buildDir, "client/assets");
  const manifestFile = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error(`No Remix manifest in ${assets}: run npm run build first.`);
  const source = readFileSync(resolve(assets, manifestFile), "utf8");
  const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { parentId?: string; module: string; imports?: string[] }>;
  };
  const sizes = new Map<string, { gzip: number; editor: boolean }>();
  const sizeOf = (url: string) => {
    let known = sizes.get(url);
    if (!known) {
      const content = readFileSync(resolve(buildDir, "client", `.${url}`));
      known = { gzip: gzipSync(content, { level: 9 }).length, editor: content.includes("ProseMirror") };
      sizes.set(url, known);
    }
    return known;
  };
  return Object.entries(manifest.routes)
    .filter(([id]) => id !== "root")
    .map(([id]) => {
      const files = new Set([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
      for (let route: string | undefined = id; route; route = manifest.routes[route].parentId)
        for (const file of [manifest.routes[route].module, ...(manifest.routes[route].imports ?? [])]) files.add(file);
      const measured = [...files].map(sizeOf);
      const editor = measured.some((m) => m.editor);
      return {
        route: id.replace(/^routes\//, ""),
        gzipBytes: measured.reduce((sum, m) => sum + m.gzip, 0),
        editor,
        budget: editor ? EDITOR_ROUTE_BUDGET : ROUTE_BUDGET,
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

export function overBudget(scripts: RouteScript[]) {
  return scripts.filter((s) => s.gzipBytes > s.budget);
}

/** The ten heaviest routes, and every route over its budget, as a Markdown table. */
export function scriptsTable(scripts: RouteScript[]) {
  const over = overBudget(scripts);
  const lines = [
    `${scripts.length} routes; ${over.length} over budget (200 kB gzip, 400 kB with the editor). The ten heaviest, and any other over budget:`,
    "",
    "| route | JS gzip | budget |",
    "|---|---|---|",
  ];
  for (const s of [...new Set([...scripts.slice(0, 10), ...over])])
    lines.push(
      `| ${s.route} | ${kB(s.gzipBytes)}${s.gzipBytes > s.budget ? " ✗" : ""} | ${kB(s.budget)}${s.editor ? " (editor)" : ""} |`,
    );
  return lines.join("\n");
}
