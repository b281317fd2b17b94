/**
 * Text folded for comparison, the way a person reads it: without accents, case, or the
 * difference between spaces, underscores and hyphens ("Finess_Géographique" = "finess
 * geographique"). For matching what people type or export, never for display.
 */
export function folded(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}
