/**
 * Security events under a burst (decision 015): `npx tsx scripts/benchmark-security.ts`, after
 * `npm run build`. On a fresh database it measures
 * - noting 1,000 refusals of one person and flushing them (one row), against writing each one
 *   as its own hash-chained audit entry (what recording them one by one would cost the write lock);
 * - a scan spread over 200 addresses (20,000 refusals);
 * - over HTTP, the production server answering 2,000 refused requests of a signed-in director
 *   (10 connections), next to 2,000 requests for the sign-in page, and what the database holds
 *   afterwards.
 * Prints a Markdown report.
 */
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { demoDataLoaders, freshBenchDatabase } from "./bench-database";
import { startProductionServer } from "./bench-server";
import { printReport, report } from "./bench-report";

await freshBenchDatabase("bench-security");

const { prisma } = await import("~/utils/db.server");
const { loadReferenceData, loadDemoData } = await demoDataLoaders();
const { DEMO_PASSWORD } = await import("../seeds/demo-accounts");
const { audit } = await import("~/modules/journal/audit.server");
const { flushSecurityEvents, noteSecurityEvent } = await import("~/modules/security/events.server");

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
async function timed<T>(work: () => Promise<T> | T) {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

await loadReferenceData();
await loadDemoData();
const director = await prisma.user.findUniqueOrThrow({ where: { email: "julien.lefevre@mdph80.example" } });
const user = {
  id: director.id,
  label: `${director.firstName} ${director.lastName}`,
  organisationId: director.organisationId,
};

const noted = await timed(() => {
  for (let i = 0; i < 1_000; i += 1)
    noteSecurityEvent({
      kind: "refus",
      user,
      ip: "198.51.100.1",
      status: 404,
      method: "GET",
      path: `/reprises/essai-${i}`,
    });
});
const flushed = await timed(() => flushSecurityEvents());
report("1,000 refusals of one person: noting them (no database access)", ms(noted.ms));
report(
  "1,000 refusals of one person: the one flush",
  `${ms(flushed.ms)}, ${flushed.result} row written, count ${(await prisma.securityEvent.findFirstOrThrow()).count}`,
);

const oneByOne = await timed(async () => {
  for (let i = 0; i < 1_000; i += 1)
    await audit({
      actor: { id: user.id, label: user.label },
      action: "refus",
      entityType: "Requete",
      data: { path: `/reprises/essai-${i}` },
    });
});
report(
  "For comparison: the same 1,000 as hash-chained audit entries, one transaction each",
  `${ms(oneByOne.ms)} of write transactions, 1,000 rows`,
);

await prisma.securityEvent.deleteMany();
const scan = await timed(async () => {
  for (let i = 0; i < 20_000; i += 1)
    noteSecurityEvent({
      kind: "refus",
      user,
      ip: `203.0.113.${i % 200}`,
      status: 404,
      method: "GET",
      path: `/reprises/x${i}`,
    });
  return flushSecurityEvents();
});
report(
  "20,000 refusals from 200 addresses: noting and flushing",
  `${ms(scan.ms)}, ${await prisma.securityEvent.count()} rows`,
);
await prisma.securityEvent.deleteMany();
await prisma.$disconnect();

// --- HTTP: the production build ---------------------------------------------------------
const { base, server } = await startProductionServer({ port: 3362, env: { HOST: "127.0.0.1" } });
try {
  const login = await fetch(`${base}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: director.email, password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  // The same load on the public sign-in page, for the machine's pace during this run.
  const baseline = await autocannon({ url: `${base}/connexion`, connections: 10, amount: 2_000 });
  report(
    "HTTP: 2,000 GET /connexion, for comparison (10 connections)",
    `${baseline.requests.average.toFixed(0)} req/s, latency p50 ${baseline.latency.p50} ms, p99 ${baseline.latency.p99} ms`,
  );
  const result = await autocannon({
    url: `${base}/reprises/une-demande-d-une-autre-mdph`,
    connections: 10,
    amount: 2_000,
    headers: { cookie },
  });
  report(
    "HTTP: 2,000 refused requests of a signed-in director (10 connections)",
    `${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result["4xx"]} answered 404`,
  );
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
}
const { PrismaClient } = await import("~/generated/prisma/client");
const { sqliteAdapter } = await import("../prisma/sqlite-adapter");
const reader = new PrismaClient({ adapter: sqliteAdapter(process.env.DATABASE_URL) });
const stored = await reader.securityEvent.findMany({ where: { kind: "refus" } });
report(
  "HTTP: refusal rows stored afterwards (flushed on stop)",
  `${stored.length} row(s), counts ${stored.map((r) => r.count).join(", ")}`,
);
await reader.$disconnect();

printReport();
process.exit(0);
