/**
 * Work groups and RFC cycles at national scale, for scripts/benchmark.ts (npm run bench).
 * Imported once the bench database is set up (DATABASE_URL, reference and demo data, the
 * 2,000 bench people). Everything goes through the domain services, with their `now`
 * argument or the injectable clock, as a pilot, a coordinator or an MDPH director would;
 * nothing is inserted raw:
 * - 10 groups (created, letter written, validated, activated), 30 meetings, 2,000 action
 *   items (created with the clock moved back 60 days, so that about a third are overdue
 *   today), 400 of them started and 400 done;
 * - 40 RFCs: one national cycle on a ~15,000-word version that ran 45 to 15 days ago
 *   (218 organisations invited, 600 comments of which 200 anchored to a passage, and 200
 *   replies; 600 dispositions, adoption, 101 MDPH positions; 400 people take the daily
 *   digest), 3 national cycles and 9 group cycles open now, 10 concluded cycles, 17 drafts.
 * It measures the services; scripts/bench-pages.ts then measures the pages over HTTP.
 */
import { performance } from "node:perf_hooks";
import type { SessionUser } from "~/modules/auth/session.server";
import { sessionUserById } from "~/modules/auth/session.server";
import { actOnActionItem, createActionItem } from "~/modules/groups/actions.server";
import { groupsOverview } from "~/modules/groups/dashboard.server";
import { overdueActions } from "~/modules/groups/queries/dashboard.server";
import { actOnGroup, createGroup } from "~/modules/groups/group-commands.server";
import { getGroup } from "~/modules/groups/group-queries.server";
import { saveLetter } from "~/modules/groups/letter.server";
import { createMeeting } from "~/modules/groups/meetings.server";
import { renderWithAnchors } from "~/modules/rfc/anchors.server";
import { disposeComment, postComment } from "~/modules/rfc/comments.server";
import { threadPage } from "~/modules/rfc/queries/threads.server";
import { awaitingAnswer, pilotCycles, responseRates } from "~/modules/rfc/dashboard.server";
import { DISPOSITION_COLUMNS, dispositionTable } from "~/modules/rfc/dispositions.server";
import { composeApplication } from "~/composition.server";
import { nationalPositions, recordPosition } from "~/modules/rfc/positions.server";
import { concludeCycle, concludeCycleIn, openCycle, openCycleIn } from "~/modules/rfc/cycle-commands.server";
import { versionView } from "~/modules/rfc/read-models.server";
import { createRfc } from "~/modules/rfc/rfc-commands.server";
import { valueOf } from "../test/support/result";
import { setDigestChoice } from "~/modules/rfc/settings.server";
import { RFC_JOBS } from "~/modules/rfc/workflow.server";
import { plainText, type RichTextDocument } from "~/modules/richtext/render.server";
import { getJobHandler } from "~/modules/scheduler/registry.server";
import { applyEventInTransaction } from "~/modules/workflow/engine.server";
import { now, resetClock, setClock } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { exportResponse, type ExportFormat } from "~/utils/export.server";
import { addCalendarDays, parisDate, parisInstant } from "~/utils/working-days";

export type BenchTools = {
  report: (label: string, value: string) => void;
  timed: <T>(work: () => Promise<T>) => Promise<{ result: T; ms: number }>;
  percentile: (values: number[], p: number) => number;
  ms: (value: number) => string;
};

const DAY = 86_400_000;

// --- deterministic French text ---------------------------------------------------------------
let seed = 20_070_323;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const WORDS = (
  "la MDPH transmet au partenaire le fichier des décisions de la commission des droits et de l'autonomie selon le format d'échange défini par le groupe " +
  "chaque enregistrement comporte l'identifiant de la personne son numéro d'allocataire la nature de la prestation la date d'effet et la durée de validité " +
  "le conseil départemental reçoit les notifications de prestation de compensation du handicap pour mise en paiement après contrôle des pièces justificatives " +
  "un accusé de réception est retourné dans les deux jours ouvrés à défaut l'émetteur relance le destinataire par la plateforme d'échange sécurisée " +
  "les données sensibles sont chiffrées pendant le transport et conservées pendant la durée strictement nécessaire au traitement de la demande " +
  "l'éditeur du logiciel de la MDPH met à disposition un export conforme au schéma publié et documente les écarts constatés lors des tests d'intégration"
).split(" ");
const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
const sentence = (n: number) => {
  const text = words(n);
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
};
const prose = (sentences: number, length = 14) => Array.from({ length: sentences }, () => sentence(length)).join(" ");

/** A ~15,000-word specification: 50 sections of 10 numbered rules and a list. Rule labels ("R-12.3 :") make passages unique. */
function bigDocument() {
  const content: object[] = [];
  const rules: string[] = [];
  for (let s = 1; s <= 50; s += 1) {
    content.push({
      type: "heading",
      attrs: { level: 2 },
      content: [{ type: "text", text: `Section ${s} — ${sentence(5).slice(0, -1)}` }],
    });
    for (let p = 1; p <= 10; p += 1) {
      const text = `R-${s}.${p} : ${prose(2, 13)}`;
      rules.push(text);
      content.push({ type: "paragraph", content: [{ type: "text", text }] });
    }
    content.push({
      type: "bulletList",
      content: Array.from({ length: 4 }, () => ({
        type: "listItem",
        content: [{ type: "paragraph", content: [{ type: "text", text: sentence(7) }] }],
      })),
    });
  }
  return { document: { type: "doc", content } as RichTextDocument, rules };
}

const smallDocument = (title: string): RichTextDocument => ({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Objet" }] },
    { type: "paragraph", content: [{ type: "text", text: `${title} : ${prose(3)}` }] },
    { type: "paragraph", content: [{ type: "text", text: prose(4) }] },
  ],
});

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

function check<T>(result: Outcome<T>, what: string): T {
  if (!result.ok) throw new Error(`Bench RFC: ${what} refused: ${result.message}`);
  return result.value;
}

async function userOf(where: object): Promise<SessionUser> {
  const found = await prisma.user.findFirstOrThrow({ where, select: { id: true }, orderBy: { email: "asc" } });
  return (await sessionUserById(found.id))!;
}

export async function runRfcBenchmark({ report, timed, percentile, ms }: BenchTools) {
  const spread = (values: number[]) => `p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}`;
  /** First (cold) call, then the median of ten more. */
  async function reads<T>(work: () => Promise<T>) {
    const first = await timed(work);
    const times: number[] = [];
    for (let i = 0; i < 10; i += 1) times.push((await timed(work)).ms);
    return { result: first.result, text: `first ${ms(first.ms)}, then p50 ${ms(percentile(times, 50))}` };
  }
  /** Times a step that must succeed, and gives its value. */
  const timedStep = <T>(what: string, step: () => Promise<Outcome<T>>) => timed(async () => check(await step(), what));
  const mails = () => prisma.outboxMail.count();
  composeApplication();

  const realNow = now();
  const today = parisDate(realNow);
  const coordinator = await userOf({ email: "camille.durand@cnsa.example" });
  const organisations = await prisma.organisation.findMany({
    where: { kind: { in: ["CNSA", "MDPH", "CONSEIL_DEPARTEMENTAL", "PARTENAIRE", "SERVICE_ETAT"] } },
    select: { id: true, code: true, kind: true },
  });
  const ofKind = (kind: string) => organisations.filter((o) => o.kind === kind);
  const cnsa = ofKind("CNSA")[0];
  const mdphs = ofKind("MDPH").sort((a, b) => a.code.localeCompare(b.code));
  const conseils = ofKind("CONSEIL_DEPARTEMENTAL").sort((a, b) => a.code.localeCompare(b.code));
  const partners = [...ofKind("PARTENAIRE"), ...ofKind("SERVICE_ETAT")].sort((a, b) => a.code.localeCompare(b.code));
  // One bench person per organisation writes for it (benchmark.ts gave every organisation ~9 people).
  const people = await prisma.user.findMany({
    where: { email: { endsWith: "@banc.example" } },
    select: { id: true, organisationId: true },
    orderBy: { email: "asc" },
  });
  const personOf = new Map<string, string[]>();
  for (const p of people) personOf.set(p.organisationId, [...(personOf.get(p.organisationId) ?? []), p.id]);
  const sessionCache = new Map<string, SessionUser>();
  const speaker = async (organisationId: string, k = 0) => {
    const ids = personOf.get(organisationId) ?? [];
    const id = ids[k % ids.length];
    if (!sessionCache.has(id)) sessionCache.set(id, (await sessionUserById(id))!);
    return sessionCache.get(id)!;
  };

  // --- work groups ----------------------------------------------------------------------------
  // Created 60 days ago (the group services read the application clock), so that action items
  // decided then with due days from 55 days ago on are overdue today, as they would be.
  setClock(new Date(realNow.getTime() - 60 * DAY));
  const groupCodes: string[] = [];
  const groupMembers = new Map<string, string[]>();
  const groups = await timed(async () => {
    for (let g = 0; g < 10; g += 1) {
      const code = `banc-groupe-${g + 1}`;
      const pilot = g % 2 === 0 ? cnsa : partners[g % partners.length];
      // Group 1 carries the national cycle: the CNSA, every partner and 10 MDPHs; the others a
      // handful of partners, 12 MDPHs and 6 conseils départementaux.
      const members =
        g === 0
          ? [cnsa.id, ...partners.map((p) => p.id), ...mdphs.slice(0, 10).map((m) => m.id)]
          : [
              cnsa.id,
              pilot.id,
              partners[(g + 3) % partners.length].id,
              ...mdphs.slice(g * 9, g * 9 + 12).map((m) => m.id),
              ...conseils.slice(g * 9, g * 9 + 6).map((c) => c.id),
            ];
      const unique = [...new Set(members)];
      groupMembers.set(code, unique);
      check(
        await createGroup(coordinator, {
          code,
          kind: g === 0 ? "TECHNIQUE" : "FONCTIONNEL",
          name: `Groupe de travail national n° ${g + 1}`,
          memberOrganisationIds: unique,
          pilotOrganisationId: pilot.id,
          letterDueOn: addCalendarDays(parisDate(new Date(realNow.getTime() - 60 * DAY)), 30),
          distributionLists: ["MEMBRES", "MDPH", "ADF", "SI_CD"],
          vendorsJoin: "OUVERTURE_RFC",
        }),
        `création du groupe ${code}`,
      );
      check(await actOnGroup(coordinator, code, "VALIDER_PILOTE"), "validation du pilote");
      const group = check(await getGroup(coordinator, code), "lecture du groupe");
      check(
        await saveLetter(
          coordinator,
          code,
          {
            missionLetter: JSON.stringify(smallDocument("Périmètre du groupe")),
            roles: Object.fromEntries(
              unique.map((id) => [id, "Relecture et avis sur les propositions du groupe, tests des échanges."]),
            ),
            deliverables: [1, 2, 3].map((n) => ({
              title: `Livrable ${n}`,
              dueOn: addCalendarDays(today, n * 60),
              validationDays: 15,
            })),
          },
          group.rowVersion,
        ),
        "lettre de mission",
      );
      check(await actOnGroup(coordinator, code, "VALIDER"), "validation du groupe");
      check(await actOnGroup(coordinator, code, "ACTIVER"), "activation du groupe");
      const cnsaPeople = (personOf.get(cnsa.id) ?? []).slice(0, 4);
      for (const days of [-40, 10, 40]) {
        check(
          await createMeeting(coordinator, code, {
            date: addCalendarDays(today, days),
            startTime: "14:00",
            endTime: "16:30",
            place: "CNSA, 66 avenue du Maine, Paris",
            attendeeIds: cnsaPeople,
            agenda: JSON.stringify(smallDocument("Ordre du jour")),
          }),
          "réunion",
        );
      }
      groupCodes.push(code);
    }
  });
  report("10 work groups created, letters written, validated, activated; 30 meetings (services)", ms(groups.ms));
  const items = await timed(async () => {
    const ids: { code: string; id: string }[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const code = groupCodes[i % 10];
      const members = groupMembers.get(code)!;
      const owners = [
        members[(i * 7) % members.length],
        ...(i % 3 === 0 ? [members[(i * 11 + 1) % members.length]] : []),
      ];
      // Due days from 55 days ago to 120 days ahead: about a third are overdue today.
      const dueOn = addCalendarDays(today, -55 + (i % 176));
      const created = check(
        await createActionItem(coordinator, code, {
          title: `Action ${i + 1} : ${sentence(8)}`,
          organisationIds: owners,
          dueOn,
        }),
        "action",
      );
      ids.push({ code, id: created.id });
    }
    return ids;
  });
  report(
    "2,000 action items created (createActionItem, one transaction each)",
    `${ms(items.ms)} (${((2000 / items.ms) * 1000).toFixed(0)}/s)`,
  );
  resetClock();
  const moved: number[] = [];
  for (const [n, item] of items.result.slice(0, 800).entries()) {
    const event =
      n % 2 === 0
        ? ({ type: "COMMENCER" } as const)
        : ({ type: "TERMINER", doneOn: addCalendarDays(today, -1) } as const);
    const { ms: t } = await timedStep("avancement d'action", () =>
      actOnActionItem(coordinator, item.code, item.id, event),
    );
    moved.push(t);
  }
  report("actOnActionItem (400 started, 400 done)", spread(moved));

  // --- RFCs ----------------------------------------------------------------------------------
  const { document, rules } = bigDocument();
  const numbers: string[] = [];
  const rfcs = await timed(async () => {
    for (let i = 0; i < 40; i += 1) {
      const code = groupCodes[i % 10];
      const title = i === 0 ? "Format national d'échange des décisions de la CDAPH" : `Proposition ${i + 1} du groupe`;
      const at = new Date(realNow.getTime() - (i === 0 ? 46 : 30) * DAY);
      numbers.push(
        check(
          await createRfc(coordinator, code, { title, document: i === 0 ? document : smallDocument(title) }, at),
          "création de RFC",
        ).number,
      );
    }
  });
  report("40 RFCs created (createRfc; one of ~15,000 words)", ms(rfcs.ms));
  const rfcOf = async (number: string) =>
    prisma.rfc.findUniqueOrThrow({ where: { number }, select: { id: true, number: true } });

  // The national cycle: opened 45 days ago for 30 days, to every MDPH and conseil départemental
  // (the allMdph/allConseils boxes) and to the group's members (the CNSA and every partner).
  const big = await rfcOf(numbers[0]);
  const plainWords = plainText(document).split(/\s+/).filter(Boolean).length;
  const t0 = new Date(realNow.getTime() - 45 * DAY);
  const deadline = parisInstant(parisDate(new Date(t0.getTime() + 30 * DAY)), "18:00");
  const bigVersion = await prisma.rfcVersion.findFirstOrThrow({
    where: { rfcId: big.id, number: 1 },
    include: { workflow: { select: { rowVersion: true } } },
  });
  const mailsBefore = await mails();
  const opening = {
    deadline,
    organisationIds: groupMembers.get(groupCodes[0])!,
    allMdph: true,
    allConseils: true,
    expectedRowVersion: bigVersion.workflow.rowVersion,
  };
  const opened = await timedStep("ouverture du cycle national", () =>
    openCycle(coordinator, big.number, 1, opening, t0),
  );
  const openingMails = (await mails()) - mailsBefore;
  report(
    `openCycle: national cycle, ${opened.result.invited} organisations invited`,
    `${ms(opened.ms)}, ${openingMails.toLocaleString("en")} mails queued`,
  );

  // 800 posts over 20 days (every 36 minutes): 200 whole-text, 200 anchored, 200 whole-text,
  // and 200 replies to earlier comments. 160 of the 218 invited organisations answer.
  const answering = [cnsa, ...partners, ...mdphs.slice(0, 80), ...conseils.slice(0, 64)];
  const invitedSilent = 218 - answering.length;
  let clockAt = t0.getTime() + DAY;
  const tick = () => new Date((clockAt += 36 * 60_000));
  const kinds = ["QUESTION", "REDACTIONNEL", "FOND", "OBJECTION", "SOUTIEN"];
  const topIds: string[] = [];
  const wholeTimes: number[] = [];
  const anchoredTimes: number[] = [];
  const replyTimes: number[] = [];
  let digestDay = "";
  for (let i = 0; i < 800; i += 1) {
    const at = tick();
    if (i === 400) digestDay = parisDate(at);
    const reply = i >= 600;
    const anchored = i >= 200 && i < 400;
    const organisation = answering[(i * 13) % answering.length];
    const author = await speaker(organisation.id, i);
    const input = reply
      ? { body: prose(2), parentId: topIds[(i * 7) % topIds.length] }
      : anchored
        ? {
            kind: kinds[i % 5],
            body: prose(3),
            passage: rules[((i - 200) * 5) % rules.length]
              .split(" ")
              .slice(0, 6 + (i % 10))
              .join(" "),
          }
        : { kind: kinds[i % 5], body: prose(3) };
    const { result, ms: t } = await timedStep(`commentaire ${i}`, () => postComment(author, big.number, 1, input, at));
    (reply ? replyTimes : anchored ? anchoredTimes : wholeTimes).push(t);
    if (!reply) topIds.push(result.id);
  }
  report("postComment, whole text (400 sequential posts)", spread(wholeTimes));
  report("postComment, anchored to a passage of the 15,000-word version (200 posts)", spread(anchoredTimes));
  report("postComment, replies (200 posts)", spread(replyTimes));
  // The 7-day reminder, as the scheduler runs it at its time (after the 800 posts).
  const reminderAt = new Date(deadline.getTime() - 7 * DAY);
  const reminderHandler = getJobHandler(RFC_JOBS.reminder)!;
  const beforeReminder = await mails();
  const reminder = await timed(() =>
    writeTransaction((tx) =>
      reminderHandler(
        tx,
        { workflowId: bigVersion.workflowId, deadline: deadline.toISOString(), days: 7 },
        { now: reminderAt, job: { id: "banc", kind: RFC_JOBS.reminder, dueAt: reminderAt, attempts: 0 } },
      ),
    ),
  );
  report(
    `Reminder job, national cycle (${invitedSilent} silent organisations)`,
    `${ms(reminder.ms)}, ${((await mails()) - beforeReminder).toLocaleString("en")} mails queued`,
  );

  // Daily digest of one day of that cycle, for the 400 people (of 2,000) who asked for it.
  for (const p of people.slice(0, 400)) {
    const u = await prisma.user.findUniqueOrThrow({
      where: { id: p.id },
      select: { id: true, firstName: true, lastName: true, organisationId: true },
    });
    await setDigestChoice(u, true);
  }
  const digestAt = parisInstant(addCalendarDays(digestDay, 1), "08:00");
  const dayComments = await prisma.rfcComment.count({
    where: { createdAt: { gte: new Date(digestAt.getTime() - DAY), lt: digestAt } },
  });
  const digestMails = await mails();
  const digestHandler = getJobHandler(RFC_JOBS.digest)!;
  const digest = await timed(() =>
    writeTransaction((tx) =>
      digestHandler(
        tx,
        { day: addCalendarDays(digestDay, 1) },
        { now: digestAt, job: { id: "banc", kind: RFC_JOBS.digest, dueAt: digestAt, attempts: 0 } },
      ),
    ),
  );
  report(
    `Daily digest job (${dayComments} comments of the day, 400 readers)`,
    `${ms(digest.ms)}, ${((await mails()) - digestMails).toLocaleString("en")} mails queued`,
  );

  // Reading the version while it is still open (as an invited MDPH director would).
  const during = new Date(deadline.getTime() - DAY);
  const director = await speaker(mdphs[0].id);
  const viewOpen = await reads(() => versionView(director, big.number, 1, during).then(valueOf));
  report("versionView, open cycle with 600 comments (MDPH director)", viewOpen.text);

  // Closing at the deadline (the close job), then 600 dispositions, adoption, positions.
  const closeHandler = getJobHandler(RFC_JOBS.close)!;
  const closed = await timed(() =>
    writeTransaction((tx) =>
      closeHandler(
        tx,
        { workflowId: bigVersion.workflowId, deadline: deadline.toISOString() },
        { now: deadline, job: { id: "banc", kind: RFC_JOBS.close, dueAt: deadline, attempts: 0 } },
      ),
    ),
  );
  report("Close job, national cycle", ms(closed.ms));
  const dispositions = ["ACCEPTE", "PARTIELLEMENT_ACCEPTE", "REJETE", "NOTE"];
  const disposeTimes: number[] = [];
  clockAt = deadline.getTime() + 60 * 60_000;
  for (const [n, id] of topIds.entries()) {
    const at = new Date((clockAt += 20 * 60_000));
    const { ms: t } = await timedStep("disposition", () =>
      disposeComment(coordinator, id, { disposition: dispositions[n % 4], reply: prose(2) }, at),
    );
    disposeTimes.push(t);
  }
  report("disposeComment (600 dispositions)", spread(disposeTimes));
  const adoptedAt = new Date(clockAt + DAY);
  const mailsBeforeAdoption = await mails();
  const conclusion = "Le groupe adopte ce format comme proposition aux MDPH et à leurs partenaires.";
  const adoption = await timedStep("adoption", () =>
    concludeCycle(coordinator, big.number, 1, { outcome: "adoption", conclusion }, adoptedAt),
  );
  report(
    "concludeCycle: adoption of the national cycle",
    `${ms(adoption.ms)}, ${((await mails()) - mailsBeforeAdoption).toLocaleString("en")} mails queued`,
  );
  const positionTimes: number[] = [];
  const positions = ["ADOPTE", "ADOPTE", "ADOPTERA", "N_ADOPTE_PAS"];
  for (const [n, mdph] of mdphs.entries()) {
    const directorOf = await userOf({
      organisationId: mdph.id,
      email: { endsWith: "@banc.example" },
      roles: { some: { role: "DIRECTEUR_MDPH" } },
    });
    const position = positions[n % 4];
    const at = new Date(adoptedAt.getTime() + (n + 1) * 60 * 60_000);
    const { ms: t } = await timedStep("position", () =>
      recordPosition(directorOf, big.number, { position, comment: position === "N_ADOPTE_PAS" ? prose(1) : "" }, at),
    );
    positionTimes.push(t);
  }
  report(`recordPosition (${mdphs.length} MDPH positions)`, spread(positionTimes));

  // The other 39 RFCs: 3 national cycles and 9 group cycles open now, 10 concluded, 17 drafts
  // (one transaction each, as a pilot would; only `tx` may be queried inside).
  for (let i = 1; i <= 22; i += 1) {
    const rfc = await rfcOf(numbers[i]);
    const members = groupMembers.get(groupCodes[i % 10])!;
    await writeTransaction(async (tx) => {
      if (i <= 12) {
        const opening = new Date(realNow.getTime() - 5 * DAY);
        const invited = i <= 3 ? organisations.map((o) => o.id) : members;
        check(
          await openCycleIn(
            tx,
            coordinator,
            rfc,
            1,
            { deadline: parisInstant(addCalendarDays(today, 16), "18:00"), invited },
            opening,
          ),
          "ouverture",
        );
      } else if (i <= 22) {
        const opening = new Date(realNow.getTime() - 29 * DAY);
        const due = parisInstant(addCalendarDays(today, -10), "18:00");
        check(await openCycleIn(tx, coordinator, rfc, 1, { deadline: due, invited: members }, opening), "ouverture");
        const version = await tx.rfcVersion.findFirstOrThrow({
          where: { rfcId: rfc.id, number: 1 },
          select: { workflowId: true },
        });
        const closing = await applyEventInTransaction(tx, {
          workflowId: version.workflowId,
          event: { type: "ECHEANCE" },
          actor: null,
          now: due,
        });
        if (!closing.ok) throw new Error(closing.message);
        const outcome = i <= 17 ? "adoption" : i <= 20 ? "nouvelle-version" : "retrait";
        check(
          await concludeCycleIn(
            tx,
            coordinator,
            rfc,
            1,
            { outcome, conclusion: "Conclusion du cycle." },
            new Date(due.getTime() + DAY),
          ),
          "conclusion",
        );
      }
    });
  }
  // Some answers on the cycles open now, from the people who were not writing above.
  for (let i = 0; i < 150; i += 1) {
    const number = numbers[1 + (i % 3)];
    const organisation = [...mdphs.slice(0, 60), ...conseils.slice(0, 30)][(i * 17) % 90];
    check(
      await postComment(
        await speaker(organisation.id, i + 1),
        number,
        1,
        { kind: kinds[i % 5], body: prose(3) },
        new Date(realNow.getTime() - (150 - i) * 30 * 60_000),
      ),
      "commentaire",
    );
  }

  // --- reading ---------------------------------------------------------------------------------
  const counts = await prisma.rfcComment.groupBy({
    by: ["parentId"],
    where: { versionId: bigVersion.id },
    _count: true,
  });
  const stored = counts.reduce((sum, c) => sum + c._count, 0);
  report(
    `National data set for the reads`,
    `version of ${plainWords.toLocaleString("en")} words, ${stored} comments and replies, ${await prisma.rfcInvitation.count()} invitations, ${await prisma.actionItem.count()} action items, ${await prisma.rfc.count()} RFCs`,
  );
  const view = await reads(() => versionView(coordinator, big.number, 1).then(valueOf));
  report("versionView, concluded cycle (coordinator)", view.text);
  const threads = await reads(() => threadPage(coordinator, bigVersion.id, 1));
  report(
    `threadPage, first page (${threads.result.list.length} of ${threads.result.threads} threads, ${stored} comments)`,
    threads.text,
  );
  const anchors = threads.result.passages;
  const rendered = await reads(async () =>
    renderWithAnchors(view.result.version.document, anchors, { headingOffset: 1 }),
  );
  report(
    `renderWithAnchors (${anchors.length} marks, ${Math.round(rendered.result.length / 1024)} kB of HTML)`,
    rendered.text,
  );
  const table = await reads(() => dispositionTable(coordinator, big.number, 1).then(valueOf));
  report(`dispositionTable (${table.result.rows.length} rows)`, table.text);
  for (const format of ["csv", "xlsx", "pdf"] as ExportFormat[]) {
    const exported = await timed(async () => {
      const t = valueOf(await dispositionTable(coordinator, big.number, 1));
      const response = await exportResponse({
        format,
        filename: "dispositions",
        title: "Tableau des dispositions",
        subtitle: t.rfc.title,
        columns: DISPOSITION_COLUMNS,
        rows: t.rows,
      });
      return (await response.arrayBuffer()).byteLength;
    });
    report(
      `Disposition table export, ${format.toUpperCase()} (${table.result.rows.length} rows)`,
      `${ms(exported.ms)}, ${Math.round(exported.result / 1024)} kB`,
    );
  }
  const rates = await reads(() => responseRates());
  report(`responseRates (${rates.result.length} organisations, 12 open cycles)`, rates.text);
  const awaiting = await reads(() => awaitingAnswer(director));
  report(`awaitingAnswer, MDPH director (${awaiting.result.length} cycles)`, awaiting.text);
  const cycles = await reads(() => pilotCycles(coordinator));
  report(`pilotCycles, coordinator (${cycles.result.length} cycles)`, cycles.text);
  const national = await reads(() => nationalPositions(coordinator, big.number).then(valueOf));
  report(`nationalPositions (${national.result.rows.length} MDPH)`, national.text);
  const overdue = await reads(() => overdueActions(coordinator, today));
  report(`overdueActions, coordinator (${overdue.result.length} overdue of 2,000)`, overdue.text);
  const overview = await reads(() => groupsOverview(coordinator));
  report(`groupsOverview, coordinator (${overview.result.length} groups)`, overview.text);
}
