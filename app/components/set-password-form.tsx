import { Form } from "@remix-run/react";
import { FormError, TextField } from "./fields";

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
