/**
 * What every group page shows around its content: the breadcrumb above it and the stored rich
 * texts (mission letter, agenda, minutes) rendered safe.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { parseRichText, plainText, renderRichText } from "~/modules/richtext/render.server";
import { can, homePageOf } from "~/utils/permissions";

/**
 * Safe HTML of a stored rich-text document; "" when it holds no text. Its headings move one
 * level down: the document sits under a section's h2 on our pages.
 */
export function richHtml(json: string) {
  const document = parseRichText(json);
  if (!document || plainText(document).trim() === "") return "";
  // The sanitiser leaves headings without attributes, so the tags are exactly these.
  return renderRichText(document).replace(
    /<(\/?)h([2-5])>/g,
    (_, slash: string, level: string) => `<${slash}h${Number(level) + 1}>`,
  );
}

/** The pages above a group's pages in the breadcrumb: the coordinator's list, or the person's home. */
export function groupCrumbs(user: SessionUser): { label: string; to: string }[] {
  if (can(user, "manage:group")) {
    return [
      { label: "Coordination CNSA", to: "/cnsa" },
      { label: "Groupes de travail", to: "/cnsa/groupes" },
    ];
  }
  const home = homePageOf(user);
  return home ? [home] : [];
}
