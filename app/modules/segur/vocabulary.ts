/**
 * The Ségur domain's closed lists with their French labels, each declared once, for the pages,
 * the forms (`z.enum(X.codes)`) and the services. Pure: no I/O, components import it.
 *
 * The machines in workflows/ check the codes but may not import app/utils/vocabulary (ESLint):
 * they declare the code lists, and vocabulary.test.ts proves at compile time that each list
 * here has exactly their codes.
 */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";
import { SEGUR_STEPS, STEP_CODES, type StepCode } from "../../../workflows/segur-prerequisites";
import type { CellOutcome } from "../../../workflows/segur-objective";

export { SEGUR_STEP_EVENT_LABELS, SEGUR_STEP_STATE_LABELS } from "../../../workflows/segur-step";
export { SEGUR_OBJECTIVE_EVENT_LABELS, SEGUR_OBJECTIVE_STATE_LABELS } from "../../../workflows/segur-objective";
export { SEGUR_PILOT_EVENT_LABELS, SEGUR_PILOT_STATE_LABELS } from "../../../workflows/segur-pilot";

/** What a step is about. */
export const STEP_SCOPE_VOCABULARY = vocabulary({
  ENTITE_JURIDIQUE: "Entité juridique (FINESS juridique)",
  SITE: "Établissement (FINESS géographique)",
  PERSONNE: "Personne désignée",
});

/** The prerequisite steps in the graph's order, labelled as the graph labels them. */
export const STEP_VOCABULARY = vocabulary(
  Object.fromEntries(STEP_CODES.map((code) => [code, SEGUR_STEPS[code].label])) as Record<StepCode, string>,
);

/** How a step goes through: the forms, portals and procedures of 004's synthesis table. */
export const STEP_CHANNEL_VOCABULARY = vocabulary({
  BASE_FINESS: "Consultation de la base FINESS",
  INSCRIPTION_FINESS: "Inscription par l'ARS ou le conseil départemental",
  DEMARCHES_SIMPLIFIEES: "Démarches simplifiées",
  CONTRAT_F101_COURRIEL: "Contrat d'adhésion et formulaire F101 par courriel",
  F301: "Formulaire F301",
  TOM: "Téléservice TOM",
  PORTAIL_RPPS_GESTIONNAIRE: "Portail RPPS+, en tant que gestionnaire RPPS+",
  PORTAIL_RPPS_PROFESSIONNEL: "Portail RPPS+, préenregistrement par le professionnel puis validation",
  F413: "Formulaire F413",
  MES_HABILITATIONS: "Portail MesHabilitations",
  F201: "Formulaire F201",
  ARS_OU_ORDRE: "ARS ou ordre professionnel (professionnels libéraux)",
  COMMISSION_INTERNE: "Procédure interne : dossier, commission d'auto-homologation, procès-verbal au registre RGPD",
  PARAMETRAGE_DUI: "Paramétrage du DUI (AUTH_CLI en mode INSI-AUTO)",
});

/** Why a step is blocked: 004 and 002 name the ANS's delays, the vendor and the CNDA's test platform. */
export const BLOCKER_VOCABULARY = vocabulary({
  DELAI_ANS: "Délai de l'ANS",
  EDITEUR: "Éditeur du logiciel",
  PLATEFORME_TEST_INDISPONIBLE: "Plateforme de test externe indisponible",
  INTERNE: "Cause interne à la structure",
});

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

/** The core services in the board's column order. */
export const CORE_SERVICE_VOCABULARY = vocabulary({
  INS: "Identité nationale de santé (INS)",
  DMP: "Dossier médical partagé (DMP)",
  MSSANTE: "Messagerie sécurisée de santé (MSSanté)",
  PSC: "Pro Santé Connect (PSC)",
});

/** The environment a use case aims at. */
export const ENVIRONMENT_VOCABULARY = vocabulary({ REEL: "Environnement réel", TEST: "Environnement de test" });

/** 002's legend. */
export const OUTCOME_VOCABULARY = vocabulary({
  ATTEINT_REEL: "Objectif atteint en environnement réel",
  ATTEINT_TEST: "Objectif atteint en environnement de test",
  NON_ATTEINT: "Objectif non atteint",
});

/**
 * The board's legend, readable without colour: every cell shows its symbol *and* its short text;
 * the symbols differ in shape, not only in hue. In the board's order, best first.
 */
export const CELL_LEGEND: Readonly<Record<CellOutcome, { symbol: string; short: string; label: string }>> = {
  ATTEINT_REEL: { symbol: "●", short: "Réel", label: OUTCOME_VOCABULARY.labels.ATTEINT_REEL },
  ATTEINT_TEST: { symbol: "◐", short: "Test", label: OUTCOME_VOCABULARY.labels.ATTEINT_TEST },
  NON_ATTEINT: { symbol: "○", short: "Non atteint", label: OUTCOME_VOCABULARY.labels.NON_ATTEINT },
  EN_COURS: { symbol: "…", short: "En cours", label: "Objectif en cours" },
  AUCUN: { symbol: "–", short: "Aucun", label: "Pas d'objectif pour ce service" },
};

export const BOX_TYPE_VOCABULARY = vocabulary({
  NOMINATIVE: "Boîte aux lettres nominative",
  ORGANISATIONNELLE: "Boîte aux lettres organisationnelle",
  APPLICATIVE: "Boîte aux lettres applicative",
});

/** A pilot's sector (`SegurPilot.sector`): 002 is child protection; 004's grappes, disability and home help. */
export const SECTOR_VOCABULARY = vocabulary({
  PROTECTION_ENFANCE: "Protection de l'enfance",
  PERSONNES_AGEES: "Personnes âgées",
  PERSONNES_HANDICAPEES: "Personnes handicapées",
  DOMICILE: "Aide et soins à domicile",
  AUTRE: "Autre secteur social ou médico-social",
});
export type Sector = CodeOf<typeof SECTOR_VOCABULARY>;

/** 004: two programmes, the same prerequisites; SONS pays the vendor, ESMS numérique the establishments. */
export const FUNDING_PROGRAMME_VOCABULARY = vocabulary({
  SONS: "SONS : financement de l'éditeur pour une version référencée de son logiciel",
  ESMS_NUMERIQUE: "ESMS numérique : financement des établissements (acquisition du DUI, usages)",
});

/** A synthesis's themes and kinds of lesson (002, domain.md §4). */
export const LESSON_THEME_VOCABULARY = vocabulary({
  GENERAL: "Enseignements généraux",
  PREREQUIS: "Prérequis aux services socles",
  INS: CORE_SERVICE_VOCABULARY.labels.INS,
  MSSANTE: CORE_SERVICE_VOCABULARY.labels.MSSANTE,
  PSC: CORE_SERVICE_VOCABULARY.labels.PSC,
  DMP: CORE_SERVICE_VOCABULARY.labels.DMP,
});
export const LESSON_KIND_VOCABULARY = vocabulary({
  POINTS_POSITIFS: "Points positifs",
  DIFFICULTES: "Difficultés",
  FACTEURS_CLES: "Facteurs clés de réussite",
  ACTIONS_NATIONALES: "Actions à engager au niveau national",
  CONSEILS_ESMS: "Conseils aux ESMS",
});

// --- Codes the Ségur tables store that no machine checks -------------------------------------

/** `SegurPilotOrganisation.role`. */
export const PILOT_ROLE_VOCABULARY = vocabulary({
  ETABLISSEMENT: "Établissement",
  EDITEUR: "Éditeur",
  CONTREPARTIE: "Contrepartie",
});
export type PilotRole = CodeOf<typeof PILOT_ROLE_VOCABULARY>;

/** The roles whose people run the pilot: they see and edit it. A counterpart only reads it. */
export const RUNNING_ROLES: readonly PilotRole[] = ["ETABLISSEMENT", "EDITEUR"];

/**
 * `Grappe.kind`: one network's legal entities (ONELA's national grappe in 004), or several
 * associations together (APEI AUBE and ASSAGE).
 */
export const GRAPPE_KIND_VOCABULARY = vocabulary({
  MONO_ENTITE: "Grappe mono-entité",
  MULTI_ENTITE: "Grappe multi-entités",
});

/**
 * `SegurRegistrationCount.directory`: health professions are in the RPPS, the social sector's
 * professionals with a role in RPPS+ (69 and 371 in 004's multi-entity grappe).
 */
export const DIRECTORY_VOCABULARY = vocabulary({ RPPS: "RPPS (professions de santé)", RPPS_PLUS: "RPPS+ (à rôle)" });
