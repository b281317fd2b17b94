/**
 * The RFC vocabulary in French, shared by the server (mails, exports) and the pages.
 * No I/O here: the browser bundle imports it.
 */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

/** Lengths the forms announce and the services enforce. */
export const TITLE_MAX = 200;
export const TEXT_MAX = 200_000;
export const CONCLUSION_MAX = 4_000;
export const POSITION_COMMENT_MAX = 2_000;

export const COMMENT_KIND_VOCABULARY = vocabulary({
  QUESTION: "question",
  REDACTIONNEL: "rédactionnel",
  FOND: "de fond",
  OBJECTION: "objection",
  SOUTIEN: "soutien",
});
export type CommentKind = CodeOf<typeof COMMENT_KIND_VOCABULARY>;
export const { codes: COMMENT_KINDS, labels: COMMENT_KIND_LABELS } = COMMENT_KIND_VOCABULARY;

/** Hints under each kind in the comment form. */
export const COMMENT_KIND_HINTS: Record<CommentKind, string> = {
  QUESTION: "Une demande de précision.",
  REDACTIONNEL: "Une formulation, une coquille, une présentation.",
  FOND: "Une remarque sur le contenu proposé.",
  OBJECTION: "Votre organisation ne peut pas accepter ce point en l'état.",
  SOUTIEN: "Votre organisation approuve, ou n'a rien à ajouter.",
};

/** DSFR badge flavour per kind (the label is always written: colour is never the only cue). */
export const COMMENT_KIND_BADGES: Record<CommentKind, string> = {
  QUESTION: "fr-badge--info",
  REDACTIONNEL: "fr-badge--new",
  FOND: "fr-badge--purple-glycine",
  OBJECTION: "fr-badge--error",
  SOUTIEN: "fr-badge--success",
};

/** The pilot's answer to a comment. */
export const DISPOSITION_VOCABULARY = vocabulary({
  ACCEPTE: "accepté",
  PARTIELLEMENT_ACCEPTE: "partiellement accepté",
  REJETE: "rejeté",
  NOTE: "pris en note",
});
export type Disposition = CodeOf<typeof DISPOSITION_VOCABULARY>;
export const { codes: DISPOSITIONS, labels: DISPOSITION_LABELS } = DISPOSITION_VOCABULARY;

/** An MDPH's position on an adopted RFC. */
export const POSITION_VOCABULARY = vocabulary({
  ADOPTE: "adopte",
  ADOPTERA: "adoptera plus tard",
  N_ADOPTE_PAS: "n'adopte pas",
});
export type Position = CodeOf<typeof POSITION_VOCABULARY>;
export const { codes: POSITIONS, labels: POSITION_LABELS } = POSITION_VOCABULARY;

/** Two or three letters for the tiles of the national view, explained by its legend. */
export const POSITION_ABBREVIATIONS: Record<Position | "AUCUNE", string> = {
  ADOPTE: "A",
  ADOPTERA: "P",
  N_ADOPTE_PAS: "N",
  AUCUNE: "–",
};

export const RFC_STATUS_LABELS: Record<string, string> = {
  EN_COURS: "En cours",
  ADOPTEE: "Adoptée comme proposition",
  RETIREE: "Retirée",
};

export const RFC_STATUS_BADGES: Record<string, string> = {
  EN_COURS: "fr-badge--info",
  ADOPTEE: "fr-badge--success",
  RETIREE: "fr-badge--warning",
};

export const CYCLE_BADGES: Record<string, string> = {
  brouillon: "fr-badge--new",
  ouvert: "fr-badge--info",
  clos: "fr-badge--warning",
  conclu: "fr-badge--success",
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "14 jours", "5 heures", "moins d'une heure", "échu" — the time left before a deadline. */
export function timeLeftLabel(deadline: string | Date | null, now: string | Date): string {
  if (!deadline) return "—";
  const left = new Date(deadline).getTime() - new Date(now).getTime();
  if (left <= 0) return "échéance passée";
  if (left >= 2 * DAY_MS) return `${Math.floor(left / DAY_MS)} jours`;
  if (left >= DAY_MS) return "1 jour";
  if (left >= 2 * HOUR_MS) return `${Math.floor(left / HOUR_MS)} heures`;
  if (left >= HOUR_MS) return "1 heure";
  return "moins d'une heure";
}

/** "1 commentaire", "3 commentaires". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 || count === 0 ? singular : pluralForm}`;
}
