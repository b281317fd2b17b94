/**
 * Comments on a version, replies, and the pilot's dispositions.
 *
 * Every write re-checks INSIDE its write transaction, with the application clock, that the
 * person's organisation is invited to this version and that the cycle takes comments now
 * (status "ouvert" and now < deadline, `acceptsComments`): a post one second after the
 * deadline is refused even when the close job has not run yet (decision 007).
 */
import type { RfcComment } from "~/generated/prisma/client";
import type { SessionUser } from "~/modules/auth/session.server";
import { rfcAccess } from "~/modules/groups/policy.server";
import { auditBy } from "~/modules/journal/audit.server";
import { parseRichText } from "~/modules/richtext/render.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { acceptsComments } from "../../../workflows/rfc-cycle";
import { locatePassage } from "./anchors.server";
import { COMMENT_KIND_VOCABULARY, DISPOSITION_VOCABULARY, type CommentKind, type Disposition } from "./labels";
import { checkText, invalid } from "./forms.server";
import { instantLabel } from "./mails.server";
import { refusal, success, type Result } from "~/utils/result";
import { notFound, pilotOnly } from "./policy.server";
import { versionIn, type LoadedVersion } from "./versions.server";

export const BODY_MAX = 5_000;
export const REPLY_MAX = 4_000;

export type CommentInput = {
  kind?: string | null;
  body: string;
  passage?: string | null;
  passagePrefix?: string | null;
  passageSuffix?: string | null;
  parentId?: string | null;
};

function checkBody(body: string, reply: boolean): Result<string> {
  return checkText("body", body, {
    required: reply ? "Rédigez votre réponse." : "Rédigez votre commentaire.",
    max: BODY_MAX,
    tooLong: (length) =>
      `Le commentaire dépasse ${BODY_MAX.toLocaleString("fr-FR")} caractères (${length.toLocaleString("fr-FR")} actuellement).`,
  });
}

const isKind = COMMENT_KIND_VOCABULARY.is;
const isDisposition = DISPOSITION_VOCABULARY.is;

/** Why this person may not write on this version now, or null when they may. */
async function writeRefusal(tx: Tx, user: SessionUser, version: LoadedVersion, now: Date): Promise<string | null> {
  const invited =
    can(user, "comment:rfc") &&
    (await tx.rfcInvitation.count({ where: { versionId: version.id, organisationId: user.organisationId } })) > 0;
  if (!invited)
    return "Votre organisation n'est pas invitée à commenter cette version : seules les organisations invitées peuvent commenter.";
  if (version.status === "brouillon") return "Cette version n'est pas encore ouverte aux commentaires.";
  if (!acceptsComments(version.context, version.status, now.toISOString())) {
    return version.context.deadline
      ? `Le délai de réponse a expiré le ${instantLabel(version.context.deadline)} : les commentaires ne sont plus acceptés sur cette version.`
      : "Cette version n'accepte pas de commentaires.";
  }
  return null;
}

/**
 * `now` defaults to the clock read INSIDE the write transaction, once the write lock is held: a
 * request that waited for the lock past the deadline is refused (decision 007).
 */
export async function postComment(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: CommentInput,
  now?: Date,
): Promise<Result<{ id: string }>> {
  const rfc = await prisma.rfc.findUnique({ where: { number } });
  if (!rfc || !(await rfcAccess(user, rfc.id)).read) return notFound();
  return writeTransaction((tx) => postCommentIn(tx, user, rfc, versionNumber, input, now ?? clockNow()));
}

/**
 * Posts a comment or a reply inside the caller's transaction, after checking there — with `now` —
 * that the person's organisation is invited and that the cycle takes comments.
 */
export async function postCommentIn(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  versionNumber: number,
  input: CommentInput,
  now: Date,
): Promise<Result<{ id: string }>> {
  const reply = Boolean(input.parentId);
  const body = checkBody(input.body, reply);
  if (!body.ok) return body;
  if (!reply && !isKind(input.kind))
    return invalid(
      "kind",
      "Choisissez la nature du commentaire : question, rédactionnel, de fond, objection ou soutien.",
    );
  const loaded = await versionIn(tx, rfc.id, versionNumber);
  if (!loaded.ok) return loaded;
  const version = loaded.value;
  const refused = await writeRefusal(tx, user, version, now);
  if (refused) return refusal("REFUSE", refused);
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await tx.rfcComment.findFirst({
      where: { id: input.parentId, versionId: version.id, deletedAt: null },
    });
    if (!parent) return { ok: false, message: "Le commentaire auquel vous répondez n'existe plus sur cette version." };
    parentId = parent.id;
  }
  let anchor: {
    anchorFrom: number;
    anchorTo: number;
    anchorQuote: string;
    anchorPrefix: string;
    anchorSuffix: string;
  } | null = null;
  if (!reply && input.passage && input.passage.trim() !== "") {
    const located = locatePassage(parseRichText(version.content) ?? { type: "doc" }, input.passage, {
      prefix: input.passagePrefix ?? "",
      suffix: input.passageSuffix ?? "",
    });
    if (!located.ok) return { ok: false, field: "passage", message: located.message };
    const a = located.anchor;
    anchor = {
      anchorFrom: a.from,
      anchorTo: a.to,
      anchorQuote: a.quote,
      anchorPrefix: a.prefix,
      anchorSuffix: a.suffix,
    };
  }
  const comment = await tx.rfcComment.create({
    data: {
      versionId: version.id,
      parentId,
      authorId: user.id,
      organisationId: user.organisationId,
      kind: reply ? null : (input.kind as CommentKind),
      body: body.value,
      ...anchor,
      createdAt: now,
      updatedAt: now,
    },
  });
  await auditBy(
    tx,
    user,
    {
      action: reply ? "rfc-reponse-publiee" : "rfc-commentaire-publie",
      entityType: "RfcComment",
      entityId: comment.id,
      // No text in the audit log: the comment and its anchored passage live in the comment (decision 015).
      data: { numero: rfc.number, version: versionNumber, nature: comment.kind, ancre: anchor !== null },
    },
    now,
  );
  return { ok: true, value: { id: comment.id } };
}

/**
 * INTROUVABLE unless the comment belongs to this version: a comment id posted under another RFC's
 * or another version's address does not exist there, whatever the person may do on its own page.
 */
export async function commentOnVersion(versionId: string, commentId: string): Promise<Result> {
  const found = commentId
    ? await prisma.rfcComment.findFirst({ where: { id: commentId, versionId }, select: { id: true } })
    : null;
  return found ? success() : notFound();
}

/** The comment, if the person may read its RFC (INTROUVABLE otherwise), with its version. */
async function readableComment(user: SessionUser, commentId: string) {
  const comment = await prisma.rfcComment.findUnique({
    where: { id: commentId },
    include: { version: { select: { rfcId: true, number: true, rfc: { select: { number: true } } } } },
  });
  if (!comment) return notFound();
  const access = await rfcAccess(user, comment.version.rfcId);
  if (!access.read) return notFound();
  return success({ comment, access });
}

/** The person's own readable comment; INTERDIT for someone else's. */
async function ownComment(user: SessionUser, commentId: string, message: string) {
  const found = await readableComment(user, commentId);
  if (!found.ok) return found;
  return found.value.comment.authorId === user.id ? success(found.value.comment) : refusal("INTERDIT", message);
}

/** Only the author changes or deletes a comment, only while the cycle takes comments. */
async function ownWritable(
  tx: Tx,
  user: SessionUser,
  commentId: string,
  now: Date,
): Promise<Result<{ comment: RfcComment; version: LoadedVersion }>> {
  const comment = await tx.rfcComment.findUnique({ where: { id: commentId } });
  if (!comment) return notFound();
  if (comment.authorId !== user.id)
    return refusal("INTERDIT", "Vous ne pouvez modifier ou supprimer que vos propres commentaires.");
  if (comment.deletedAt) return refusal("REFUSE", "Ce commentaire a été supprimé.");
  const v = await tx.rfcVersion.findUniqueOrThrow({
    where: { id: comment.versionId },
    select: { rfcId: true, number: true },
  });
  const loaded = await versionIn(tx, v.rfcId, v.number);
  if (!loaded.ok) return loaded;
  const version = loaded.value;
  const refused = await writeRefusal(tx, user, version, now);
  if (refused) return refusal("REFUSE", refused);
  return success({ comment, version });
}

/** Like postComment, `now` defaults to the clock read inside the write transaction. */
export async function editComment(
  user: SessionUser,
  commentId: string,
  input: { body: string; kind?: string | null },
  at?: Date,
): Promise<Result> {
  const own = await ownComment(user, commentId, "Vous ne pouvez modifier que vos propres commentaires.");
  if (!own.ok) return own;
  const seen = own.value;
  const body = checkBody(input.body, seen.parentId !== null);
  if (!body.ok) return body;
  if (seen.parentId === null && input.kind != null && !isKind(input.kind))
    return { ok: false, field: "kind", message: "Choisissez la nature du commentaire." };
  return writeTransaction(async (tx): Promise<Result> => {
    const now = at ?? clockNow();
    const writable = await ownWritable(tx, user, commentId, now);
    if (!writable.ok) return writable;
    const { comment } = writable.value;
    const kind = comment.parentId === null && isKind(input.kind) ? input.kind : comment.kind;
    await tx.rfcComment.update({ where: { id: comment.id }, data: { body: body.value, kind, updatedAt: now } });
    await keepRevision(tx, user, comment, "modification", now, { nature: kind });
    return { ok: true, value: undefined };
  });
}

/**
 * An author's edit or deletion keeps the text as it was (the comment history) and is journalled,
 * in the same transaction as the change itself.
 */
async function keepRevision(
  tx: Tx,
  user: SessionUser,
  comment: Pick<RfcComment, "id" | "body" | "kind">,
  change: "modification" | "suppression",
  now: Date,
  data?: Record<string, unknown>,
) {
  await tx.rfcCommentRevision.create({
    data: { commentId: comment.id, at: now, change, authorId: user.id, body: comment.body, kind: comment.kind },
  });
  await auditBy(
    tx,
    user,
    {
      action: change === "modification" ? "rfc-commentaire-modifie" : "rfc-commentaire-supprime",
      entityType: "RfcComment",
      entityId: comment.id,
      data,
    },
    now,
  );
}

/** Like postComment, `now` defaults to the clock read inside the write transaction. */
export async function deleteComment(user: SessionUser, commentId: string, at?: Date): Promise<Result> {
  const own = await ownComment(user, commentId, "Vous ne pouvez supprimer que vos propres commentaires.");
  if (!own.ok) return own;
  return writeTransaction(async (tx): Promise<Result> => {
    const now = at ?? clockNow();
    const writable = await ownWritable(tx, user, commentId, now);
    if (!writable.ok) return writable;
    const { comment } = writable.value;
    await tx.rfcComment.update({ where: { id: comment.id }, data: { deletedAt: now, updatedAt: now } });
    await keepRevision(tx, user, comment, "suppression", now);
    return { ok: true, value: undefined };
  });
}

/** The pilot's answer to a top-level comment, once the cycle is closed and until it is concluded. */
export async function disposeComment(
  user: SessionUser,
  commentId: string,
  input: { disposition: string; reply: string },
  now = clockNow(),
): Promise<Result> {
  const found = await readableComment(user, commentId);
  if (!found.ok) return found;
  const pilot = pilotOnly(
    found.value.access,
    "Seul le pilote du groupe ou la coordination CNSA répond aux commentaires.",
  );
  if (!pilot.ok) return pilot;
  return writeTransaction((tx) => disposeCommentIn(tx, user, commentId, input, now));
}

/** Records the disposition inside the caller's transaction (the person pilots the group). */
export async function disposeCommentIn(
  tx: Tx,
  user: SessionUser,
  commentId: string,
  input: { disposition: string; reply: string },
  now: Date,
): Promise<Result> {
  if (!isDisposition(input.disposition))
    return invalid(
      "disposition",
      "Choisissez la disposition : accepté, partiellement accepté, rejeté ou pris en note.",
    );
  const reply = checkText("reply", input.reply, {
    required: "Rédigez la réponse au commentaire : elle figure dans le tableau des dispositions.",
    max: REPLY_MAX,
    tooLong: () => `La réponse dépasse ${REPLY_MAX.toLocaleString("fr-FR")} caractères.`,
  });
  if (!reply.ok) return reply;
  const comment = await tx.rfcComment.findUnique({
    where: { id: commentId },
    include: { version: { include: { workflow: { select: { status: true } }, rfc: { select: { number: true } } } } },
  });
  if (!comment) return notFound();
  if (comment.parentId !== null)
    return {
      ok: false,
      message:
        "Les réponses entre participants ne reçoivent pas de disposition : seuls les commentaires en reçoivent une.",
    };
  if (comment.deletedAt)
    return { ok: false, message: "Ce commentaire a été supprimé par son auteur : il n'appelle pas de disposition." };
  if (comment.version.workflow.status !== "clos") {
    return {
      ok: false,
      message:
        comment.version.workflow.status === "conclu"
          ? "Le cycle est conclu : les dispositions ne peuvent plus changer."
          : "Les dispositions s'enregistrent une fois le cycle clos, à l'échéance.",
    };
  }
  await tx.rfcComment.update({
    where: { id: comment.id },
    data: { disposition: input.disposition, dispositionReply: reply.value, disposedAt: now, disposedById: user.id },
  });
  if (comment.disposition) {
    await tx.rfcCommentRevision.create({
      data: {
        commentId: comment.id,
        at: now,
        change: "disposition",
        authorId: user.id,
        disposition: comment.disposition,
        dispositionReply: comment.dispositionReply,
      },
    });
  }
  await auditBy(
    tx,
    user,
    {
      action: comment.disposition ? "rfc-disposition-revisee" : "rfc-disposition-enregistree",
      entityType: "RfcComment",
      entityId: comment.id,
      data: {
        numero: comment.version.rfc.number,
        version: comment.version.number,
        disposition: input.disposition,
        precedente: comment.disposition,
      },
    },
    now,
  );
  return { ok: true, value: undefined };
}
