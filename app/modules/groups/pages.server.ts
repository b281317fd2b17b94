/**
 * What every group page shows around its content: the breadcrumb above it and the stored rich
 * texts (mission letter, agenda, minutes) rendered safe.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { parseRichText, plainText, renderRichText } from "~/modules/richtext/render.server";
import { keptPerArgument } from "~/utils/memo";
import { can, homePageOf } from "~/utils/permissions";
import { success } from "~/utils/result";
import { getGroup } from "./group-queries.server";
import type { GroupAccess } from "./policy.server";

// Rendering a document costs milliseconds (the renderer builds its schema and a DOM on each call),
// and the same letters and minutes are shown on every request: the HTML of each stored document is
// kept, keyed by the document itself, so that an edited text is simply another key. Bounded.
const MAX_RENDERED = 256;

/**
 * Safe HTML of a stored rich-text document; "" when it holds no text. Its headings move one
 * level down: the document sits under a section's h2 on our pages.
 */
export const richHtml: (json: string) => string = keptPerArgument((json) => renderedHtml(json), MAX_RENDERED);

function renderedHtml(json: string) {
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

/**
 * A group's page, for whoever has `need` on the group (404 out of scope, 403 with `denied` to its
 * other readers): the group, and the header every group page shows (breadcrumb, code, name).
 */
export async function groupPage(user: SessionUser, code: string, need: keyof GroupAccess = "read", denied?: string) {
  const found = await getGroup(user, code, need, denied);
  if (!found.ok) return found;
  const group = found.value;
  return success({ group, header: { crumbs: groupCrumbs(user), code: group.code, name: group.name } });
}
