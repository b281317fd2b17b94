/**
 * Form pieces of the administration pages and the invitation page, in DSFR markup: a select
 * that may offer "none" and group its options (<optgroup>), the roles as checkboxes, and the
 * fields of an organisation (shared by its creation and edition pages), the answer of a
 * one-button form and the section that deactivates or reactivates an account or an organisation.
 */
import { Form } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { FieldGroup, Fieldset, FormError, Notice, TextField } from "./fields";

export type Choice = { value: string; label: string };
export type ChoiceGroup = { label: string; options: Choice[] };

type ChoiceFieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  required?: boolean;
  /** Flat options, or… */
  options?: Choice[];
  /** …options grouped under <optgroup> labels. */
  groups?: ChoiceGroup[];
  /** The first option: selectable when `emptySelectable` (a filter's "all", an optional field's "none"). */
  emptyLabel?: string;
  emptySelectable?: boolean;
  id?: string;
  /** Classes added to the field's group (a margin). */
  className?: string;
};

export function ChoiceField({
  defaultValue,
  required,
  options,
  groups,
  emptyLabel = "Sélectionnez une option",
  emptySelectable = false,
  ...group
}: ChoiceFieldProps) {
  const option = (o: Choice) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FieldGroup {...group} kind="select">
      {(control) => (
        <select {...control} defaultValue={defaultValue ?? ""} required={required}>
          <option value="" disabled={!emptySelectable}>
            {emptyLabel}
          </option>
          {options?.map(option)}
          {groups?.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map(option)}
            </optgroup>
          ))}
        </select>
      )}
    </FieldGroup>
  );
}

/** The roles as a group of checkboxes; the error (e.g. "Cochez au moins un rôle.") is announced with the legend. */
export function RoleCheckboxes({
  roles,
  checked,
  error,
  legend = "Rôles",
  hint,
}: {
  roles: Choice[];
  checked: readonly string[];
  error?: string;
  legend?: string;
  hint?: string;
}) {
  return (
    <Fieldset id="champ-roles" legend={legend} hint={hint} error={error}>
      {roles.map((role) => (
        <div className="fr-fieldset__element" key={role.value}>
          <div className="fr-checkbox-group">
            <input
              type="checkbox"
              name="roles"
              id={`role-${role.value}`}
              value={role.value}
              defaultChecked={checked.includes(role.value)}
            />
            <label className="fr-label" htmlFor={`role-${role.value}`}>
              {role.label}
            </label>
          </div>
        </div>
      ))}
    </Fieldset>
  );
}

export type OrganisationFormChoices = {
  kinds: Choice[];
  departements: Choice[];
  regions: Choice[];
  parents: ChoiceGroup[];
};

/**
 * The fields of an organisation. `code` is asked only at creation: other records and the
 * reference data rely on it, so it never changes afterwards.
 */
type OrganisationField =
  | "kind"
  | "name"
  | "shortName"
  | "code"
  | "departementCode"
  | "regionCode"
  | "parentId"
  | "email"
  | "finessJuridique"
  | "finessGeographique";

/** The organisation's text fields, each with its label, hint and limits. */
const ORGANISATION_TEXT_FIELDS = {
  name: { label: "Nom", hint: "Nom complet, par exemple « MDPH de la Mayenne ».", required: true, maxLength: 200 },
  shortName: {
    label: "Nom court",
    hint: "Sigle affiché dans les listes, par exemple « MDPH 53 ».",
    required: true,
    maxLength: 40,
  },
  code: {
    label: "Code",
    hint: "Identifiant stable : lettres minuscules sans accent, chiffres et tirets, par exemple « ime-les-tilleuls ». Il ne pourra plus être modifié.",
    required: true,
    maxLength: 60,
  },
  email: {
    label: "Adresse électronique fonctionnelle",
    hint: "Boîte de l'organisation (pas celle d'une personne), par exemple contact@organisation.fr.",
    type: "email",
    autoComplete: "off",
    maxLength: 254,
  },
  finessJuridique: {
    label: "Numéro FINESS juridique",
    hint: "Établissements et services (ESSMS) uniquement : 9 chiffres, ceux de l'entité juridique.",
    inputMode: "numeric",
    maxLength: 11,
  },
  finessGeographique: {
    label: "Numéro FINESS géographique",
    hint: "Établissements et services (ESSMS) uniquement : 9 chiffres, ceux de l'établissement.",
    inputMode: "numeric",
    maxLength: 11,
  },
} satisfies Partial<Record<OrganisationField, Omit<ComponentProps<typeof TextField>, "name">>>;

/** The organisation's choices that may stay empty; their options come from the database. */
const ORGANISATION_OPTIONAL_CHOICES = {
  departementCode: {
    label: "Département",
    hint: "Obligatoire pour une MDPH ou un conseil départemental.",
    emptyLabel: "Aucun département",
  },
  regionCode: {
    label: "Région",
    hint: "Obligatoire pour une ARS ou un GRADeS, et pour eux seuls : ils lisent les pilotes Ségur de leur région.",
    emptyLabel: "Aucune région",
  },
  parentId: {
    label: "Rattachée à",
    hint: "Pour un centre d'exploitation : le service de l'État dont il dépend ; pour un établissement : son organisme gestionnaire.",
    emptyLabel: "Aucune organisation parente",
  },
} satisfies Partial<Record<OrganisationField, Pick<ChoiceFieldProps, "label" | "hint" | "emptyLabel">>>;

export function OrganisationFields({
  values,
  errors,
  choices,
  askCode,
}: {
  values: { [K in OrganisationField]?: string | null };
  errors?: Record<string, string>;
  choices: OrganisationFormChoices;
  askCode: boolean;
}) {
  const value = (key: OrganisationField) => values[key] ?? "";
  const text = (name: keyof typeof ORGANISATION_TEXT_FIELDS) => (
    <TextField name={name} {...ORGANISATION_TEXT_FIELDS[name]} defaultValue={value(name)} error={errors?.[name]} />
  );
  const optionalChoice = (
    name: keyof typeof ORGANISATION_OPTIONAL_CHOICES,
    options: Pick<ChoiceFieldProps, "options" | "groups">,
  ) => (
    <ChoiceField
      name={name}
      {...ORGANISATION_OPTIONAL_CHOICES[name]}
      {...options}
      emptySelectable
      defaultValue={value(name)}
      error={errors?.[name]}
    />
  );
  return (
    <>
      <ChoiceField
        name="kind"
        label="Type d'organisation"
        options={choices.kinds}
        required
        defaultValue={value("kind")}
        error={errors?.kind}
      />
      {text("name")}
      {text("shortName")}
      {askCode ? text("code") : null}
      {optionalChoice("departementCode", { options: choices.departements })}
      {optionalChoice("regionCode", { options: choices.regions })}
      {optionalChoice("parentId", { groups: choices.parents })}
      {text("email")}
      {text("finessJuridique")}
      {text("finessGeographique")}
    </>
  );
}

const NAME_FIELDS = [
  { name: "firstName", label: "Prénom" },
  { name: "lastName", label: "Nom" },
] as const;

/** A person's first name, last name and job title: the invitation's fields and the person's edit form's. */
export function PersonFields({
  values,
  errors,
  jobTitleHint,
}: {
  values: { firstName?: string; lastName?: string; jobTitle?: string };
  errors?: Record<string, string>;
  jobTitleHint: string;
}) {
  return (
    <>
      {NAME_FIELDS.map((field) => (
        <TextField
          key={field.name}
          name={field.name}
          label={field.label}
          required
          autoComplete="off"
          maxLength={80}
          defaultValue={values[field.name]}
          error={errors?.[field.name]}
        />
      ))}
      <TextField
        name="jobTitle"
        label="Fonction"
        hint={jobTitleHint}
        autoComplete="off"
        maxLength={120}
        defaultValue={values.jobTitle}
        error={errors?.jobTitle}
      />
    </>
  );
}

/** What a one-button form of an admin page answered: its notice, or the refusal's message. */
export function ActionOutcome({ outcome }: { outcome?: { notice?: string; message?: string } }) {
  if (!outcome) return null;
  return (
    <>
      <Notice message={outcome.notice} />
      <FormError message={outcome.message} />
    </>
  );
}

/**
 * The section of an admin page that deactivates or reactivates a record (a person's account, an
 * organisation): its answer, then either why it cannot be done here (`blocked`) or the one button,
 * with what it does (`consequences`).
 */
export function ActivationSection({
  active,
  noun,
  outcome,
  blocked,
  consequences,
  busy,
}: {
  active: boolean;
  /** What is (de)activated, after the verb: « le compte », « l'organisation ». */
  noun: string;
  outcome?: { notice?: string; message?: string };
  blocked?: ReactNode;
  consequences: ReactNode;
  busy: boolean;
}) {
  const title = `${active ? "Désactiver" : "Réactiver"} ${noun}`;
  return (
    <section className="fr-mt-4w" aria-labelledby="titre-activation">
      <h2 id="titre-activation">{title}</h2>
      <ActionOutcome outcome={outcome} />
      {blocked ? (
        <p>{blocked}</p>
      ) : (
        <Form method="post">
          <p>{consequences}</p>
          <button
            className="fr-btn fr-btn--secondary"
            type="submit"
            name="intent"
            value={active ? "desactiver" : "reactiver"}
            disabled={busy}
          >
            {title}
          </button>
        </Form>
      )}
    </section>
  );
}
