/**
 * Work groups' vocabulary with its French labels, shared by the server and the pages (no I/O
 * here: components import it).
 */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

export { WORK_GROUP_EVENT_LABELS, WORK_GROUP_STATE_LABELS } from "../../../workflows/work-group";
export { ACTION_ITEM_EVENT_LABELS, ACTION_ITEM_STATE_LABELS } from "../../../workflows/action-item";

export const GROUP_KIND_VOCABULARY = vocabulary({
  FONCTIONNEL: "Groupe fonctionnel",
  TECHNIQUE: "Groupe technique",
  PILOTAGE: "Instance de pilotage",
});
export type GroupKind = CodeOf<typeof GROUP_KIND_VOCABULARY>;
export const { codes: GROUP_KINDS, labels: GROUP_KIND_LABELS } = GROUP_KIND_VOCABULARY;

export const GROUP_KIND_HINTS: Record<GroupKind, string> = {
  FONCTIONNEL: "Décrit les échanges entre les MDPH et un partenaire (sphère emploi, éducation, famille…).",
  TECHNIQUE: "Travaille en parallèle des groupes fonctionnels : transport, sécurité, formats d'échange.",
  PILOTAGE: "Supervise l'ensemble des groupes, leur calendrier et leurs livrables.",
};

/** The machine's own spelling of the kind. */
export const MACHINE_KIND: Record<GroupKind, "fonctionnel" | "technique" | "pilotage"> = {
  FONCTIONNEL: "fonctionnel",
  TECHNIQUE: "technique",
  PILOTAGE: "pilotage",
};

export const DISTRIBUTION_LIST_VOCABULARY = vocabulary({
  MEMBRES: "Membres du groupe",
  MDPH: "Liste des MDPH",
  ADF: "Liste de l'ADF",
  SI_CD: "Liste des DSI des conseils départementaux",
});
export type DistributionList = CodeOf<typeof DISTRIBUTION_LIST_VOCABULARY>;
export const { codes: DISTRIBUTION_LISTS, labels: DISTRIBUTION_LIST_LABELS } = DISTRIBUTION_LIST_VOCABULARY;

export const DISTRIBUTION_LIST_HINTS: Record<DistributionList, string> = {
  MEMBRES: "Les personnes des organisations membres et de l'organisation pilote.",
  MDPH: "Les directeurs et directrices de toutes les MDPH.",
  ADF: "L'Assemblée des départements de France : sa boîte fonctionnelle et ses correspondants.",
  SI_CD:
    "Les services informatiques des conseils départementaux : leurs boîtes fonctionnelles et leurs correspondants.",
};

/** When vendors join a group's distribution: never, or from a moment of the group's life on. */
export const VENDORS_JOIN_VOCABULARY = vocabulary({
  JAMAIS: "Jamais",
  CREATION: "Dès la création du groupe",
  VALIDATION: "À la validation du groupe",
  OUVERTURE_RFC: "À l'ouverture du premier appel à commentaires",
  ADOPTION: "À l'adoption d'une proposition",
});
export type VendorsJoin = CodeOf<typeof VENDORS_JOIN_VOCABULARY>;
export const { codes: VENDORS_JOIN, labels: VENDORS_JOIN_LABELS } = VENDORS_JOIN_VOCABULARY;
/** The moments in the order a group's life reaches them (JAMAIS is never reached). */
export type VendorMoment = Exclude<VendorsJoin, "JAMAIS">;
export const VENDOR_MOMENTS = VENDORS_JOIN.filter((code): code is VendorMoment => code !== "JAMAIS");

export const VENDORS_JOIN_HINTS: Record<VendorsJoin, string> = {
  JAMAIS: "Les éditeurs de logiciels ne reçoivent aucune diffusion du groupe.",
  CREATION: "Les éditeurs reçoivent toutes les diffusions du groupe, y compris l'annonce de sa création.",
  VALIDATION:
    "Les éditeurs sont associés une fois la lettre de mission validée : ils reçoivent l'annonce de la validation et tout ce qui suit.",
  OUVERTURE_RFC:
    "Les éditeurs sont associés quand le groupe soumet un document à commentaires : appels à commentaires et adoptions.",
  ADOPTION: "Les éditeurs ne sont informés que des propositions adoptées par le groupe.",
};

/** Whether vendors receive a group's distribution at `moment` (pure rule, tested). */
export function vendorsIncluded(vendorsJoin: string, moment: VendorMoment): boolean {
  const joined = VENDOR_MOMENTS.indexOf(vendorsJoin as VendorMoment);
  return joined >= 0 && VENDOR_MOMENTS.indexOf(moment) >= joined;
}

export function parseDistributionLists(json: string): DistributionList[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? DISTRIBUTION_LISTS.filter((l) => value.includes(l)) : [];
  } catch {
    return [];
  }
}

/** Roles whose holders take part in a group's work for their organisation. */
export const GROUP_PEOPLE_ROLES = ["MEMBRE_GT", "PILOTE_GROUPE", "DIRECTEUR_MDPH"] as const;

/** DSFR badge class of a group's state (label written next to it: never colour alone). */
export function groupStatusBadge(status: string) {
  switch (status) {
    case "propose":
      return "fr-badge fr-badge--sm fr-badge--new";
    case "lettreRedigee":
      return "fr-badge fr-badge--sm fr-badge--info";
    case "valide":
      return "fr-badge fr-badge--sm fr-badge--success";
    case "actif":
      return "fr-badge fr-badge--sm fr-badge--success";
    default:
      return "fr-badge fr-badge--sm";
  }
}

export function actionStatusBadge(status: string) {
  switch (status) {
    case "aFaire":
      return "fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon";
    case "enCours":
      return "fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon";
    case "fait":
      return "fr-badge fr-badge--sm fr-badge--success";
    default:
      return "fr-badge fr-badge--sm";
  }
}

// Calendar arithmetic has one home; the group pages keep importing it from here.
export { daysBetween } from "~/utils/working-days";

/** "1 jour", "3 jours". */
export const dayCount = (n: number) => `${n} jour${n > 1 ? "s" : ""}`;

/** The mission letter form's field names (shared by the page and letter.server.ts). */
export type DeliverableRowValues = { title: string; dueOn: string; validationDays: string };
export const MAX_DELIVERABLES = 40;
export const MAX_VALIDATION_DAYS = 250;
export const deliverableField = (index: number, field: keyof DeliverableRowValues) => `deliverables.${index}.${field}`;
export const roleField = (organisationId: string) => `role.${organisationId}`;
