/**
 * Issue 12's import benchmark (npm run bench:import), on the database the last `npm run bench`
 * built: a 40,000-line FINESS extract sent to the production server through its page, imported
 * by the server's own worker (in a child process, decision 043), while pages are timed — before
 * the import, and while it runs. Reports the import's time and peak memory (the child's own
 * line), and the pages' p50/p95 in both phases.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { withFinessKey } from "~/utils/finess";
import { percentile } from "./bench-report";
import { signIn } from "./bench-pages";
import { startProductionServer } from "./bench-server";

const file = resolve("data/bench/bench.db");
if (!existsSync(file)) {
  console.error("Aucune base de banc d'essai : lancez d'abord npm run bench.");
  process.exit(1);
}
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET ??= "bench-secret-0123456789abcdef0123456789abcdef";

const LINES = 40_000;
const PAGES = ["/segur/pilotes", "/cnsa", "/calendrier"];
const COORDINATOR = "camille.durand@cnsa.example";

/** 40,000 establishments over the metropolitan départements, ten per legal entity, in the five sectors. */
function extract(departements: string[]) {
  const sectors = ["PROTECTION_ENFANCE", "PERSONNES_AGEES", "PERSONNES_HANDICAPEES", "DOMICILE", "AUTRE"];
  const lines = ["finess_geographique;finess_juridique;nom;nom_entite_juridique;departement;categorie;secteur"];
  for (let i = 0; i < LINES; i++) {
    const departement = departements[i % departements.length]!;
    const prefix = departement.padStart(2, "0").slice(0, 2);
    const entity = Math.floor(i / 10);
    lines.push(
      [
        withFinessKey(`${prefix}${String(100_000 + i).padStart(6, "0")}`),
        withFinessKey(`${prefix}${String(800_000 + entity).padStart(6, "0")}`),
        `Établissement n° ${i}`,
        `Organisme gestionnaire n° ${entity}`,
        departement,
        "MECS",
        sectors[i % sectors.length],
      ].join(";"),
    );
  }
  return lines.join("\r\n");
}

async function timePages(base: string, cookie: string, until: () => boolean, minimum = 20) {
  const times: number[] = [];
  for (let round = 0; round < 1_000 && (times.length < minimum * PAGES.length || !until()); round++)
    for (const path of PAGES) {
      const start = performance.now();
      const answer = await fetch(`${base}${path}`, { headers: { cookie } });
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status}`);
      times.push(performance.now() - start);
    }
  return { count: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

const reference = new Database(file, { readonly: true });
const departements = (
  reference.prepare(`SELECT code FROM Departement WHERE length(code) = 2 AND code NOT IN ('2A', '2B')`).all() as {
    code: string;
  }[]
).map((d) => d.code);
// Closed before the server starts: it applies the migrations the bench database lacks.
reference.close();
const text = extract(departements);
const port = Number(process.env.BENCH_PORT ?? 3399);
const output: string[] = [];
const { base, server } = await startProductionServer({
  port,
  env: { DATABASE_URL: `file:${file}`, WORKER_ENABLED: "1", WORKER_INTERVAL_MS: "500" },
  stdio: ["ignore", "pipe", "inherit"],
});
server.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
const db = new Database(file, { readonly: true });
try {
  const cookie = await signIn(base, COORDINATOR);
  await timePages(base, cookie, () => true, 3); // warm-up, not counted
  const before = await timePages(base, cookie, () => true);

  const form = new FormData();
  form.append("fichier", new Blob([text], { type: "text/csv" }), "extrait-national.csv");
  const sent = await fetch(`${base}/segur/etablissements`, {
    method: "POST",
    headers: { cookie, origin: base },
    body: form,
    redirect: "manual",
  });
  const location = sent.headers.get("location") ?? "";
  const importId = new URL(location, base).searchParams.get("import");
  if (sent.status !== 302 || !importId) throw new Error(`upload: HTTP ${sent.status} ${await sent.text()}`);
  const statusOf = db.prepare(
    `SELECT status, createdAt, finishedAt, created, updated, unchanged FROM EstablishmentImport WHERE id = ?`,
  );
  const finished = () => {
    const row = statusOf.get(importId) as { status: string } | undefined;
    return row !== undefined && !["EN_ATTENTE", "EN_COURS"].includes(row.status);
  };
  const during = await timePages(base, cookie, finished, 5);
  while (!finished()) await new Promise((r) => setTimeout(r, 200));
  const row = statusOf.get(importId) as { status: string; createdAt: number | string; finishedAt: number | string };
  const seconds = (new Date(row.finishedAt).getTime() - new Date(row.createdAt).getTime()) / 1000;
  const childLine =
    output
      .join("")
      .split("\n")
      .find((l) => l.includes(`[import ${importId}]`)) ?? "(no line from the child)";

  console.log(`\n## Import of ${LINES.toLocaleString("fr-FR")} lines (${(text.length / 1e6).toFixed(1)} MB)\n`);
  console.log(`- outcome: ${row.status}, queued to finished in ${seconds.toFixed(1)} s`);
  console.log(`- child process: ${childLine.trim()}`);
  console.log(`\n| pages (${PAGES.join(", ")}) | requests | p50 ms | p95 ms |\n|---|---|---|---|`);
  console.log(`| before the import | ${before.count} | ${before.p50.toFixed(1)} | ${before.p95.toFixed(1)} |`);
  console.log(`| while it runs | ${during.count} | ${during.p50.toFixed(1)} | ${during.p95.toFixed(1)} |`);
} finally {
  server.kill("SIGTERM");
  db.close();
}
process.exit(0);
