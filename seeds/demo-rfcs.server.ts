/**
 * Demo RFCs, loaded after the demo groups (seeds/demo-groups.server.ts), through the RFC
 * services' transaction-level functions and the workflow engine, with the clock of load time:
 * - in "refonte-formulaire", "Format d'échange du formulaire de demande", open for comments
 *   for the default duration, inviting the CNSA, the two demo MDPHs, the CNAF and France
 *   Travail (partners whose systems read the form, invited by the CNSA beyond the group's
 *   members), with one comment of the MDPH de la Mayenne anchored to a passage;
 * - in "groupe-technique", "Sécurisation des échanges de fichiers", whose cycle ran over the
 *   previous weeks (opened 40 days ago, closed at its deadline, its comment disposed of) and was
 *   adopted; the MDPH de la Mayenne adopts it, the MDPH de la Somme will adopt it later.
 */
import { SESSION_USER_SELECT, toSessionUser, type SessionUser } from "~/modules/auth/session.server";
import { disposeCommentIn, postCommentIn } from "~/modules/rfc/comments.server";
import { recordPositionIn } from "~/modules/rfc/positions.server";
import { concludeCycleIn, openCycleIn } from "~/modules/rfc/cycle-commands.server";
import { createRfcIn } from "~/modules/rfc/rfc-commands.server";
import type { Result } from "~/utils/result";
import { cycleSetting } from "~/modules/rfc/settings.server";
import { cancelCycleJobs } from "~/modules/rfc/workflow.server";
import { readSetting } from "~/modules/settings/settings.server";
import { applyEventInTransaction } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import type { Tx } from "~/utils/db.server";
import { addCalendarDays, parisDate, parisInstant } from "~/utils/working-days";
import { demoDocument } from "./demo-text";

const doc = demoDocument;

const FORMAT = doc(
  { heading: "Objet" },
  "Ce document propose le format dans lequel une MDPH reçoit et transmet le formulaire de demande dématérialisé, pour que chaque partenaire puisse le lire sans ressaisie.",
  { heading: "Format du fichier" },
  "Le formulaire est transmis sous la forme d'un fichier XML encodé en UTF-8, conforme au schéma publié par la CNSA. Les pièces justificatives sont jointes au format PDF, une pièce par fichier.",
  "Chaque envoi comporte un en-tête (émetteur, destinataire, date d'envoi), les demandes, puis un enregistrement de fin qui donne le nombre de demandes transmises.",
  { heading: "Identification de la personne" },
  {
    list: [
      "Nom de naissance, nom d'usage et prénoms.",
      "Date et lieu de naissance.",
      "Numéro d'inscription au répertoire (NIR) lorsque la personne l'a communiqué.",
      "Numéro d'allocataire de la CAF ou de la MSA, le cas échéant.",
    ],
  },
  { heading: "Transmission" },
  "Les fichiers sont déposés sur la plateforme d'échange sécurisée ; leur dépôt fait l'objet d'un accusé de réception.",
);

const SECURITE = doc(
  { heading: "Objet" },
  "Ce document fixe les règles de sécurité des échanges de fichiers entre les MDPH et leurs partenaires, selon la sensibilité des données échangées.",
  { heading: "Règles" },
  {
    list: [
      "Données sensibles : transfert FTP sur SSL ou PESIT HS sur SSL, avec authentification mutuelle.",
      "Données très sensibles : en plus, un tunnel VPN IPsec entre les deux sites.",
      "Aucune donnée personnelle n'est envoyée par courriel non chiffré.",
    ],
  },
  "Chaque fichier reçu est contrôlé (nombre d'enregistrements, totaux de l'enregistrement de fin) avant d'être intégré ; un fichier non conforme est rejeté avec un compte rendu.",
);

/** A demo person as the services see them after sign-in, or null when absent. */
async function demoPerson(tx: Tx, email: string): Promise<SessionUser | null> {
  const u = await tx.user.findUnique({ where: { email }, select: SESSION_USER_SELECT });
  return u ? toSessionUser(u) : null;
}

function check<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`Demo RFCs: ${what} refused: ${result.message}`);
  return result.value;
}

export async function loadDemoRfcs(tx: Tx, now: Date = clockNow()) {
  const [coordinator, director53, director80] = await Promise.all([
    demoPerson(tx, "camille.durand@cnsa.example"),
    demoPerson(tx, "claire.moreau@mdph53.example"),
    demoPerson(tx, "julien.lefevre@mdph80.example"),
  ]);
  const groups = await tx.workGroup.findMany({
    where: { code: { in: ["refonte-formulaire", "groupe-technique"] } },
    select: { id: true, code: true, pilotOrganisationId: true },
  });
  const group = (code: string) => groups.find((g) => g.code === code);
  const refonte = group("refonte-formulaire");
  const technique = group("groupe-technique");
  if (!coordinator || !director53 || !director80 || !refonte || !technique) return { rfcs: 0 };
  if ((await tx.rfc.count({ where: { groupId: { in: [refonte.id, technique.id] } } })) > 0) return { rfcs: 0 };
  const organisations = new Map(
    (
      await tx.organisation.findMany({
        where: { code: { in: ["cnsa", "mdph-53", "mdph-80"] } },
        select: { id: true, code: true },
      })
    ).map((o) => [o.code, o.id]),
  );
  const ids = (...codes: string[]) => codes.map((c) => organisations.get(c)!).filter(Boolean);
  const day = 86_400_000;
  const at = (days: number) => new Date(now.getTime() + days * day);
  /** The coordinator writes an RFC of `group`, `days` from now (negative: in the past). */
  const written = async (
    group: NonNullable<typeof refonte>,
    title: string,
    document: typeof FORMAT,
    days: number,
    name: string,
  ) => check(await createRfcIn(tx, coordinator, group, { title, document }, at(days)), `création de la RFC ${name}`);

  // 1. The adopted RFC: its whole cycle happened over the last weeks.
  const securite = {
    id: "",
    number: (await written(technique, "Sécurisation des échanges de fichiers", SECURITE, -42, "sécurité")).number,
  };
  securite.id = (await tx.rfc.findUniqueOrThrow({ where: { number: securite.number } })).id;
  const closedAt = parisInstant(parisDate(at(-19)), "18:00");
  check(
    await openCycleIn(
      tx,
      coordinator,
      securite,
      1,
      { deadline: closedAt, invited: ids("cnsa", "mdph-53", "mdph-80") },
      at(-40),
    ),
    "ouverture de la RFC sécurité",
  );
  const comment = check(
    await postCommentIn(
      tx,
      director80,
      securite,
      1,
      {
        kind: "QUESTION",
        body: "Le tunnel VPN IPsec est-il exigé aussi pour les petits volumes, quand la MDPH n'a qu'un poste connecté ?",
        passage: "un tunnel VPN IPsec entre les deux sites",
      },
      at(-30),
    ),
    "commentaire de la MDPH 80",
  );
  const workflowId = (
    await tx.rfcVersion.findFirstOrThrow({ where: { rfcId: securite.id, number: 1 }, select: { workflowId: true } })
  ).workflowId;
  const closed = await applyEventInTransaction(tx, {
    workflowId,
    event: { type: "ECHEANCE" },
    actor: null,
    now: closedAt,
  });
  if (!closed.ok) throw new Error(`Demo RFCs: clôture refusée : ${closed.message}`);
  // The scheduler would have run these jobs at their time; they are history now.
  await cancelCycleJobs(tx, workflowId);
  check(
    await disposeCommentIn(
      tx,
      coordinator,
      comment.id,
      {
        disposition: "ACCEPTE",
        reply:
          "Oui, dès que des données très sensibles sont échangées ; la CNSA accompagne les MDPH pour mutualiser le raccordement.",
      },
      at(-18),
    ),
    "disposition",
  );
  check(
    await concludeCycleIn(
      tx,
      coordinator,
      securite,
      1,
      {
        outcome: "adoption",
        conclusion: "Le groupe technique adopte ces règles comme proposition aux MDPH et à leurs partenaires.",
      },
      at(-16),
    ),
    "adoption",
  );
  const positions = [
    [director53, "53", { position: "ADOPTE", comment: "Règles déjà appliquées avec la CAF de la Mayenne." }, -12],
    [
      director80,
      "80",
      { position: "ADOPTERA", comment: "Après le renouvellement de notre logiciel, prévu au prochain semestre." },
      -10,
    ],
  ] as const;
  for (const [director, departement, position, days] of positions)
    check(await recordPositionIn(tx, director, securite, position, at(days)), `position MDPH ${departement}`);

  // 2. The RFC open for comments now, for the default duration.
  const { defaultDays } = await readSetting(cycleSetting);
  const format = await written(refonte, "Format d'échange du formulaire de demande", FORMAT, -2, "format");
  const formatRfc = {
    id: (await tx.rfc.findUniqueOrThrow({ where: { number: format.number } })).id,
    number: format.number,
  };
  const deadline = parisInstant(addCalendarDays(parisDate(now), defaultDays), "23:59");
  check(
    await openCycleIn(tx, coordinator, formatRfc, 1, { deadline, invited: ids("cnsa", "mdph-53", "mdph-80") }, now),
    "ouverture de la RFC format",
  );
  check(
    await postCommentIn(
      tx,
      director53,
      formatRfc,
      1,
      {
        kind: "FOND",
        body: "Plusieurs éditeurs de nos logiciels ne savent pas encore produire de XML. Pourrait-on accepter aussi un fichier CSV, au moins pendant une période de transition ?",
        passage: "fichier XML encodé en UTF-8",
      },
      now,
    ),
    "commentaire de la MDPH 53",
  );
  return { rfcs: 2 };
}
