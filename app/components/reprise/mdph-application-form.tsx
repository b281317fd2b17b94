import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { ChoiceField } from "~/components/admin-forms";
import { FormError, TextField } from "~/components/fields";
import type { FieldErrors } from "~/utils/forms";
import type { MdphFormFailure } from "~/modules/reprise/forms.server";

/**
 * What an MDPH form shows: the action's failure (what was typed and the errors), else the
 * loader's defaults, and whether it is being sent.
 */
export type MdphForm = ReturnType<typeof useMdphForm>;

function useMdphForm(defaults: Record<string, string>) {
  const failed = useActionData() as MdphFormFailure | undefined;
  const busy = useNavigation().state === "submitting";
  return {
    failed: Boolean(failed),
    values: failed?.values ?? defaults,
    errors: failed?.errors ?? ({} as FieldErrors),
    busy,
  };
}

/** A required date of an MDPH form, filled with what was typed and showing its error. */
export function DateField({ form, name, label, hint }: { form: MdphForm; name: string; label: string; hint?: string }) {
  return (
    <TextField
      name={name}
      label={label}
      hint={hint}
      type="date"
      required
      defaultValue={form.values[name]}
      error={form.errors[name]}
    />
  );
}

/**
 * An MDPH's page about one application (the avenant's signature, the request): the way back to
 * the MDPH's reprise page, the title and what the page says first; then, when an application is
 * left, the form (why it was not saved above it, the application chosen first, then the form's own
 * fields), else why there is nothing to fill in.
 */
export function MdphApplicationForm({
  title,
  before,
  nothingLeft,
  width,
  defaults,
  notSaved,
  applicationLabel,
  applications,
  children,
}: {
  title: string;
  before: ReactNode;
  /** Why no form is shown, when no application is left. */
  nothingLeft: ReactNode;
  width: "fr-col-md-8" | "fr-col-md-9";
  /** What the fields show before anything is typed. */
  defaults: Record<string, string>;
  /** The message when fields are wrong and the service said nothing about the whole form. */
  notSaved: string;
  applicationLabel: string;
  applications: { value: string; label: string }[];
  /** The form's own fields, given what was typed and the errors. */
  children: (form: MdphForm) => ReactNode;
}) {
  const form = useMdphForm(defaults);
  const { failed, errors, values } = form;
  return (
    <>
      <p className="fr-mb-2w">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/mdph/reprises">
          Retour à la reprise des données
        </Link>
      </p>
      <h1>{title}</h1>
      {before}
      {applications.length === 0 ? (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>{nothingLeft}</p>
        </div>
      ) : (
        <div className={`fr-col-12 ${width}`}>
          <FormError message={failed ? (errors._form ?? notSaved) : null} />
          <Form method="post" noValidate>
            <ChoiceField
              name="application"
              label={applicationLabel}
              options={applications}
              required
              defaultValue={values.application}
              error={errors.application}
            />
            {children(form)}
          </Form>
        </div>
      )}
    </>
  );
}

type TypedField = Pick<ComponentProps<typeof TextField>, "name" | "label" | "hint" | "type" | "maxLength">;

/** A person's name and function as the MDPH forms ask them (the avenant's signatory, the request's contact). */
export const nameAndFunction = (
  prefix: string,
  labels: { name: string; function: string },
  functionExample: string,
): TypedField[] => [
  { name: `${prefix}Name`, label: labels.name, hint: "Prénom et nom.", maxLength: 200 },
  { name: `${prefix}Function`, label: labels.function, hint: `Par exemple « ${functionExample} ».`, maxLength: 200 },
];

/**
 * Required text fields side by side, two to a row on a wide screen, each with what was typed and
 * its error; `cellClassName` is what a surrounding fieldset asks of its elements.
 */
export function HalfWidthFields({
  fields,
  values,
  errors,
  cellClassName,
}: {
  fields: TypedField[];
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  cellClassName?: string;
}) {
  return fields.map((field) => (
    <div
      key={field.name}
      className={cellClassName ? `${cellClassName} fr-col-12 fr-col-md-6` : "fr-col-12 fr-col-md-6"}
    >
      <TextField {...field} autoComplete="off" required defaultValue={values[field.name]} error={errors[field.name]} />
    </div>
  ));
}
