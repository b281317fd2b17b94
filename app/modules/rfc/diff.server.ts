/**
 * What changed between two versions of an RFC: a word-level diff of their plain text. Shown
 * as <ins>/<del> with words (not only colours) telling additions from removals.
 */
import { diffWords } from "diff";
import type { SessionUser } from "~/modules/auth/session.server";
import { parseRichText, plainText } from "~/modules/richtext/render.server";
import { prisma } from "~/utils/db.server";
import { readableRfc } from "./policy.server";
import { versionIn } from "./versions.server";
import { refusal, success } from "~/utils/result";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

export function diffTexts(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** Words (with a letter or a digit: punctuation alone does not count) added or removed. */
function wordCount(parts: DiffPart[], kind: DiffPart["kind"]) {
  return parts
    .filter((p) => p.kind === kind)
    .reduce((n, p) => n + p.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0);
}

/** Versions `from` → `to`; without valid numbers, the last version against the one before. */
export async function compareVersions(user: SessionUser, number: string, from: number | null, to: number | null) {
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  const { rfc } = found.value;
  const count = await prisma.rfcVersion.count({ where: { rfcId: rfc.id } });
  const valid = (n: number | null): n is number => n !== null && Number.isInteger(n) && n >= 1 && n <= count;
  if (!valid(from) || !valid(to) || from === to) {
    if (count < 2) return refusal("INTROUVABLE", "Cette RFC n'a qu'une version : il n'y a rien à comparer.");
    [from, to] = [count - 1, count];
  }
  const [first, second] = await Promise.all([versionIn(prisma, rfc.id, from), versionIn(prisma, rfc.id, to)]);
  if (!first.ok) return first;
  if (!second.ok) return second;
  const [a, b] = [first.value, second.value];
  const text = (content: string) => plainText(parseRichText(content) ?? { type: "doc" });
  const parts = diffTexts(text(a.content), text(b.content));
  return success({
    rfc: { number: rfc.number, title: rfc.title },
    from: { number: a.number, changeNote: a.changeNote },
    to: { number: b.number, changeNote: b.changeNote },
    versions: Array.from({ length: count }, (_, i) => i + 1),
    parts,
    added: wordCount(parts, "added"),
    removed: wordCount(parts, "removed"),
  });
}
