/**
 * Form pieces of the work-group pages, in DSFR markup: organisations as checkboxes grouped by
 * kind (the 101 MDPHs and Conseils départementaux folded in a native disclosure, so the form
 * works without JavaScript), the pilot picker, the distribution lists, the vendors' rule, the
 * attendees picker and a plain textarea.
 */
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from "~/modules/organisations/kinds";
import {
  DISTRIBUTION_LISTS,
  DISTRIBUTION_LIST_HINTS,
  DISTRIBUTION_LIST_LABELS,
  VENDORS_JOIN,
  VENDORS_JOIN_HINTS,
  VENDORS_JOIN_LABELS,
} from "~/modules/groups/labels";
import type { ComponentProps, ReactNode } from "react";
import type { FieldErrors } from "~/utils/forms";
import { ChoiceField } from "./admin-forms";
import { CheckboxChoice } from "./checkbox-choice";
import { Fieldset, TextField } from "./fields";

export type OrganisationChoiceGroup = {
  kind: string;
  organisations: { id: string; name: string; shortName: string }[];
};

const FOLDED = new Set(["MDPH", "CONSEIL_DEPARTEMENTAL"]);
const kindLabel = (kind: string) =>
  kind === "MDPH"
    ? "MDPH"
    : kind === "CONSEIL_DEPARTEMENTAL"
      ? "Conseils départementaux"
      : (ORGANISATION_KIND_LABELS[kind as OrganisationKind] ?? kind);

/**
 * The group forms' fieldsets are the form's sections: their legend stays bold (the shared
 * Fieldset's is regular, for the questions inside a section).
 */
export function GroupFieldset({
  legend,
  ...fieldset
}: Omit<ComponentProps<typeof Fieldset>, "idPrefix"> & { idPrefix: string }) {
  return <Fieldset {...fieldset} legend={<span className="fr-text--bold">{legend}</span>} />;
}

export function OrganisationCheckboxes({
  name,
  legend,
  hint,
  groups,
  checked,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  groups: OrganisationChoiceGroup[];
  checked: readonly string[];
  error?: string;
}) {
  return (
    <GroupFieldset id={`champ-${name}`} idPrefix={name} legend={legend} hint={hint} error={error}>
      {groups.map((group) => {
        const boxes = (
          <div className="fr-grid-row fr-grid-row--gutters fr-px-1w">
            {group.organisations.map((o) => (
              <CheckboxChoice
                key={o.id}
                className="fr-col-12 fr-col-md-6 fr-col-lg-4"
                name={name}
                id={`${name}-${o.id}`}
                value={o.id}
                defaultChecked={checked.includes(o.id)}
                label={o.name}
              />
            ))}
          </div>
        );
        const selected = group.organisations.filter((o) => checked.includes(o.id));
        return (
          <div className="fr-fieldset__element" key={group.kind}>
            {FOLDED.has(group.kind) ? (
              <details>
                <summary>
                  <span className="fr-text--bold">
                    {kindLabel(group.kind)} ({group.organisations.length})
                  </span>
                  {selected.length > 0
                    ? ` — cochées : ${selected.map((o) => o.shortName).join(", ")}`
                    : " — aucune cochée"}
                </summary>
                {boxes}
              </details>
            ) : (
              <>
                <p className="fr-text--bold fr-mb-1w">{kindLabel(group.kind)}</p>
                {boxes}
              </>
            )}
          </div>
        );
      })}
    </GroupFieldset>
  );
}

export function PilotField({
  groups,
  defaultValue,
  error,
  hint,
}: {
  groups: OrganisationChoiceGroup[];
  defaultValue?: string;
  error?: string;
  hint?: string;
}) {
  return (
    <ChoiceField
      name="pilotOrganisationId"
      label="Organisation pilote proposée"
      hint={
        hint ??
        "Elle reste « à valider » jusqu'à ce que le coordinateur la valide. Elle fait partie des membres du groupe."
      }
      emptyLabel="Aucune pour l'instant"
      emptySelectable
      defaultValue={defaultValue}
      error={error}
      groups={groups.map((g) => ({
        label: kindLabel(g.kind),
        options: g.organisations.map((o) => ({ value: o.id, label: o.name })),
      }))}
    />
  );
}

export function DistributionListFields({ checked, error }: { checked: readonly string[]; error?: string }) {
  return (
    <GroupFieldset
      id="champ-distributionLists"
      idPrefix="listes"
      legend="Listes de diffusion"
      hint="Qui reçoit les annonces du groupe (création, validation, appels à commentaires, adoptions). Le circuit de diffusion est doublé, comme demandé le 23 mars 2007."
      error={error}
    >
      {DISTRIBUTION_LISTS.map((list) => (
        <div className="fr-fieldset__element" key={list}>
          <div className="fr-checkbox-group">
            <input
              type="checkbox"
              name="distributionLists"
              id={`liste-${list}`}
              value={list}
              defaultChecked={checked.includes(list)}
              aria-describedby={`liste-${list}-aide`}
            />
            <label className="fr-label" htmlFor={`liste-${list}`}>
              {DISTRIBUTION_LIST_LABELS[list]}
              <span className="fr-hint-text" id={`liste-${list}-aide`}>
                {DISTRIBUTION_LIST_HINTS[list]}
              </span>
            </label>
          </div>
        </div>
      ))}
    </GroupFieldset>
  );
}

/** HintedRadios' options from a vocabulary and its label and hint records. */
export const hintedOptions = <T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  hints: Record<T, string>,
) => values.map((value) => ({ value, label: labels[value], hint: hints[value] }));

/** One choice among a few, each radio with its own hint (DSFR radio group in a fieldset). */
export function HintedRadios({
  name,
  idPrefix,
  legend,
  legendHint,
  options,
  value,
  error,
}: {
  name: string;
  /** Prefix of the ids: `<prefix>-legende`, `<prefix>-erreur`, `<prefix>-<value>`. */
  idPrefix: string;
  legend: string;
  legendHint?: string;
  options: { value: string; label: string; hint: string }[];
  value?: string;
  error?: string;
}) {
  return (
    <GroupFieldset id={`champ-${name}`} idPrefix={idPrefix} legend={legend} hint={legendHint} error={error}>
      {options.map((option) => (
        <div className="fr-fieldset__element" key={option.value}>
          <div className="fr-radio-group">
            <input
              type="radio"
              name={name}
              id={`${idPrefix}-${option.value}`}
              value={option.value}
              defaultChecked={value === option.value}
            />
            <label className="fr-label" htmlFor={`${idPrefix}-${option.value}`}>
              {option.label}
              <span className="fr-hint-text">{option.hint}</span>
            </label>
          </div>
        </div>
      ))}
    </GroupFieldset>
  );
}

export function VendorsJoinField({ value, error }: { value?: string; error?: string }) {
  return (
    <HintedRadios
      name="vendorsJoin"
      idPrefix="editeurs"
      legend="Quand les éditeurs de logiciels rejoignent-ils la diffusion du groupe ?"
      legendHint="Les éditeurs sont introduits dans la boucle de diffusion à un moment fixé pour chaque groupe. À partir de ce moment, ils reçoivent les annonces du groupe."
      options={hintedOptions(VENDORS_JOIN, VENDORS_JOIN_LABELS, VENDORS_JOIN_HINTS)}
      value={value}
      error={error}
    />
  );
}

export type AttendeeChoice = {
  organisation: { id: string; name: string };
  people: { id: string; name: string; jobTitle: string | null }[];
};

/** The directory's people of the group's organisations, as checkboxes grouped by organisation. */
export function AttendeePicker({
  choices,
  checked,
  error,
  legend = "Participants",
}: {
  choices: AttendeeChoice[];
  checked: readonly string[];
  error?: string;
  legend?: string;
}) {
  return (
    <GroupFieldset
      id="champ-attendeeIds"
      idPrefix="participants"
      legend={legend}
      hint="Les personnes de l'annuaire des organisations du groupe et de la CNSA."
      error={error}
    >
      {choices.length === 0 ? (
        <p className="fr-fieldset__element">Aucune personne n'est encore inscrite dans les organisations du groupe.</p>
      ) : null}
      {choices.map((group) => (
        <div className="fr-fieldset__element" key={group.organisation.id}>
          <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={`participants-${group.organisation.id}`}>
            <legend
              className="fr-fieldset__legend fr-fieldset__legend--regular fr-text--bold fr-pb-1w"
              id={`participants-${group.organisation.id}`}
            >
              {group.organisation.name}
            </legend>
            {group.people.map((p) => (
              <CheckboxChoice
                key={p.id}
                inline
                name="attendeeIds"
                id={`participant-${p.id}`}
                value={p.id}
                defaultChecked={checked.includes(p.id)}
                label={
                  <>
                    {p.name}
                    {p.jobTitle ? <span className="fr-hint-text">{p.jobTitle}</span> : null}
                  </>
                }
              />
            ))}
          </fieldset>
        </div>
      ))}
    </GroupFieldset>
  );
}

/**
 * The fields a group's creation and its settings share, filled with what the form holds; the
 * creation's own fields (code, type) come as children, after the name.
 */
export function GroupSettingsFields({
  values,
  errors,
  organisations,
  hints,
  children,
}: {
  values: Record<string, string | string[]>;
  errors: FieldErrors;
  organisations: OrganisationChoiceGroup[];
  hints: { name?: string; members: string; pilot?: string; letterDueOn?: string };
  children?: ReactNode;
}) {
  const text = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const list = (key: string) =>
    Array.isArray(values[key])
      ? (values[key] as string[])
      : typeof values[key] === "string"
        ? [values[key] as string]
        : [];
  return (
    <>
      <TextField
        name="name"
        label="Nom du groupe"
        hint={hints.name}
        required
        maxLength={200}
        defaultValue={text("name")}
        error={errors.name}
      />
      {children}
      <OrganisationCheckboxes
        name="memberOrganisationIds"
        legend="Organisations membres"
        hint={hints.members}
        groups={organisations}
        checked={list("memberOrganisationIds")}
        error={errors.memberOrganisationIds}
      />
      <PilotField
        groups={organisations}
        defaultValue={text("pilotOrganisationId")}
        error={errors.pilotOrganisationId}
        hint={hints.pilot}
      />
      <TextField
        name="letterDueOn"
        type="date"
        label="Lettre de mission attendue au plus tard le (facultatif)"
        hint={hints.letterDueOn}
        defaultValue={text("letterDueOn")}
        error={errors.letterDueOn}
      />
      <DistributionListFields checked={list("distributionLists")} error={errors.distributionLists} />
      <VendorsJoinField value={text("vendorsJoin")} error={errors.vendorsJoin} />
    </>
  );
}
