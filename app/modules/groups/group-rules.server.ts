/**
 * What the circulaire asks of a group before it is validated — a mission letter stating the
 * perimeter, each organisation's role and dated deliverables, a validated pilot — and the
 * coordinator's steps on it, as the engine allows them.
 */
import { availableEvents, type StoredWorkflow } from "~/modules/workflow/engine.server";
import { parseRichText, plainText } from "~/modules/richtext/render.server";
import type { OrganisationKind } from "~/modules/organisations/kinds";
import { isIsoDate } from "~/utils/working-days";
import type { LetterCompleteness, WorkGroupContext } from "../../../workflows/work-group";
import type { GroupAccess } from "./policy.server";

/** The kinds that take part in groups, in the groups' order (establishments do not). */
export const GROUP_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  "CNSA",
  "PARTENAIRE",
  "SERVICE_ETAT",
  "MDPH",
  "CONSEIL_DEPARTEMENTAL",
  "EDITEUR",
];
/** Members sorted as the 2007 minutes list them: CNSA first, partners, then MDPHs. */
const KIND_ORDER: readonly string[] = [...GROUP_ORGANISATION_KINDS, "ESSMS"];
export function byKindThenName<T extends { organisation: { kind: string; name: string } }>(a: T, b: T) {
  return (
    KIND_ORDER.indexOf(a.organisation.kind) - KIND_ORDER.indexOf(b.organisation.kind) ||
    a.organisation.name.localeCompare(b.organisation.name, "fr")
  );
}

/** What the mission letter must state, computed from the stored letter, roles and deliverables. */
type LetterFacts = {
  missionLetter: string;
  members: { role: string; organisation: { kind: string; name: string; shortName: string } }[];
  deliverables: { dueOn: string; validationDays: number }[];
};

export function letterCompleteness(group: LetterFacts): LetterCompleteness & { missingRoles: string[] } {
  const document = parseRichText(group.missionLetter);
  const missingRoles = group.members
    .filter((m) => m.role.trim() === "")
    .sort(byKindThenName)
    .map((m) => m.organisation.shortName);
  return {
    perimeter: document !== null && plainText(document).trim() !== "",
    roles: group.members.length > 0 && missingRoles.length === 0,
    deliverables: group.deliverables.some((d) => isIsoDate(d.dueOn) && Number.isInteger(d.validationDays)),
    missingRoles,
  };
}

/** The French reasons a group cannot be validated yet; empty when it can. */
/** The facts about a group that its validation depends on. */
type ValidationFacts = LetterFacts & {
  pilotOrganisationId: string | null;
  pilotOrganisation: { shortName: string } | null;
  workflow: { status: string };
};

export function validationProblems(group: ValidationFacts, context: WorkGroupContext): string[] {
  const problems: string[] = [];
  if (group.workflow.status === "propose")
    problems.push("La lettre de mission n'a pas encore été rédigée : le pilote l'enregistre d'abord.");
  if (!group.pilotOrganisationId)
    problems.push("Aucune organisation pilote n'est proposée : choisissez-la dans les paramètres du groupe.");
  else if (!context.pilotValidated)
    problems.push(
      `Le pilote proposé (${group.pilotOrganisation?.shortName}) est encore « à valider » : validez-le d'abord.`,
    );
  const letter = letterCompleteness(group);
  const missing: string[] = [];
  if (!letter.perimeter) missing.push("le périmètre du groupe (texte de la lettre)");
  if (!letter.roles)
    missing.push(
      group.members.length === 0
        ? "les organisations membres et leur rôle"
        : `le rôle de ${joinFrench(letter.missingRoles)}`,
    );
  if (!letter.deliverables) missing.push("au moins un livrable avec sa date de livraison et sa période de validation");
  if (missing.length > 0) problems.push(`La lettre de mission est incomplète : il manque ${missing.join(" ; ")}.`);
  return problems;
}

export function joinFrench(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}

export type GroupEventType = "VALIDER_PILOTE" | "VALIDER" | "ACTIVER" | "CLORE";

const GROUP_EVENTS: GroupEventType[] = ["VALIDER_PILOTE", "VALIDER", "ACTIVER", "CLORE"];

/** The transitions this person may ask for in the group's state: the engine's answer. */
export function allowedGroupEvents(access: GroupAccess, workflow: StoredWorkflow, hasPilot: boolean): GroupEventType[] {
  if (!access.manage) return [];
  // Validating a pilot needs one: a fact of the group's record, not of its machine.
  const wanted = GROUP_EVENTS.filter((type) => type !== "VALIDER_PILOTE" || hasPilot);
  return availableEvents(workflow, wanted)
    .filter((e) => e.possible)
    .map((e) => e.type as GroupEventType);
}

/** Everything the group's page shows. */

export const GROUP_EVENT_DONE: Record<GroupEventType, string> = {
  VALIDER_PILOTE: "Le pilote est validé.",
  VALIDER: "Le groupe est validé : ses membres et ses listes de diffusion en sont informés.",
  ACTIVER: "Les travaux du groupe sont engagés : ses membres en sont informés.",
  CLORE: "Le groupe est clos : ses membres en sont informés.",
};

export function isGroupEventType(value: unknown): value is GroupEventType {
  return typeof value === "string" && (GROUP_EVENTS as string[]).includes(value);
}
