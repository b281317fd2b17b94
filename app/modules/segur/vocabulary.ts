/**
 * The Ségur domain's closed lists with their French labels, each declared once, for the pages,
 * the forms (`z.enum(X.codes)`) and the services. Pure: no I/O, components import it.
 *
 * The lists the machines check (steps, scopes, channels, blocker types, core services,
 * outcomes, box types, environments, lesson themes and kinds) have their labels beside their
 * machine in workflows/, which may not import app/utils/vocabulary (ESLint): they are wrapped
 * here, once. The others are declared here.
 */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";
import {
  SEGUR_STEPS,
  STEP_CHANNEL_LABELS,
  STEP_CODES,
  STEP_SCOPE_LABELS,
  type StepCode,
} from "../../../workflows/segur-prerequisites";
import { BLOCKER_LABELS } from "../../../workflows/segur-step";
import {
  BOX_TYPE_LABELS,
  CORE_SERVICE_LABELS,
  ENVIRONMENT_LABELS,
  OUTCOME_LABELS,
} from "../../../workflows/segur-objective";
import { LESSON_KIND_LABELS, LESSON_THEME_LABELS } from "../../../workflows/segur-pilot";

export { SEGUR_STEP_EVENT_LABELS, SEGUR_STEP_STATE_LABELS } from "../../../workflows/segur-step";
export {
  CELL_LEGEND,
  SEGUR_OBJECTIVE_EVENT_LABELS,
  SEGUR_OBJECTIVE_STATE_LABELS,
} from "../../../workflows/segur-objective";
export { SEGUR_PILOT_EVENT_LABELS, SEGUR_PILOT_STATE_LABELS } from "../../../workflows/segur-pilot";

// --- From the machines ------------------------------------------------------------------------

/** The prerequisite steps in the graph's order. */
export const STEP_VOCABULARY = vocabulary(
  Object.fromEntries(STEP_CODES.map((code) => [code, SEGUR_STEPS[code].label])) as Record<StepCode, string>,
);
export const STEP_SCOPE_VOCABULARY = vocabulary(STEP_SCOPE_LABELS);
export const STEP_CHANNEL_VOCABULARY = vocabulary(STEP_CHANNEL_LABELS);
export const BLOCKER_VOCABULARY = vocabulary(BLOCKER_LABELS);
export const CORE_SERVICE_VOCABULARY = vocabulary(CORE_SERVICE_LABELS);
export const OUTCOME_VOCABULARY = vocabulary(OUTCOME_LABELS);
export const BOX_TYPE_VOCABULARY = vocabulary(BOX_TYPE_LABELS);
export const ENVIRONMENT_VOCABULARY = vocabulary(ENVIRONMENT_LABELS);
export const LESSON_THEME_VOCABULARY = vocabulary(LESSON_THEME_LABELS);
export const LESSON_KIND_VOCABULARY = vocabulary(LESSON_KIND_LABELS);

// --- Declared here ----------------------------------------------------------------------------

/** A pilot's sector (`SegurPilot.sector`): 002 is child protection; 004's grappes, disability and home help. */
export const SECTOR_VOCABULARY = vocabulary({
  PROTECTION_ENFANCE: "Protection de l'enfance",
  PERSONNES_AGEES: "Personnes âgées",
  PERSONNES_HANDICAPEES: "Personnes handicapées",
  DOMICILE: "Aide et soins à domicile",
  AUTRE: "Autre secteur social ou médico-social",
});
export type Sector = CodeOf<typeof SECTOR_VOCABULARY>;

/** A designated person's role in a legal entity's register (`DesignatedPerson.role`). */
export const DESIGNATED_ROLE_VOCABULARY = vocabulary({
  REPRESENTANT_LEGAL: "Représentant légal (carte CDE)",
  MANDATAIRE_ANS: "Mandataire ANS",
  GESTIONNAIRE_RPPS: "Gestionnaire RPPS+",
  ADMINISTRATEUR_TECHNIQUE: "Administrateur technique (certificats)",
  REFERENT_EDITEUR: "Référent éditeur",
});
export type DesignatedRole = CodeOf<typeof DESIGNATED_ROLE_VOCABULARY>;

/** A certificate or a card (`SegurCredential.kind`). */
export const CREDENTIAL_KIND_VOCABULARY = vocabulary({
  AUTH_CLI: "Certificat logiciel AUTH_CLI (authentification, téléservice INSi)",
  SIGN: "Certificat logiciel SIGN (signature électronique)",
  CPX: "Carte CPx d'un professionnel",
  CPE: "Carte CPE (professionnel d'établissement)",
  CDE: "Carte CDE (directeur d'établissement)",
});
export type CredentialKind = CodeOf<typeof CREDENTIAL_KIND_VOCABULARY>;

/** The software certificates: per legal entity, protected by a password whose keeper is recorded (never the password). */
export const PASSWORD_PROTECTED_KINDS: readonly CredentialKind[] = ["AUTH_CLI", "SIGN"];

/** What each step gives, so a recorded credential names the step that ordered it. */
export const CREDENTIALS_OF_STEP: Readonly<Partial<Record<StepCode, readonly CredentialKind[]>>> = {
  "contrat-ans": ["CDE"],
  "carte-cpe": ["CPE"],
  certificats: ["AUTH_CLI", "SIGN"],
  "cartes-cpx": ["CPX"],
};

/** 004: two programmes, the same prerequisites; SONS pays the vendor, ESMS numérique the establishments. */
export const FUNDING_PROGRAMME_VOCABULARY = vocabulary({
  SONS: "SONS : financement de l'éditeur pour une version référencée de son logiciel",
  ESMS_NUMERIQUE: "ESMS numérique : financement des établissements (acquisition du DUI, usages)",
});
export type FundingProgramme = CodeOf<typeof FUNDING_PROGRAMME_VOCABULARY>;
