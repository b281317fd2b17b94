/**
 * Sign-in storm benchmark (npm run bench:signin, after `npm run build`). It serves the
 * production build with TRUST_PROXY=1, signs in a reader, then sends 200 simultaneous
 * sign-ins of 200 different people, each from its own X-Forwarded-For address (so the
 * per-address limit is not what protects the server), while the reader keeps loading
 * pages. It reports the reader's latencies before and during each storm, and how long the
 * storm's sign-ins took. A warm-up burst, then three storms, each with fresh people.
 *
 *   npm run bench:signin                       this worktree's code and build
 *   npm run bench:signin -- --app ../other     serve another checkout's build (same schema)
 *
 * The machine is shared: read the figures as an order of magnitude, and compare runs made
 * one after the other.
 */
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { benchPerson, demoDataLoaders, freshBenchDatabase } from "./bench-database";
import { startProductionServer } from "./bench-server";
import { percentile, printReport, report } from "./bench-report";

const arg = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const APP_DIR = resolve(arg("app") ?? ".");
const PORT = Number(arg("port") ?? 3321);
const STORM = 200;
const ROUNDS = 3;
const READERS = 2;
const QUIET_MS = 10_000;
const WARM_UP = 50;
const READ_PAGES = ["/cnsa", "/compte"];
const PASSWORD = "mot de passe du banc d'essai des connexions";

await freshBenchDatabase("bench-signin");

// --- data: reference and demo data, and the people of the storms ----------------------------
const { prisma, writeTransaction } = await import("~/utils/db.server");
const { loadReferenceData, loadDemoData } = await demoDataLoaders();
const { hashPassword } = await import("~/modules/auth/password.server");
await loadReferenceData();
await loadDemoData();
const organisation = await prisma.organisation.findFirstOrThrow({ where: { kind: "MDPH" } });
const passwordHash = await hashPassword(PASSWORD);
await writeTransaction(async (tx) => {
  for (let n = 0; n < STORM * ROUNDS + WARM_UP; n += 1) {
    await tx.user.create({ data: benchPerson("tempete", n, organisation.id, passwordHash, "DIRECTEUR_MDPH") });
  }
});
await prisma.$disconnect();

// --- server -----------------------------------------------------------------------------------
const { base, server } = await startProductionServer({
  port: PORT,
  cwd: APP_DIR,
  env: { TRUST_PROXY: "1", HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const stopServer = () => server.kill("SIGTERM");
process.on("exit", stopServer);

async function signIn(email: string, password: string, forwardedFor: string) {
  const response = await fetch(`${base}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
    body: new URLSearchParams({ email, password }),
  });
  await response.arrayBuffer();
  return { status: response.status, cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] };
}

const reader = await signIn("camille.durand@cnsa.example", "Démonstration Passerelles 2026", "203.0.113.1");
if (reader.status !== 302 || !reader.cookie) throw new Error(`the reader could not sign in (${reader.status})`);

/** READERS loops loading pages until `stop` resolves; returns every latency in ms. */
async function readWhile(stop: Promise<unknown>) {
  let running = true;
  void stop.then(() => (running = false));
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; running; i += 1) {
        const start = performance.now();
        const response = await fetch(`${base}${READ_PAGES[i % READ_PAGES.length]}`, {
          headers: { cookie: reader.cookie },
          redirect: "manual",
        });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
        if (running) latencies.push(performance.now() - start);
      }
    }),
  );
  return { latencies, errors };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const summary = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))} (${values.length} requests)`;

console.log(`Serving ${APP_DIR} on ${base}`);
// A first, unmeasured burst, so that the measured storms do not include the server's warm-up.
await Promise.all(
  Array.from({ length: WARM_UP }, (_, i) =>
    signIn(`tempete${STORM * ROUNDS + i}@banc.example`, PASSWORD, `198.19.0.${i + 1}`),
  ),
);
const quiet = await readWhile(new Promise((r) => setTimeout(r, QUIET_MS)));
report(`Pages read with no storm (${READERS} readers, ${QUIET_MS / 1000} s)`, summary(quiet.latencies));

const stormPageP95: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const started = performance.now();
  const signIns = Promise.all(
    Array.from({ length: STORM }, async (_, i) => {
      const n = round * STORM + i;
      const start = performance.now();
      const result = await signIn(
        `tempete${n}@banc.example`,
        PASSWORD,
        `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      );
      return { ...result, ms: performance.now() - start };
    }),
  );
  const [reads, results] = await Promise.all([readWhile(signIns), signIns]);
  const stormMs = performance.now() - started;
  const ok = results.filter((r) => r.status === 302 && r.cookie).length;
  stormPageP95.push(percentile(reads.latencies, 95));
  report(
    `Storm ${round + 1}: pages read during ${STORM} simultaneous sign-ins`,
    `${summary(reads.latencies)}, errors ${reads.errors}`,
  );
  report(
    `Storm ${round + 1}: the sign-ins`,
    `${ok}/${STORM} signed in, ${summary(results.map((r) => r.ms))}, storm over in ${ms(stormMs)}`,
  );
}
report("Pages read during a storm, p95 (median of the storms)", ms(percentile(stormPageP95, 50)));
stopServer();

printReport();
process.exit(0);
