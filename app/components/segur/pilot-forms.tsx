/**
 * What the Ségur pilot's form pages share: their frame (the pilot above, the title, what the page
 * is for, the notice of the last step), and fields wired once to what a refused post sent back —
 * the value typed (or a default) and the field's error — so that each form names only its fields.
 */
import type { ReactNode } from "react";
import { ChoiceField, type Choice } from "~/components/admin-forms";
import { Breadcrumb, type Crumb } from "~/components/breadcrumb";
import { Notice, TextAreaField, TextField } from "~/components/fields";
import type { FieldErrors } from "~/utils/forms";

/** A page below a pilot's: its breadcrumb, title, lead and the notice of what was just recorded. */
export function PilotSubpage({
  crumb,
  pilot,
  title,
  lead,
  done,
  children,
}: {
  crumb: Crumb;
  pilot: { code: string; name: string };
  title: string;
  lead: ReactNode;
  done: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <Breadcrumb items={[crumb, { label: pilot.name, to: `/segur/pilotes/${pilot.code}` }]} current={title} />
      <h1>{title}</h1>
      <p className="fr-text--lead">{lead}</p>
      <Notice message={done} />
      {children}
    </>
  );
}

type Extra = { hint?: ReactNode; required?: boolean; defaultValue?: string };

/**
 * The fields of one form, given what its refused post sent back (`values`, `errors`): each
 * field's id is `<prefix>-<name>`, its value what was typed, else its default (the values may
 * hold checkbox groups' lists, which the caller wires itself).
 */
export function wiredFields(
  prefix: string,
  answer?: { values?: Record<string, string | string[]>; errors?: FieldErrors },
) {
  const values = answer?.values ?? {};
  const errors = answer?.errors ?? {};
  // A checkbox group's list is no single field's value.
  const typed = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const wiring = (name: string, extra: Extra) => ({
    id: `${prefix}-${name}`,
    name,
    hint: extra.hint,
    required: extra.required,
    defaultValue: typed(name) ?? extra.defaultValue,
    error: errors[name],
  });
  return {
    text: (name: string, label: string, extra: Extra & { type?: "text" | "email" | "date" } = {}) => (
      <TextField {...wiring(name, extra)} label={label} type={extra.type} />
    ),
    date: (name: string, label: string, extra: Extra = {}) => (
      <TextField {...wiring(name, extra)} label={label} type="date" />
    ),
    area: (name: string, label: string, extra: Extra = {}) => (
      <TextAreaField {...wiring(name, extra)} label={label} rows={3} />
    ),
    /** A closed choice; `none` names the empty choice of an optional one. */
    choice: (name: string, label: string, options: Choice[], extra: Extra & { none?: string } = {}) => (
      <ChoiceField
        {...wiring(name, extra)}
        hint={typeof extra.hint === "string" ? extra.hint : undefined}
        label={label}
        options={options}
        emptyLabel={extra.none}
        emptySelectable={extra.none !== undefined}
      />
    ),
  };
}

/** A legal entity chosen in a form: preselected when the pilot has only one. */
export const onlyOne = (choices: readonly Choice[]) => (choices.length === 1 ? choices[0].value : undefined);
