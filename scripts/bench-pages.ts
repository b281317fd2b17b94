/**
 * The page benchmark of issue 10: each main page, per role, served by the production build,
 * timed side by side with its frozen floor in the same run.
 *
 * - A page: 40 sequential GETs on one kept-alive connection, after 3 to warm up. Its server
 *   time is what the client waits for (the server is local); its loader time is the span the
 *   server's `Server-Timing` header tells (server/server-timing.ts). Sizes: the HTML, and the
 *   page's data as the browser fetches it on a client-side navigation (`<path>.data`).
 * - Its floor: the minimal SQL that yields exactly what the page shows, written by hand once
 *   (scripts/bench-floors.ts), run through better-sqlite3 with prepared statements on the same
 *   file, once after each GET of the page, so that both see the same machine.
 * - The ratio: the loader's median over the floor's median (the machine is shared: medians
 *   hold where single runs do not).
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { configureConnection } from "../prisma/sqlite-adapter";
import { percentile } from "./bench-report";
import { routeScripts, scriptsTable } from "./route-scripts";

export type FloorStatement = { sql: string; params?: unknown[] };
export type PageCase = {
  /** How the page is named in the report, e.g. "/cnsa (coordinator)". */
  label: string;
  email: string;
  path: string;
  /** The page's frozen floor (scripts/bench-floors.ts); null while it is not written. */
  floor: FloorStatement[] | null;
  /** The floor's own named parameters, beside @session, @today and @now. */
  params: Record<string, unknown>;
};
export type PageFigures = {
  label: string;
  status: number;
  p50: number;
  p95: number;
  htmlBytes: number;
  dataBytes: number;
  loaderP50: number;
  floorP50: number;
  ratio: number;
};

const RUNS = 40;
const WARM_UP = 3;
const PASSWORD = "Démonstration Passerelles 2026";

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

type Answer = { status: number; bytes: number; ms: number; loaders: number; headers: http.IncomingHttpHeaders };

function request(base: string, path: string, init: { method?: string; cookie?: string; body?: string } = {}) {
  return new Promise<Answer>((done, fail) => {
    const start = performance.now();
    const url = new URL(path, base);
    const req = http.request(
      url,
      {
        agent,
        method: init.method ?? "GET",
        headers: {
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.body
            ? {
                "content-type": "application/x-www-form-urlencoded",
                origin: base,
                "content-length": Buffer.byteLength(init.body),
              }
            : {}),
        },
      },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => {
          const timing = String(res.headers["server-timing"] ?? "");
          const loaders = Number(/loaders;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN);
          done({ status: res.statusCode ?? 0, bytes, ms: performance.now() - start, loaders, headers: res.headers });
        });
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.end(init.body);
  });
}

const cookies = new Map<string, string>();

/** A session cookie for a demo or bench account (one sign-in per person per run). */
export async function signIn(base: string, email: string) {
  const known = cookies.get(email);
  if (known) return known;
  const answer = await request(base, "/connexion", {
    method: "POST",
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  });
  const cookie = String([answer.headers["set-cookie"] ?? []].flat()[0] ?? "").split(";")[0];
  if (answer.status !== 302 || !cookie) throw new Error(`bench: ${email} could not sign in (HTTP ${answer.status})`);
  cookies.set(email, cookie);
  return cookie;
}

/** Where a client-side navigation reads the page's data (Remix single fetch). */
export function dataPath(path: string) {
  const url = new URL(path, "http://bench.invalid");
  url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  return `${url.pathname}${url.search}`;
}

/** Runs a floor's statements once, each given the named parameters it uses; prepared once and kept. */
function floorRunner(connection: Database.Database, floor: FloorStatement[] | null, values: Record<string, unknown>) {
  if (!floor) return () => ({ ms: NaN, rows: 0 });
  const statements = floor.map(({ sql }) => {
    const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map(([, name]) => name))];
    for (const name of names) if (!(name in values)) throw new Error(`bench: the floor needs @${name}`);
    return { statement: connection.prepare(sql), params: Object.fromEntries(names.map((n) => [n, values[n]])) };
  });
  return () => {
    const start = performance.now();
    let rows = 0;
    for (const { statement, params } of statements) rows += statement.all(params).length;
    return { ms: performance.now() - start, rows };
  };
}

/** The session id inside the cookie's token ("<id>.<secret>"). */
const sessionIdOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0];

export async function measurePages(
  base: string,
  databaseFile: string,
  cases: PageCase[],
  { now, today }: { now: Date; today: string },
): Promise<PageFigures[]> {
  const connection = new Database(databaseFile, { readonly: true, fileMustExist: true });
  configureConnection(connection, { readonly: true });
  const figures: PageFigures[] = [];
  for (const page of cases) {
    const cookie = await signIn(base, page.email);
    const floor = floorRunner(connection, page.floor, {
      session: sessionIdOf(cookie),
      now: now.toISOString(),
      today,
      ...page.params,
    });
    const first = await request(base, page.path, { cookie });
    if (first.status !== 200) throw new Error(`bench: ${page.label} answered HTTP ${first.status}, not the page`);
    const data = await request(base, dataPath(page.path), { cookie });
    for (let i = 0; i < WARM_UP; i += 1) {
      await request(base, page.path, { cookie });
      floor();
    }
    const times: number[] = [];
    const loaders: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const answer = await request(base, page.path, { cookie });
      times.push(answer.ms);
      loaders.push(answer.loaders);
      floors.push(floor().ms);
    }
    const loaderP50 = percentile(loaders, 50);
    const floorP50 = percentile(floors, 50);
    figures.push({
      label: page.label,
      status: first.status,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      htmlBytes: first.bytes,
      dataBytes: data.bytes,
      loaderP50,
      floorP50,
      ratio: loaderP50 / floorP50,
    });
  }
  connection.close();
  return figures;
}

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;
const fixed = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

/** The pages as a Markdown table, the goals beside them (p95 ≤ 50 ms, ratio ≤ 3). */
export function pagesTable(figures: PageFigures[]) {
  const lines = [
    "| page (role) | p50 ms | p95 ms | HTML | data | loader ms (p50) | floor ms (p50) | ratio |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const f of figures)
    lines.push(
      `| ${f.label} | ${fixed(f.p50)} | ${fixed(f.p95)}${f.p95 > 50 ? " ✗" : ""} | ${kB(f.htmlBytes)} | ${kB(f.dataBytes)} | ${fixed(f.loaderP50)} | ${Number.isNaN(f.floorP50) ? "—" : fixed(f.floorP50)} | ${Number.isNaN(f.ratio) ? "—" : `${f.ratio.toFixed(1)}×${f.ratio > 3 ? " ✗" : ""}`} |`,
    );
  return lines.join("\n");
}

/** This month's calendar grid, from the Monday on or before the 1st to the Sunday on or after the last day. */
async function monthGridOf(today: string) {
  const { addCalendarDays, dayOfWeek, endOfMonth, parisInstant } = await import("~/utils/working-days");
  const first = `${today.slice(0, 7)}-01`;
  const from = addCalendarDays(first, -((dayOfWeek(first) + 6) % 7));
  const last = endOfMonth(today);
  const to = addCalendarDays(last, (7 - dayOfWeek(last)) % 7);
  return {
    from,
    to,
    fromInstant: parisInstant(from).toISOString(),
    toInstant: parisInstant(addCalendarDays(to, 1)).toISOString(),
  };
}

/**
 * Serves the production build on the bench database and measures its pages and the route
 * scripts; prints both tables. `npm run bench` ends with it; `npm run bench:pages` runs it
 * alone on the database the last `npm run bench` left.
 */
export async function runPageBenchmark(databaseFile: string, port = 3398) {
  const { startProductionServer } = await import("./bench-server");
  const { benchPages } = await import("./bench-floors");
  const { parisDate } = await import("~/utils/working-days");
  const { now: clockNow } = await import("~/utils/clock.server");
  const { upcomingDispatchMonth } = await import("~/modules/reprise/rules.server");
  const { dispatchSetting } = await import("~/modules/reprise/settings.server");
  const { addWorkingDays } = await import("~/utils/working-days.server");
  const today = parisDate(clockNow());
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  // The bench never changes the dispatch settings: their defaults hold.
  // BENCH_PAGES=calendrier,/mdph measures only the pages whose label holds one of the words.
  const only = process.env.BENCH_PAGES?.split(",").filter(Boolean);
  const all = benchPages(db, {
    upcomingMonth: upcomingDispatchMonth(clockNow(), dispatchSetting.defaultValue),
    fiveWorkingDaysAhead: addWorkingDays(today, 5),
    monthGrid: await monthGridOf(today),
  });
  const cases = only ? all.filter((c) => only.some((word) => c.label.includes(word))) : all;
  db.close();
  const { base, server } = await startProductionServer({ port, env: { DATABASE_URL: `file:${databaseFile}` } });
  try {
    const now = clockNow();
    const figures = await measurePages(base, databaseFile, cases, { now, today: parisDate(now) });
    console.log(`\n## Pages (${RUNS} sequential requests each, one connection)\n\n${pagesTable(figures)}`);
    console.log(`\n## JavaScript per route\n\n${scriptsTable(routeScripts())}`);
    return figures;
  } finally {
    server.kill("SIGTERM");
  }
}
