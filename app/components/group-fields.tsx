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
import { ChoiceField } from "./admin-forms";

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

function FieldsetError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <div className="fr-messages-group" id={id} aria-live="polite">
      <p className="fr-message fr-message--error">{error}</p>
    </div>
  );
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
  const errorId = `${name}-erreur`;
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id={`champ-${name}`}
      aria-labelledby={`${name}-legende${error ? ` ${errorId}` : ""}`}
    >
      <legend className="fr-fieldset__legend" id={`${name}-legende`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {groups.map((group) => {
        const boxes = (
          <div className="fr-grid-row fr-grid-row--gutters fr-px-1w">
            {group.organisations.map((o) => (
              <div className="fr-col-12 fr-col-md-6 fr-col-lg-4" key={o.id}>
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input
                    type="checkbox"
                    name={name}
                    id={`${name}-${o.id}`}
                    value={o.id}
                    defaultChecked={checked.includes(o.id)}
                  />
                  <label className="fr-label" htmlFor={`${name}-${o.id}`}>
                    {o.name}
                  </label>
                </div>
              </div>
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
      <FieldsetError id={errorId} error={error} />
    </fieldset>
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
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id="champ-distributionLists"
      aria-labelledby="listes-legende"
    >
      <legend className="fr-fieldset__legend" id="listes-legende">
        Listes de diffusion
        <span className="fr-hint-text">
          Qui reçoit les annonces du groupe (création, validation, appels à commentaires, adoptions). Le circuit de
          diffusion est doublé, comme demandé le 23 mars 2007.
        </span>
      </legend>
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
      <FieldsetError id="listes-erreur" error={error} />
    </fieldset>
  );
}

export function VendorsJoinField({ value, error }: { value?: string; error?: string }) {
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id="champ-vendorsJoin"
      aria-labelledby={`editeurs-legende${error ? " editeurs-erreur" : ""}`}
    >
      <legend className="fr-fieldset__legend" id="editeurs-legende">
        Quand les éditeurs de logiciels rejoignent-ils la diffusion du groupe ?
        <span className="fr-hint-text">
          Les éditeurs sont introduits dans la boucle de diffusion à un moment fixé pour chaque groupe. À partir de ce
          moment, ils reçoivent les annonces du groupe.
        </span>
      </legend>
      {VENDORS_JOIN.map((moment) => (
        <div className="fr-fieldset__element" key={moment}>
          <div className="fr-radio-group">
            <input
              type="radio"
              name="vendorsJoin"
              id={`editeurs-${moment}`}
              value={moment}
              defaultChecked={value === moment}
            />
            <label className="fr-label" htmlFor={`editeurs-${moment}`}>
              {VENDORS_JOIN_LABELS[moment]}
              <span className="fr-hint-text">{VENDORS_JOIN_HINTS[moment]}</span>
            </label>
          </div>
        </div>
      ))}
      <FieldsetError id="editeurs-erreur" error={error} />
    </fieldset>
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
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id="champ-attendeeIds"
      aria-labelledby={`participants-legende${error ? " participants-erreur" : ""}`}
    >
      <legend className="fr-fieldset__legend" id="participants-legende">
        {legend}
        <span className="fr-hint-text">Les personnes de l'annuaire des organisations du groupe et de la CNSA.</span>
      </legend>
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
              <div className="fr-fieldset__element fr-fieldset__element--inline" key={p.id}>
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input
                    type="checkbox"
                    name="attendeeIds"
                    id={`participant-${p.id}`}
                    value={p.id}
                    defaultChecked={checked.includes(p.id)}
                  />
                  <label className="fr-label" htmlFor={`participant-${p.id}`}>
                    {p.name}
                    {p.jobTitle ? <span className="fr-hint-text">{p.jobTitle}</span> : null}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
        </div>
      ))}
      <FieldsetError id="participants-erreur" error={error} />
    </fieldset>
  );
}
