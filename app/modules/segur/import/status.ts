/** The states of an establishment import, in French (pure: the import page's component reads it). */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

export const IMPORT_STATUS_VOCABULARY = vocabulary({
  EN_ATTENTE: "En attente",
  EN_COURS: "En cours",
  REFUSE: "Refusé : aucune ligne importée",
  INCHANGE: "Sans changement",
  APPLIQUE: "Appliqué",
  ECHEC: "Interrompu : aucune ligne importée",
});
export type ImportStatus = CodeOf<typeof IMPORT_STATUS_VOCABULARY>;

/** The states in which the worker has not finished with an import. */
export const RUNNING_IMPORT: readonly ImportStatus[] = ["EN_ATTENTE", "EN_COURS"];
