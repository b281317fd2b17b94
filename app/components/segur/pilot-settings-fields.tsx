/**
 * The fields of a Ségur pilot's settings, for its creation and its record page: name, sector,
 * territory, planned period, product (its vendor becomes the pilot's), establishment and
 * counterpart organisations. What a refused post sent back is shown again, with each field's error.
 */
import type { ReactNode } from "react";
import type { Choice } from "~/components/admin-forms";
import { GroupFieldset, OrganisationCheckboxes, type OrganisationChoiceGroup } from "~/components/group-fields";
import type { FieldErrors } from "~/utils/forms";
import { wiredFields } from "./pilot-forms";

export type PilotSettingsChoices = {
  sectors: Choice[];
  departements: Choice[];
  products: Choice[];
  establishments: OrganisationChoiceGroup[];
  counterparts: OrganisationChoiceGroup[];
};

export type PilotFormValues = Record<string, string | string[]>;

const list = (values: PilotFormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value : [];
};

export function PilotSettingsFields({
  choices,
  values,
  errors,
  children,
}: {
  choices: PilotSettingsChoices;
  values: PilotFormValues;
  errors: FieldErrors;
  /** Fields shown first (the code, at creation). */
  children?: ReactNode;
}) {
  const field = wiredFields("champ", { values, errors });
  return (
    <>
      <GroupFieldset id="pilote-identite" idPrefix="identite" legend="Le pilote">
        <div className="fr-fieldset__element">
          {field.text("name", "Nom du pilote", {
            required: true,
            hint: "L'établissement et le logiciel, par exemple « Foyer de l'enfance — Solis ».",
          })}
          {children}
          {field.choice("sector", "Secteur", choices.sectors, { required: true })}
          {field.choice("departementCode", "Territoire (département)", choices.departements, {
            none: "Aucun en particulier",
            hint: "Avec les départements de ses établissements, il place le pilote dans sa région : l'ARS et le GRADeS le lisent.",
          })}
        </div>
      </GroupFieldset>
      <GroupFieldset id="pilote-periode" idPrefix="periode" legend="Période prévue">
        <div className="fr-fieldset__element">
          {field.date("plannedStartOn", "Début", { required: true })}
          {field.date("plannedEndOn", "Fin", { required: true })}
        </div>
      </GroupFieldset>
      <GroupFieldset id="pilote-logiciel" idPrefix="logiciel" legend="Logiciel (DUI)">
        <div className="fr-fieldset__element">
          {field.choice("productId", "Logiciel et son éditeur", choices.products, {
            none: "Pas encore choisi",
            hint: "Les personnes de l'éditeur voient et tiennent le pilote avec l'établissement.",
          })}
        </div>
      </GroupFieldset>
      <OrganisationCheckboxes
        name="establishmentIds"
        legend="Organisations des établissements"
        hint="Leurs personnes voient et tiennent le pilote."
        groups={choices.establishments}
        checked={list(values, "establishmentIds")}
        error={errors.establishmentIds}
      />
      <OrganisationCheckboxes
        name="counterpartIds"
        legend="Contreparties (facultatif)"
        hint="En protection de l'enfance, le conseil départemental dont la PMI reçoit les échanges : ses lecteurs voient le pilote."
        groups={choices.counterparts}
        checked={list(values, "counterpartIds")}
        error={errors.counterpartIds}
      />
    </>
  );
}
