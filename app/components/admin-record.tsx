/**
 * The frame of an admin record page (a person, an organisation): what its action answers, and
 * its "Modifier" section. Apart from admin-forms.tsx because the invitation page, which uses
 * those fields, has no edit form.
 */
import { Form, useActionData } from "@remix-run/react";
import { usePosting } from "~/utils/form-page";
import type { ReactNode } from "react";
import { FormOutcome } from "./fields";

/** What the action of an admin record page answers: under which form (`intent`), and how it went. */
export type AdminActionData = {
  intent: string;
  notice?: string;
  message?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  roles?: string[];
};

/** An admin record page's action answer, whether a form is being sent, and the edit form's answer. */
export function useAdminAction() {
  const data = useActionData() as AdminActionData | undefined;
  const busy = usePosting();
  return { data, busy, edit: data?.intent === "modifier" ? data : undefined };
}

/** The "Modifier" section of an admin record page: the edit form's answer, its fields, its button. */
export function EditSection({ edit, busy, children }: { edit?: AdminActionData; busy: boolean; children: ReactNode }) {
  return (
    <section className="fr-mt-4w" aria-labelledby="titre-modifier">
      <h2 id="titre-modifier">Modifier</h2>
      <div className="fr-col-12 fr-col-md-8">
        <FormOutcome notice={edit?.notice} errors={edit?.errors} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="modifier" />
          {children}
          <button className="fr-btn fr-mt-2w" type="submit" disabled={busy}>
            Enregistrer les modifications
          </button>
        </Form>
      </div>
    </section>
  );
}
