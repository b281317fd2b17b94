/**
 * Reprise requests at national scale, for scripts/benchmark.ts (npm run bench). Imported once
 * the bench database holds the reference and demo data and the 2,000 bench people (each MDPH
 * has bench directors). Everything goes through the domain services and the scheduler's own
 * job handler, with the injectable clock moved to each step's day; nothing is inserted raw:
 * - about five months ago, every MDPH signs its ITAC and OPALES avenants and asks for a date
 *   (202 requests); that month's list leaves on its day; the State services confirm, extract
 *   and ship, the MDPHs receive and validate two thirds of them (the rest are accepted
 *   tacitly by their jobs);
 * - the scheduler runs every day's jobs until the second round;
 * - before the last dispatch day, every MDPH asks again (202 requests), and **the monthly
 *   dispatch of those 202 requests is timed** (the scheduler's job: one transaction, both
 *   applications, the package files and the mails);
 * - the State services then answer most of them: a confirmed date, another date proposed,
 *   or nothing yet.
 * Returns the ids the page benchmark needs.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { sessionUserById } from "~/modules/auth/session.server";
import { actOnRequest, recordSignature, submitRequest } from "~/modules/reprise/request-commands.server";
import { monthOf, type Month } from "~/modules/reprise/rules";
import { dispatchDay, dispatchInstant, upcomingDispatchMonth } from "~/modules/reprise/rules.server";
import { dispatchSetting } from "~/modules/reprise/settings.server";
import { REPRISE_JOBS } from "~/modules/reprise/workflow.server";
import { getJobHandler } from "~/modules/scheduler/registry.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { readSetting } from "~/modules/settings/settings.server";
import { now, resetClock, setClock } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { addCalendarDays, parisDate, parisInstant } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { person } from "../test/support/people";
import type { BenchTools } from "./benchmark-rfc";

type Application = "ITAC" | "OPALES";
const APPLICATIONS: Application[] = ["ITAC", "OPALES"];
const MEDIUM: Record<Application, string> = { ITAC: "DVD", OPALES: "Clé USB" };

function check<T>(result: { ok: true; value?: T } | { ok: false; message: string }, what: string) {
  if (!result.ok) throw new Error(`Bench reprise: ${what} refused: ${result.message}`);
  return result;
}

/** The clock at 10:00, Paris time, on `day`. */
const at = (day: string) => setClock(parisInstant(day, "10:00"));

async function sessionOf(email: string): Promise<SessionUser> {
  const { id } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await sessionUserById(id))!;
}

export async function runRepriseBenchmark({ report, timed, ms }: BenchTools) {
  const realNow = now();
  const today = parisDate(realNow);
  const settings = await readSetting(dispatchSetting);
  const dagemo = await sessionOf("isabelle.roux@dagemo.example");
  // The demo's MEN-STSI agent works at the Rennes centre and sees only its share: the OPALES
  // answers come from an agent of the head office, who sees every list it received.
  const menStsi = await person("opales@banc.example", "men-stsi", ["SERVICE_ETAT"]);
  const stateOf = (application: Application) => (application === "ITAC" ? dagemo : menStsi);

  // One bench director per MDPH, the first by e-mail.
  const directors = await prisma.user.findMany({
    where: { email: { endsWith: "@banc.example" }, roles: { some: { role: "DIRECTEUR_MDPH" } } },
    select: { id: true, organisationId: true },
    orderBy: { email: "asc" },
  });
  const directorOf = new Map<string, string>();
  for (const d of directors) if (!directorOf.has(d.organisationId)) directorOf.set(d.organisationId, d.id);
  const mdphDirectors: SessionUser[] = [];
  for (const id of directorOf.values()) mdphDirectors.push((await sessionUserById(id))!);

  const contact = (director: SessionUser) => ({
    contactName: `${director.firstName} ${director.lastName}`,
    contactFunction: "Responsable des systèmes d'information",
    contactPhone: "01 23 45 67 89",
    contactEmail: director.email,
  });
  /** Every MDPH asks for both applications; one whose last request is still open cannot (one open request each). */
  async function askAll(day: string, desiredDate: string) {
    at(day);
    const ids: { id: string; application: Application; director: SessionUser }[] = [];
    for (const director of mdphDirectors)
      for (const application of APPLICATIONS) {
        const submitted = await submitRequest(director, {
          application,
          requestDate: day,
          desiredDate,
          ...contact(director),
        });
        if (submitted.ok) ids.push({ id: submitted.value.id, application, director });
        else if (!submitted.message.includes("une seule demande ouverte")) check(submitted, `demande ${application}`);
      }
    return ids;
  }
  /** The requests of `asked` that month's lists carried (an OPALES one waits while its département has no centre). */
  async function sentIn(month: Month, asked: Awaited<ReturnType<typeof askAll>>) {
    const items = await prisma.repriseCampaignItem.findMany({
      where: { campaign: { month } },
      select: { requestId: true },
    });
    const sent = new Set(items.map((i) => i.requestId));
    return asked.filter((r) => sent.has(r.id));
  }
  const dispatchHandler = getJobHandler(REPRISE_JOBS.monthlyDispatch)!;
  /**
   * The month's dispatch (the scheduler's job, one transaction), then the jobs it left due at
   * once, as the worker woken after its commit runs them: each list's package (files built
   * before their transaction, then stored and mailed).
   */
  async function dispatchMonth(month: Month) {
    const instant = dispatchInstant(month, settings);
    // The jobs already due (the morning's reminders…) run first, untimed: the timed ones are the dispatch's.
    const before = new Date(instant.getTime() - 1);
    setClock(before);
    while ((await runDueJobs({ now: () => before, limit: 500 })).done > 0);
    setClock(instant);
    const dispatch = await timed(() =>
      writeTransaction((tx) =>
        dispatchHandler(
          tx,
          { month },
          { now: instant, job: { id: "banc", kind: REPRISE_JOBS.monthlyDispatch, dueAt: instant, attempts: 0 } },
        ),
      ),
    );
    const after = await timed(() => runDueJobs({ now: () => instant, limit: 500 }));
    return { ms: dispatch.ms, afterMs: after.ms, jobs: after.result.done };
  }
  /** The due jobs of each day from `from` to `to` (reminders, lists, tacit acceptances), as the worker runs them. */
  async function runJobsDaily(from: string, to: string) {
    for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
      const instant = parisInstant(day, "23:00");
      setClock(instant);
      for (;;) {
        const r = await runDueJobs({ now: () => instant, limit: 500 });
        if (r.done + r.failed + r.retried + r.skipped + r.dropped === 0) break;
      }
    }
  }

  // --- first round: asked, sent, delivered and accepted ------------------------------------
  const lastMonth =
    monthOf(today) === upcomingDispatchMonth(realNow, settings) ? previous(monthOf(today)) : monthOf(today);
  const firstMonth = previous(previous(previous(previous(lastMonth))));
  const firstAsked = addCalendarDays(dispatchDay(firstMonth, settings), -12);
  const firstDesired = addWorkingDays(dispatchDay(firstMonth, settings), 25);
  const built = await timed(async () => {
    at(addCalendarDays(firstAsked, -3));
    for (const director of mdphDirectors)
      for (const application of APPLICATIONS)
        check(
          await recordSignature(director, {
            application,
            signedOn: addCalendarDays(firstAsked, -3),
            signatoryName: `${director.firstName} ${director.lastName}`,
            signatoryFunction: "Directeur ou directrice de la MDPH",
            designatedByCommission: "oui",
          }),
          `avenant ${application}`,
        );
    const asked = await askAll(firstAsked, firstDesired);
    await dispatchMonth(firstMonth);
    const first = await sentIn(firstMonth, asked);
    at(addWorkingDays(dispatchDay(firstMonth, settings), 2));
    for (const r of first) check(await actOnRequest(stateOf(r.application), r.id, { type: "CONFIRMER_DATE" }), "date");
    at(firstDesired);
    for (const r of first)
      check(await actOnRequest(stateOf(r.application), r.id, { type: "EXTRAIRE", date: firstDesired }), "extraction");
    const shipped = addWorkingDays(firstDesired, 1);
    at(shipped);
    for (const r of first)
      check(
        await actOnRequest(stateOf(r.application), r.id, {
          type: "EXPEDIER",
          medium: MEDIUM[r.application],
          date: shipped,
          reference: `RAR ${r.id.slice(-10)}`,
        }),
        "expédition",
      );
    const received = addWorkingDays(shipped, 2);
    at(received);
    for (const r of first)
      check(await actOnRequest(r.director, r.id, { type: "RECEPTIONNER", date: received }), "réception");
    at(addWorkingDays(received, 5));
    for (const [i, r] of first.entries())
      if (i % 3 !== 2) check(await actOnRequest(r.director, r.id, { type: "VALIDER" }), "validation");
    return { asked: asked.length, sent: first.length };
  });
  report(
    `Reprise, first round (${built.result.asked} requests asked, ${built.result.sent} sent, delivered and accepted)`,
    ms(built.ms),
  );

  // --- second round: the timed dispatch of 202 requests ---------------------------------------
  const secondAsked = addCalendarDays(dispatchDay(lastMonth, settings), -12);
  const jobs = await timed(() => runJobsDaily(addCalendarDays(firstAsked, 1), addCalendarDays(secondAsked, -1)));
  report("Reprise, the scheduler's jobs of every day between the two rounds", ms(jobs.ms));
  const asked = await askAll(secondAsked, addWorkingDays(dispatchDay(lastMonth, settings), 30));
  const mailsBefore = await prisma.outboxMail.count();
  const dispatched = await dispatchMonth(lastMonth);
  const campaigns = await prisma.repriseCampaign.findMany({
    where: { month: lastMonth },
    select: { _count: { select: { items: true, files: true } } },
  });
  const items = campaigns.reduce((n, c) => n + c._count.items, 0);
  const files = campaigns.reduce((n, c) => n + c._count.files, 0);
  report(
    `Monthly dispatch of ${lastMonth}, both lists (${items} requests, ${files} files, ${(await prisma.outboxMail.count()) - mailsBefore} mails once its package jobs ran, one transaction)`,
    ms(dispatched.ms),
  );
  report(
    `Monthly dispatch of ${lastMonth}: the jobs due right after its commit (${dispatched.jobs}, each list's package: files built outside the transaction, stored and mailed)`,
    ms(dispatched.afterMs),
  );
  report(
    `Monthly dispatch of ${lastMonth}: the transaction and its package jobs together`,
    ms(dispatched.ms + dispatched.afterMs),
  );

  // The State services answer: two thirds confirmed, one in six another date, the rest awaited.
  const second = await sentIn(lastMonth, asked);
  at(addWorkingDays(dispatchDay(lastMonth, settings), 1));
  for (const [i, r] of second.entries()) {
    if (i % 6 === 5) continue;
    const event =
      i % 6 === 4
        ? {
            type: "PROPOSER_DATE",
            date: addWorkingDays(dispatchDay(lastMonth, settings), 40),
            comment: "Charge du centre",
          }
        : { type: "CONFIRMER_DATE" };
    check(await actOnRequest(stateOf(r.application), r.id, event), "réponse de l'État");
  }
  resetClock();
  return {
    month: lastMonth,
    director: mdphDirectors[0].email,
    request: second[0].id,
    campaign: (await prisma.repriseCampaign.findFirstOrThrow({ where: { month: lastMonth, application: "ITAC" } })).id,
  };
}

function previous(month: Month): Month {
  return monthOf(addCalendarDays(`${month}-01`, -1));
}
