/**
 * The "Commenter" section of an RFC version: the form of an invited organisation's person while
 * the cycle takes comments (its nature, the passage chosen in the text, the comment), otherwise
 * why they cannot comment.
 */
import { Form } from "@remix-run/react";
import { FormError, RadioField } from "~/components/fields";
import { PassagePicker } from "~/components/passage-picker";
import { BodyField, KIND_OPTIONS, type CommentFormFailure } from "~/components/rfc-comments";

/** Why the person cannot comment: the cycle's state first, then their organisation's invitation. */
function whyNot(status: string, accepting: boolean, invited: boolean) {
  if (status === "brouillon") return "Cette version n'est pas encore ouverte aux commentaires.";
  if (!accepting) return "Le délai de réponse est écoulé : cette version n'accepte plus de commentaires.";
  return invited
    ? "Vous ne pouvez pas commenter cette version."
    : "Votre organisation n'est pas invitée à commenter cette version : vous pouvez la lire et suivre les commentaires.";
}

export function NewComment({
  canComment,
  status,
  accepting,
  invited,
  failed,
  busy,
  action,
}: {
  canComment: boolean;
  status: string;
  accepting: boolean;
  invited: boolean;
  failed?: CommentFormFailure;
  busy: boolean;
  action: string;
}) {
  return (
    <section aria-labelledby="commenter-titre" className="fr-mb-4w">
      <h2 id="commenter-titre" className="fr-h4">
        Commenter
      </h2>
      <FormError message={failed?.message} />
      {canComment ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="commenter" />
          <RadioField
            id="nature"
            name="kind"
            legend="Nature du commentaire"
            options={KIND_OPTIONS}
            defaultValue={failed?.values?.kind}
            error={failed?.errors?.kind}
          />
          <PassagePicker
            containerId="texte-version"
            defaultPassage={failed?.values?.passage}
            defaultPrefix={failed?.values?.passagePrefix}
            defaultSuffix={failed?.values?.passageSuffix}
            error={failed?.errors?.passage}
          />
          <BodyField id="commentaire" label="Votre commentaire" failure={failed} rows={5} />
          <button className="fr-btn" type="submit" disabled={busy}>
            Publier le commentaire
          </button>
        </Form>
      ) : (
        <p>{whyNot(status, accepting, invited)}</p>
      )}
    </section>
  );
}
