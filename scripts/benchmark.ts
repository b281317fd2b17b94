/**
 * Platform benchmark on a national-scale data set (npm run bench). It builds a fresh SQLite
 * database (101 départements, 218 organisations, 2,000 people, 10,000 workflows with 40,000
 * logged events, 10,000 jobs, 5,000 mails), measures the engine, the scheduler, the outbox,
 * the hash-chain checks, and serves the production build to measure pages with autocannon.
 * Then work groups and RFC cycles at national scale (scripts/benchmark-rfc.ts: 10 groups,
 * 2,000 action items, 40 RFCs, a national cycle with 800 comments and 101 MDPH positions),
 * reprise requests (scripts/benchmark-reprise.ts: two rounds of 202 requests, the monthly
 * dispatch timed), and last the main pages per role beside their raw-SQL floors
 * (scripts/bench-pages.ts). Needs `npm run build` first for the HTTP part. Prints Markdown.
 */
import autocannon from "autocannon";
import { benchPerson, demoDataLoaders, freshBenchDatabase } from "./bench-database";
import { startProductionServer } from "./bench-server";
import { ms, percentile, printReport, report, timed } from "./bench-report";
import { runPageBenchmark } from "./bench-pages";

const { file } = await freshBenchDatabase("bench");

const { prisma, writeTransaction } = await import("~/utils/db.server");
const { loadReferenceData, loadDemoData } = await demoDataLoaders();
const { hashPassword } = await import("~/modules/auth/password.server");
const { registerWorkflow } = await import("~/modules/workflow/definition.server");
const { startWorkflow, applyEvent, verifyEventChain } = await import("~/modules/workflow/engine.server");
const { verifyAuditChain, recordAudit } = await import("~/modules/journal/audit.server");
const { scheduleJob } = await import("~/modules/scheduler/jobs.server");
const { registerJobHandler } = await import("~/modules/scheduler/registry.server");
const { runDueJobs } = await import("~/modules/scheduler/worker.server");
const { now } = await import("~/utils/clock.server");
const { enqueueMail } = await import("~/modules/mail/outbox.server");
const { deliverDueMails } = await import("~/modules/mail/sender.server");
const { createTransport } = await import("~/modules/mail/transport.server");
const { setup, assign } = await import("xstate");
const { z } = await import("zod");

/** Runs `batch` until a batch moves nothing: the total it counted, and the time it took. */
const drained = (batch: () => Promise<{ counted: number; moved: number }>) =>
  timed(async () => {
    let total = 0;
    for (;;) {
      const { counted, moved } = await batch();
      total += counted;
      if (moved === 0) return total;
    }
  });
/** The time a drain took and its rate, e.g. "420 ms (1190 jobs/s)". */
const rate = ({ result, ms: took }: { result: number; ms: number }, unit: string) =>
  `${ms(took)} (${((result / took) * 1000).toFixed(0)} ${unit}/s)`;

// --- data set ---------------------------------------------------------------------------
const reference = await timed(() => loadReferenceData());
report("Reference data load (101 départements, 218 organisations)", ms(reference.ms));
await loadDemoData();
const organisations = await prisma.organisation.findMany({ select: { id: true, kind: true } });
const passwordHash = await hashPassword("mot de passe du banc d'essai");
const people = await timed(async () => {
  let n = 0;
  for (let batch = 0; batch < 20; batch += 1) {
    await writeTransaction(async (tx) => {
      for (let i = 0; i < 100; i += 1) {
        const organisation = organisations[(n * 7) % organisations.length];
        const role = organisation.kind === "MDPH" ? "DIRECTEUR_MDPH" : "MEMBRE_GT";
        await tx.user.create({ data: benchPerson("personne", n, organisation.id, passwordHash, role) });
        n += 1;
      }
    });
  }
});
report("2,000 people created (20 transactions)", ms(people.ms));

// A three-step process shaped like the domain's (request → dispatched → confirmed → closed).
const machine = setup({
  types: { context: {} as { n: number }, events: {} as { type: "AVANCER"; now: string } },
  actions: { planifier: () => {} },
}).createMachine({
  id: "banc",
  initial: "demande",
  context: { n: 0 },
  states: {
    demande: {
      on: { AVANCER: { target: "envoyee", actions: [assign({ n: ({ context }) => context.n + 1 }), "planifier"] } },
    },
    envoyee: { on: { AVANCER: { target: "confirmee", actions: assign({ n: ({ context }) => context.n + 1 }) } } },
    confirmee: { on: { AVANCER: { target: "close", actions: assign({ n: ({ context }) => context.n + 1 }) } } },
    close: { type: "final" },
  },
});
registerWorkflow({
  type: "banc",
  version: 1,
  machine,
  eventSchema: z.object({ type: z.literal("AVANCER") }),
  stateLabels: {},
  eventLabels: {},
  effects: {
    planifier: async ({ tx, workflowId, now }) => {
      await scheduleJob(tx, {
        kind: "banc.rappel",
        dueAt: new Date(now.getTime() + 86_400_000),
        payload: { workflowId },
        idempotencyKey: `banc:${workflowId}`,
      });
    },
  },
});
const mdphs = organisations.filter((o) => o.kind === "MDPH");
const created = await timed(async () => {
  const ids: string[] = [];
  for (let batch = 0; batch < 100; batch += 1) {
    await writeTransaction(async (tx) => {
      for (let i = 0; i < 100; i += 1) {
        const wf = await startWorkflow(tx, {
          type: "banc",
          organisationId: mdphs[(batch * 100 + i) % mdphs.length].id,
          actor: null,
        });
        ids.push(wf.id);
      }
    });
  }
  return ids;
});
report(
  "10,000 workflows started (100 per transaction)",
  `${ms(created.ms)} (${((10_000 / created.ms) * 1000).toFixed(0)}/s)`,
);
const ids = created.result;

// --- engine -----------------------------------------------------------------------------
const advance = (id: string) => applyEvent({ workflowId: id, event: { type: "AVANCER" }, actor: null });
/** Advances the workflows from `from` on, 50 at a time. */
const advanceByFifty = (from: number) =>
  timed(async () => {
    for (let offset = from; offset < 10_000; offset += 50)
      await Promise.all(ids.slice(offset, offset + 50).map(advance));
  });
const latencies: number[] = [];
for (const id of ids.slice(0, 2000)) {
  const { ms: t } = await timed(() => advance(id));
  latencies.push(t);
}
report(
  "applyEvent, sequential (2,000 events)",
  `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
);
const concurrent = await advanceByFifty(2000);
report("applyEvent, 50 concurrent at a time (8,000 events)", `${((8000 / concurrent.ms) * 1000).toFixed(0)} events/s`);
const more = await advanceByFifty(0);
report(
  "second step of every workflow (10,000 more events, timed; the third follows untimed)",
  `${((10_000 / more.ms) * 1000).toFixed(0)} events/s`,
);
await advanceByFifty(0);
const statusQuery = await timed(() =>
  prisma.workflowInstance.groupBy({ by: ["status"], where: { type: "banc" }, _count: { _all: true } }),
);
report("Count by status over 10,000 workflows", ms(statusQuery.ms));
const events = await prisma.workflowEvent.count();
const chain = await timed(() => verifyEventChain(prisma));
report(
  `Event-log hash chain verified (${events.toLocaleString("en")} entries)`,
  `${ms(chain.ms)} — ${chain.result.ok ? "intact" : "BROKEN"}`,
);
await writeTransaction(async (tx) => {
  for (let i = 0; i < 5000; i += 1)
    await recordAudit(tx, { actor: null, action: "banc", entityType: "Banc", entityId: String(i) });
});
const audit = await timed(() => verifyAuditChain(prisma));
report(`Audit-log hash chain verified (${audit.result.count.toLocaleString("en")} entries)`, ms(audit.ms));

// --- scheduler --------------------------------------------------------------------------
registerJobHandler("banc.rappel", "deadline", async (tx, payload) => {
  await tx.setting.upsert({
    where: { key: "banc" },
    create: { key: "banc", value: "1" },
    update: { value: String((payload as { workflowId: string }).workflowId) },
  });
});
const future = new Date(now().getTime() + 2 * 86_400_000);
const drain = await drained(async () => {
  const r = await runDueJobs({ now: () => future, limit: 500 });
  return { counted: r.done, moved: r.done + r.failed + r.retried + r.skipped + r.dropped };
});
report(`Scheduler: ${drain.result.toLocaleString("en")} due jobs drained`, rate(drain, "jobs"));

// --- outbox -----------------------------------------------------------------------------
/** Queues `count` mails to `local`0…@banc.example in one transaction. */
const queueMails = (count: number, local: string, subject: string) =>
  writeTransaction(async (tx) => {
    for (let i = 0; i < count; i += 1)
      await enqueueMail(tx, {
        template: "banc",
        to: [`${local}${i}@banc.example`],
        subject,
        text: "Texte",
        html: "<p>Texte</p>",
      });
  });
await queueMails(5000, "destinataire", "Banc d'essai");
const local = await drained(async () => {
  const { kept } = await deliverDueMails({ transport: null, batchSize: 500 });
  return { counted: kept, moved: kept };
});
report(`Outbox without SMTP: ${local.result.toLocaleString("en")} mails kept locally`, ms(local.ms));
const { SMTPServer } = await import("smtp-server");
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData: (stream, _s, cb) => {
    stream.resume();
    stream.on("end", () => cb());
  },
});
await new Promise<void>((r) => smtp.listen(2599, "127.0.0.1", r));
await queueMails(500, "smtp", "Banc d'essai SMTP");
const transport = createTransport("smtp://127.0.0.1:2599");
const sent = await drained(async () => {
  const r = await deliverDueMails({ transport, batchSize: 100 });
  return { counted: r.sent, moved: r.sent + r.failed };
});
report(`Outbox over SMTP (local smtp-server): ${sent.result} mails`, rate(sent, "mails"));
transport?.close();
smtp.close();

// --- work groups, RFCs, reprise requests, Ségur pilots (scripts/benchmark-{rfc,reprise,segur}.ts)
const { runRfcBenchmark } = await import("./benchmark-rfc");
await runRfcBenchmark({ report, timed, percentile, ms });
const { runRepriseBenchmark } = await import("./benchmark-reprise");
await runRepriseBenchmark({ report, timed, percentile, ms });
const { runSegurBenchmark } = await import("./benchmark-segur");
await runSegurBenchmark({ report, timed, percentile, ms });
await prisma.$disconnect();

// --- HTTP -------------------------------------------------------------------------------
const { base, server } = await startProductionServer({ port: 3399 });
const signInPage = await autocannon({ url: `${base}/connexion`, connections: 10, duration: 8 });
report(
  "GET /connexion (10 connections, 8 s)",
  `${signInPage.requests.average.toFixed(0)} req/s, latency p50 ${signInPage.latency.p50} ms, p99 ${signInPage.latency.p99} ms, errors ${signInPage.errors + signInPage.non2xx}`,
);
server.kill("SIGTERM");
printReport();

// --- pages, side by side with their floors (scripts/bench-pages.ts) -----------------------
await runPageBenchmark(file);
process.exit(0);
