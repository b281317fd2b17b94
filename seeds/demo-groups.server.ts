/**
 * Demo work groups: the seven groups the meeting of 23/03/2007 proposed (shared source
 * 000_2c32ab6aba999843.txt, "Relevé de conclusions des groupes de travail"), with their member
 * organisations and proposed pilots as listed there — ANPE is now France Travail, "MDPH" is the
 * two demo MDPHs (Mayenne, Somme). The 2007 due days are history: "fin avril / début mai" becomes
 * the end of next month, "fin mai" the end of the month after, from the day the data is loaded.
 * The refonte du formulaire group, whose work was "engagés", is active with a complete mission
 * letter, one meeting and two actions (one overdue). Every state is reached through the workflow
 * engine, never written directly.
 */
import { actorOf } from "~/modules/journal/audit.server";
import { startWorkflow, applyEventInTransaction } from "~/modules/workflow/engine.server";
import { GROUP_WORKFLOW, ACTION_WORKFLOW } from "~/modules/groups/workflow.server";
import { letterCompleteness } from "~/modules/groups/group-rules.server";
import { auditGroupCreated } from "~/modules/groups/group-commands.server";
import { MACHINE_KIND, type DistributionList, type GroupKind, type VendorsJoin } from "~/modules/groups/labels";
import { now as clockNow } from "~/utils/clock.server";
import type { Tx } from "~/utils/db.server";
import { addCalendarDays, addMonths, endOfMonth, parisDate, parisInstant } from "~/utils/working-days";
import { demoDocument, type DemoBlock } from "./demo-text";

const MDPHS = ["mdph-53", "mdph-80"];

/** Stored as the JSON text the group forms post. */
const doc = (...blocks: DemoBlock[]) => JSON.stringify(demoDocument(...blocks));

type DemoGroup = {
  code: string;
  name: string;
  kind: GroupKind;
  members: string[];
  pilot: string;
  pilotValidated: boolean;
  /** Months after the load month whose last day is the letter's due day; null: no due day. */
  letterDueInMonths: number | null;
  lists: DistributionList[];
  vendorsJoin: VendorsJoin;
  letter?: {
    document: string;
    roles: Record<string, string>;
    deliverables?: { title: string; monthsAfter: number; validationDays: number }[];
  };
  /** The furthest state to reach. */
  reach: "propose" | "lettreRedigee" | "valide" | "actif";
};

const MDPH_ROLE =
  "Expression des besoins des MDPH, relecture et avis sur les propositions du groupe, test des échanges.";

/**
 * A "sphère": a functional group of the MDPHs with their partners in one field, announced on
 * every list, vendors joining at its first call for comments; proposed unless said otherwise.
 */
const sphere = ({
  partners,
  ...group
}: Pick<DemoGroup, "code" | "name" | "pilot" | "pilotValidated" | "letterDueInMonths"> &
  Partial<DemoGroup> & { partners: string[] }): DemoGroup => ({
  kind: "FONCTIONNEL",
  members: ["cnsa", ...partners, ...MDPHS],
  lists: ["MEMBRES", "MDPH", "ADF", "SI_CD"],
  vendorsJoin: "OUVERTURE_RFC",
  reach: "propose",
  ...group,
});

export const DEMO_GROUPS: DemoGroup[] = [
  {
    code: "instance-pilotage",
    name: "Instance de pilotage des groupes de travail",
    kind: "PILOTAGE",
    members: ["cnsa", "adf", ...MDPHS],
    pilot: "cnsa",
    pilotValidated: true,
    letterDueInMonths: 1,
    lists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
    reach: "propose",
  },
  sphere({
    code: "sphere-famille",
    name: "Sphère famille",
    partners: ["cnaf"],
    pilot: "cnsa",
    pilotValidated: true,
    letterDueInMonths: 1,
    // A draft: the perimeter is written, the roles and deliverables are not yet.
    letter: {
      document: doc(
        "Le groupe décrit les échanges entre les MDPH et les caisses d'allocations familiales : transmission des décisions de la CDAPH relatives à l'AEEH et à ses compléments, retour des informations de paiement, cinématique d'échange présentée par la CAF le 23 mars.",
      ),
      roles: { cnsa: "Pilote : animation du groupe et rédaction des propositions." },
    },
    reach: "lettreRedigee",
  }),
  sphere({
    code: "sphere-emploi",
    name: "Sphère emploi",
    partners: ["france-travail", "dgefp"],
    pilot: "france-travail",
    pilotValidated: false,
    letterDueInMonths: 2,
  }),
  sphere({
    code: "sphere-education",
    name: "Sphère éducation",
    partners: ["menesr"],
    pilot: "menesr",
    pilotValidated: false,
    letterDueInMonths: 2,
  }),
  sphere({
    code: "sphere-maladie-medico-social",
    name: "Sphère maladie et médico-social",
    partners: ["cnamts", "dgas"],
    pilot: "cnsa",
    pilotValidated: true,
    letterDueInMonths: 2,
  }),
  {
    code: "refonte-formulaire",
    name: "Refonte et dématérialisation du formulaire",
    kind: "FONCTIONNEL",
    members: ["cnsa", ...MDPHS],
    pilot: "cnsa",
    pilotValidated: true,
    letterDueInMonths: null,
    lists: ["MEMBRES", "MDPH", "ADF"],
    vendorsJoin: "ADOPTION",
    letter: {
      document: doc(
        { heading: "Périmètre" },
        "Le groupe refond le formulaire de demande auprès de la MDPH et prépare sa dématérialisation : contenu du formulaire, pièces justificatives, format d'échange entre les MDPH et leurs partenaires.",
        { heading: "Méthode" },
        {
          list: [
            "Propositions rédigées par la CNSA et soumises à commentaires (RFC) avec délai de réponse.",
            "Conclusions présentées comme des propositions : chaque MDPH reste souveraine sur son système d'information.",
          ],
        },
      ),
      roles: {
        cnsa: "Pilote : animation du groupe, rédaction des propositions de formulaire et des appels à commentaires, synthèse des retours.",
        "mdph-53": MDPH_ROLE,
        "mdph-80": MDPH_ROLE,
      },
      deliverables: [
        { title: "Formulaire de demande unique révisé", monthsAfter: 2, validationDays: 15 },
        { title: "Spécification du formulaire dématérialisé (format d'échange)", monthsAfter: 4, validationDays: 20 },
      ],
    },
    reach: "actif",
  },
  {
    code: "groupe-technique",
    name: "Groupe technique",
    kind: "TECHNIQUE",
    members: ["cnsa", ...MDPHS],
    pilot: "cnsa",
    pilotValidated: true,
    letterDueInMonths: 1,
    lists: ["MEMBRES", "SI_CD"],
    vendorsJoin: "VALIDATION",
    reach: "propose",
  },
];

export async function loadDemoGroups(tx: Tx, now: Date = clockNow()) {
  const coordinatorUser = await tx.user.findFirst({
    where: { roles: { some: { role: "COORDINATEUR_CNSA" } }, active: true },
    orderBy: { createdAt: "asc" },
  });
  if (!coordinatorUser) return { groups: 0 };
  const actor = actorOf(coordinatorUser);
  const today = parisDate(now);
  const organisations = new Map(
    (
      await tx.organisation.findMany({
        where: { code: { in: [...new Set(DEMO_GROUPS.flatMap((g) => g.members))] } },
        select: { id: true, code: true },
      })
    ).map((o) => [o.code, o.id]),
  );
  const id = (code: string) => {
    const found = organisations.get(code);
    if (!found) throw new Error(`Demo groups: unknown organisation ${code}`);
    return found;
  };
  let created = 0;
  for (const g of DEMO_GROUPS) {
    if (await tx.workGroup.findUnique({ where: { code: g.code } })) continue;
    const letterDueOn = g.letterDueInMonths === null ? null : endOfMonth(addMonths(today, g.letterDueInMonths));
    const workflow = await startWorkflow(tx, {
      type: GROUP_WORKFLOW,
      input: { name: g.name, kind: MACHINE_KIND[g.kind], letterDueOn },
      actor,
      now,
    });
    const group = await tx.workGroup.create({
      data: {
        code: g.code,
        name: g.name,
        kind: g.kind,
        workflowId: workflow.id,
        pilotOrganisationId: id(g.pilot),
        letterDueOn,
        distributionLists: JSON.stringify(g.lists),
        vendorsJoin: g.vendorsJoin,
        members: { create: g.members.map((code) => ({ organisationId: id(code), role: g.letter?.roles[code] ?? "" })) },
      },
    });
    const apply = async (event: Record<string, unknown> & { type: string }) => {
      const result = await applyEventInTransaction(tx, { workflowId: workflow.id, event, actor, now });
      if (!result.ok) throw new Error(`Demo group ${g.code}: ${event.type} refused: ${result.message}`);
    };
    if (g.pilotValidated) await apply({ type: "VALIDER_PILOTE" });
    if (g.letter) {
      await tx.workGroup.update({
        where: { id: group.id },
        data: { missionLetter: g.letter.document, letterUpdatedAt: now, rowVersion: { increment: 1 } },
      });
      for (const [position, d] of (g.letter.deliverables ?? []).entries()) {
        await tx.deliverable.create({
          data: {
            groupId: group.id,
            title: d.title,
            dueOn: endOfMonth(addMonths(today, d.monthsAfter)),
            validationDays: d.validationDays,
            position,
          },
        });
      }
      await apply({ type: "REDIGER_LETTRE" });
    }
    if (g.reach === "valide" || g.reach === "actif") {
      const loaded = await tx.workGroup.findUniqueOrThrow({
        where: { id: group.id },
        include: {
          members: { include: { organisation: { select: { shortName: true, kind: true, name: true } } } },
          deliverables: true,
        },
      });
      const { perimeter, roles, deliverables } = letterCompleteness(loaded);
      await apply({ type: "VALIDER", letter: { perimeter, roles, deliverables } });
    }
    if (g.reach === "actif") await apply({ type: "ACTIVER" });
    await auditGroupCreated(tx, actor, group.id, { code: g.code, demonstration: true }, now);
    created += 1;
    if (g.code === "refonte-formulaire")
      await loadRefonteMeeting(tx, group.id, coordinatorUser.id, actor, today, now, id);
  }
  return { groups: created };
}

/** Three weeks ago: the group's kick-off, with its minutes and two actions (one now overdue). */
async function loadRefonteMeeting(
  tx: Tx,
  groupId: string,
  coordinatorId: string,
  actor: ReturnType<typeof actorOf>,
  today: string,
  now: Date,
  id: (code: string) => string,
) {
  const day = addCalendarDays(today, -21);
  const attendees = await tx.user.findMany({
    where: {
      active: true,
      organisation: { code: { in: ["cnsa", ...MDPHS] } },
      roles: { some: { role: { in: ["COORDINATEUR_CNSA", "DIRECTEUR_MDPH"] } } },
    },
    select: { id: true },
  });
  const meeting = await tx.meeting.create({
    data: {
      groupId,
      startsAt: parisInstant(day, "14:00"),
      endsAt: parisInstant(day, "16:30"),
      place: "CNSA, 66 avenue du Maine, Paris — salle du conseil, et audioconférence",
      agenda: doc("Ordre du jour :", {
        list: [
          "Tour de table des pratiques des MDPH",
          "Pièces justificatives demandées aujourd'hui",
          "Calendrier des livrables et première maquette",
        ],
      }),
      minutes: doc(
        "Les MDPH présentes décrivent leur formulaire actuel et les pièces qu'elles demandent. Les écarts portent surtout sur les justificatifs de ressources et le certificat médical.",
        "La CNSA présente le calendrier des livrables de la lettre de mission.",
      ),
      decisions: doc({
        list: [
          "Le groupe retient un formulaire unique, commun à toutes les MDPH.",
          "La première maquette sera soumise à commentaires (RFC) auprès des MDPH.",
        ],
      }),
      createdById: coordinatorId,
      attendees: { create: attendees.map((a) => ({ userId: a.id })) },
    },
  });
  const items = [
    {
      title: "Recenser les pièces justificatives demandées par chaque MDPH",
      organisations: MDPHS,
      dueOn: addCalendarDays(today, -5),
      start: true,
    },
    {
      title: "Proposer une première maquette du formulaire unique",
      organisations: ["cnsa"],
      dueOn: addCalendarDays(today, 21),
      start: true,
    },
  ];
  for (const item of items) {
    const organisationIds = item.organisations.map(id);
    const workflow = await startWorkflow(tx, {
      type: ACTION_WORKFLOW,
      input: { title: item.title, dueOn: item.dueOn, organisationIds },
      actor,
      now,
    });
    await tx.actionItem.create({
      data: {
        groupId,
        meetingId: meeting.id,
        workflowId: workflow.id,
        title: item.title,
        dueOn: item.dueOn,
        createdById: coordinatorId,
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
      },
    });
    if (item.start) {
      const started = await applyEventInTransaction(tx, {
        workflowId: workflow.id,
        event: { type: "COMMENCER" },
        actor,
        now,
      });
      if (!started.ok) throw new Error(`Demo action: ${started.message}`);
    }
  }
}
