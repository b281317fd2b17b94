import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormError, TextField } from "./fields";

/** What the loader of a single-use link page answers (describeActionToken). */
type TokenPageData =
  | { ok: true; firstName: string; lastName: string; email: string; organisation: string }
  | { ok: false; message: string };

/**
 * The page of a single-use link (invitation, password reset): the form to choose a password when
 * the link holds, else why it does not. Reads its route's loader and action data.
 */
export function SetPasswordPage({
  title,
  submitLabel,
  intro,
  refusal,
}: {
  title: string;
  submitLabel: string;
  intro: (account: Extract<TokenPageData, { ok: true }>) => ReactNode;
  refusal: (message: string) => ReactNode;
}) {
  const data = useLoaderData<TokenPageData>();
  const result = useActionData<{ errors?: Record<string, string> }>();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-7">
        <h1>{title}</h1>
        {data.ok ? (
          <>
            {intro(data)}
            <SetPasswordForm errors={result?.errors} submitLabel={submitLabel} />
          </>
        ) : (
          refusal(data.message)
        )}
      </div>
    </div>
  );
}

/** The form to choose a password, shared by the invitation and reset pages. */
export function SetPasswordForm({ errors, submitLabel }: { errors?: Record<string, string>; submitLabel: string }) {
  return (
    <Form method="post" noValidate>
      <FormError message={errors?._form} />
      <TextField
        name="password"
        label="Nouveau mot de passe"
        hint="Au moins 12 caractères, sans autre contrainte. Une phrase de plusieurs mots sans rapport entre eux est à la fois sûre et facile à retenir."
        type="password"
        autoComplete="new-password"
        required
        error={errors?.password}
      />
      <TextField
        name="confirmation"
        label="Confirmez le mot de passe"
        type="password"
        autoComplete="new-password"
        required
        error={errors?.confirmation}
      />
      <button className="fr-btn" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}
