/**
 * The comments of a version, as threads: each comment with its kind, organisation, author, date,
 * the passage it is anchored to (a link to the highlighted passage in the text), its replies,
 * and the pilot's disposition. The forms (reply, edit and delete one's own, dispose) are plain
 * HTML forms inside native disclosures, so the page works without JavaScript.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormError, RadioField, TextAreaField } from "~/components/fields";
import { KindBadge } from "~/components/rfc-fields";
import { COMMENT_KIND_HINTS, COMMENT_KIND_LABELS, COMMENT_KINDS, DISPOSITION_VOCABULARY } from "~/modules/rfc/labels";
import type { ThreadComment } from "~/modules/rfc/queries/threads.server";
import { formatDateTime } from "~/utils/format";

/** What the comment list needs to know of each comment (ThreadComment, serialised). */
export type RfcCommentItem = Omit<ThreadComment, "disposition" | "replies"> & {
  disposition: string | null;
  replies: RfcCommentItem[];
};

/** The refusal of a form of this list, to show next to that form with what was typed. */
export type CommentFormFailure = {
  intent: string;
  target?: string;
  message?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

type Permissions = { canWrite: boolean; canDispose: boolean };

/** What each form of a comment needs: the comment, the refusal to show if it is this form's, where to post. */
type CommentFormProps = { comment: RfcCommentItem; failed?: CommentFormFailure; action: string };

const KIND_OPTIONS = COMMENT_KINDS.map((k) => ({
  value: k,
  label: COMMENT_KIND_LABELS[k],
  hint: COMMENT_KIND_HINTS[k],
}));
const DISPOSITION_OPTIONS = DISPOSITION_VOCABULARY.options();

function failureFor(failed: CommentFormFailure | undefined, intent: string, target: string) {
  return failed && failed.intent === intent && failed.target === target ? failed : undefined;
}

function Body({ text }: { text: string }) {
  return <p className="rfc-comment__body fr-mb-1w">{text}</p>;
}

/** A comment's form: its intent and the comment it acts on, as hidden fields, then its own fields. */
function CommentForm({
  action,
  intent,
  name,
  value,
  className = "fr-mt-1w",
  children,
}: {
  action: string;
  intent: string;
  name: "commentId" | "parentId";
  value: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={action} preventScrollReset className={className}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      {children}
    </Form>
  );
}

/**
 * A comment's form folded under a link, unfolded again when it was refused so that its message
 * and typed text show; its fields, then its submit button.
 */
function FoldedForm({
  label,
  target,
  failure,
  className,
  form,
  submit,
  secondary = false,
  children,
}: {
  label: string;
  /** What the form acts on, for screen readers, which hear every such link of the page out of context. */
  target: string;
  failure?: CommentFormFailure;
  className?: string;
  form: { action: string; intent: string; name: "commentId" | "parentId"; value: string };
  submit: string;
  secondary?: boolean;
  children: ReactNode;
}) {
  return (
    <details open={failure ? true : undefined} className={className}>
      <summary className="fr-link fr-link--sm">
        {label}
        <span className="fr-sr-only"> {target}</span>
      </summary>
      <FormError message={failure?.message} />
      <CommentForm {...form}>
        {children}
        <button type="submit" className={`fr-btn fr-btn--sm${secondary ? " fr-btn--secondary" : ""}`}>
          {submit}
        </button>
      </CommentForm>
    </details>
  );
}

/** The text of a comment or a reply: what was typed if the form was refused, else the stored text. */
function BodyField({
  id,
  label,
  failure,
  stored,
  rows,
}: {
  id: string;
  label: string;
  failure?: CommentFormFailure;
  stored?: string;
  rows?: number;
}) {
  return (
    <TextAreaField
      id={id}
      name="body"
      label={label}
      defaultValue={failure?.values?.body ?? stored}
      error={failure?.errors?.body}
      required
      rows={rows}
    />
  );
}

function OwnCommentForms({ comment, failed, action }: CommentFormProps) {
  const edit = failureFor(failed, "modifier-commentaire", comment.id);
  const remove = failureFor(failed, "supprimer-commentaire", comment.id);
  const what = comment.rank ? `le commentaire n° ${comment.rank}` : "votre réponse";
  const on = (intent: string) => ({ action, intent, name: "commentId" as const, value: comment.id });
  return (
    <div className="fr-mt-1w">
      <FoldedForm
        label="Modifier"
        target={what}
        failure={edit}
        form={on("modifier-commentaire")}
        submit="Enregistrer la modification"
      >
        {comment.kind ? (
          <RadioField
            id={`nature-${comment.id}`}
            name="kind"
            legend="Nature"
            options={KIND_OPTIONS.map(({ value, label }) => ({ value, label }))}
            defaultValue={edit?.values?.kind ?? comment.kind}
            error={edit?.errors?.kind}
            inline
          />
        ) : null}
        <BodyField id={`texte-${comment.id}`} label="Texte" failure={edit} stored={comment.body ?? ""} />
      </FoldedForm>
      <FoldedForm
        label="Supprimer"
        target={what}
        failure={remove}
        className="fr-mt-1w"
        form={on("supprimer-commentaire")}
        submit="Confirmer la suppression"
        secondary
      >
        <p className="fr-text--sm fr-mb-1w">
          La suppression est définitive ; les réponses des autres participants restent affichées.
        </p>
      </FoldedForm>
    </div>
  );
}

function ReplyForm({ comment, failed, action }: CommentFormProps) {
  const reply = failureFor(failed, "repondre", comment.id);
  return (
    <FoldedForm
      label="Répondre"
      target={`à ${comment.rank ? `au commentaire n° ${comment.rank}` : `la réponse de ${comment.author}`}`}
      failure={reply}
      className="fr-mt-1w"
      form={{ action, intent: "repondre", name: "parentId", value: comment.id }}
      submit="Publier la réponse"
    >
      <BodyField id={`reponse-${comment.id}`} label="Votre réponse" failure={reply} rows={3} />
    </FoldedForm>
  );
}

function DispositionForm({ comment, failed, action }: CommentFormProps) {
  const own = failureFor(failed, "disposer", comment.id);
  return (
    <CommentForm
      action={action}
      intent="disposer"
      name="commentId"
      value={comment.id}
      className="rfc-disposition-form fr-mt-2w fr-p-2w"
    >
      <FormError message={own?.message} />
      <RadioField
        id={`disposition-${comment.id}`}
        name="disposition"
        legend={`Disposition du commentaire n° ${comment.rank}`}
        options={DISPOSITION_OPTIONS}
        defaultValue={own?.values?.disposition ?? comment.disposition}
        error={own?.errors?.disposition}
        inline
      />
      <TextAreaField
        id={`reponse-pilote-${comment.id}`}
        name="reply"
        label="Réponse du pilote"
        hint="Elle figure dans le tableau des dispositions."
        defaultValue={own?.values?.reply ?? comment.dispositionReply ?? ""}
        error={own?.errors?.reply}
        required
        rows={3}
      />
      <button type="submit" className="fr-btn fr-btn--sm">
        {comment.disposition ? "Réviser la disposition" : "Enregistrer la disposition"}
      </button>
    </CommentForm>
  );
}

function Meta({ comment }: { comment: RfcCommentItem }) {
  return (
    <p className="fr-text--sm fr-mb-1w">
      <strong>{comment.organisation}</strong> · {comment.author} ·{" "}
      <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
      {comment.edited ? " · modifié" : ""}
      {comment.inReplyTo ? ` · en réponse à ${comment.inReplyTo}` : ""}
    </p>
  );
}

function Reply({ comment, permissions, failed, action }: CommentFormProps & { permissions: Permissions }) {
  return (
    <li className="rfc-reply fr-pl-2w fr-mb-2w" id={`commentaire-${comment.id}`}>
      <Meta comment={comment} />
      {comment.deleted ? (
        <p className="fr-text--sm fr-mb-1w">Réponse supprimée par son auteur.</p>
      ) : (
        <Body text={comment.body ?? ""} />
      )}
      {!comment.deleted && permissions.canWrite ? (
        <ReplyForm comment={comment} failed={failed} action={action} />
      ) : null}
      {!comment.deleted && comment.mine && permissions.canWrite ? (
        <OwnCommentForms comment={comment} failed={failed} action={action} />
      ) : null}
    </li>
  );
}

/** `action`: where the forms post (the page's bare URL, so that a success notice does not linger next to an error). */
export function CommentThreads({
  threads,
  permissions,
  failed,
  action,
}: {
  threads: RfcCommentItem[];
  permissions: Permissions;
  failed?: CommentFormFailure;
  action: string;
}) {
  if (threads.length === 0) return <p>Aucun commentaire pour le moment.</p>;
  return (
    <ol className="fr-raw-list">
      {threads.map((c) => {
        const headingId = `commentaire-${c.id}-titre`;
        return (
          <li key={c.id}>
            <article className="rfc-comment fr-p-2w fr-mb-3w" id={`commentaire-${c.id}`} aria-labelledby={headingId}>
              <h3 className="fr-h6 fr-mb-1w" id={headingId}>
                {c.deleted ? "Commentaire supprimé" : `Commentaire n° ${c.rank}`}
                {c.kind && !c.deleted ? (
                  <>
                    {" "}
                    <KindBadge kind={c.kind} label={c.kindLabel ?? c.kind} />
                  </>
                ) : null}
              </h3>
              <Meta comment={c} />
              {c.deleted ? (
                <p className="fr-text--sm">Ce commentaire a été supprimé par son auteur.</p>
              ) : (
                <>
                  <p className="fr-text--sm fr-mb-1w">
                    {c.anchor ? (
                      <>
                        Sur le passage{" "}
                        <a href={`#passage-${c.id}`} className="rfc-quote">
                          « {c.anchor.quote} »
                          <span className="fr-sr-only"> (voir le passage surligné dans le texte)</span>
                        </a>
                      </>
                    ) : (
                      "Sur le texte entier"
                    )}
                  </p>
                  <Body text={c.body ?? ""} />
                  {c.disposition ? (
                    <div className="rfc-disposition fr-p-2w fr-mb-1w">
                      <p className="fr-text--sm fr-text--bold fr-mb-1v">
                        Disposition : {c.dispositionLabel}
                        {c.disposedAt ? (
                          <span className="fr-text--regular">
                            {" "}
                            (<time dateTime={c.disposedAt}>{formatDateTime(c.disposedAt)}</time>)
                          </span>
                        ) : null}
                      </p>
                      <p className="rfc-comment__body fr-text--sm fr-mb-0">{c.dispositionReply}</p>
                    </div>
                  ) : null}
                  {permissions.canWrite ? <ReplyForm comment={c} failed={failed} action={action} /> : null}
                  {c.mine && permissions.canWrite ? (
                    <OwnCommentForms comment={c} failed={failed} action={action} />
                  ) : null}
                  {permissions.canDispose ? <DispositionForm comment={c} failed={failed} action={action} /> : null}
                </>
              )}
              {c.replies.length > 0 ? (
                <section
                  aria-label={`Réponses ${c.rank ? `au commentaire n° ${c.rank}` : "au commentaire supprimé"}`}
                  className="fr-mt-2w"
                >
                  <p className="fr-text--sm fr-text--bold fr-mb-1w">
                    {c.replies.length === 1 ? "1 réponse" : `${c.replies.length} réponses`}
                  </p>
                  <ol className="fr-raw-list">
                    {c.replies.map((r) => (
                      <Reply key={r.id} comment={r} permissions={permissions} failed={failed} action={action} />
                    ))}
                  </ol>
                </section>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

export { BodyField, KIND_OPTIONS };
