/**
 * The codes the Ségur tables store that no machine checks, with their French labels: an
 * organisation's part in a pilot, a grappe's kind, the directory professionals are counted in.
 * (The machines' lists and the other Ségur vocabularies are in vocabulary.ts.)
 */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

/** `SegurPilotOrganisation.role`. */
export const PILOT_ROLE_VOCABULARY = vocabulary({
  ETABLISSEMENT: "Établissement",
  EDITEUR: "Éditeur",
  CONTREPARTIE: "Contrepartie",
});
export type PilotRole = CodeOf<typeof PILOT_ROLE_VOCABULARY>;

/** The roles whose people run the pilot: they see and edit it. A counterpart only reads it. */
export const RUNNING_ROLES: readonly PilotRole[] = ["ETABLISSEMENT", "EDITEUR"];

/** `Grappe.kind`: one network's legal entities, or several associations together (004). */
export const GRAPPE_KIND_VOCABULARY = vocabulary({
  MONO_ENTITE: "Grappe mono-entité",
  MULTI_ENTITE: "Grappe multi-entités",
});
export type GrappeKind = CodeOf<typeof GRAPPE_KIND_VOCABULARY>;

/** `SegurRegistrationCount.directory`: health professions in the RPPS, the social sector's roles in RPPS+. */
export const DIRECTORY_VOCABULARY = vocabulary({
  RPPS: "RPPS (professions de santé)",
  RPPS_PLUS: "RPPS+ (professionnels à rôle)",
});
export type Directory = CodeOf<typeof DIRECTORY_VOCABULARY>;
