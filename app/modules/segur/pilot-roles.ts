/** The part an organisation takes in a Ségur pilot (`SegurPilotOrganisation.role`). */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

export const PILOT_ROLE_VOCABULARY = vocabulary({
  ETABLISSEMENT: "Établissement",
  EDITEUR: "Éditeur",
  CONTREPARTIE: "Contrepartie",
});
export type PilotRole = CodeOf<typeof PILOT_ROLE_VOCABULARY>;

/** The roles whose people run the pilot: they see and edit it. A counterpart only reads it. */
export const RUNNING_ROLES: readonly PilotRole[] = ["ETABLISSEMENT", "EDITEUR"];
