/**
 * The objectives page's forms: a new use case, and the outcome of one (reached for real, in
 * test, not reached with its reason, taken up again). Each form shows again what was typed when
 * it was refused, with the French message of each field.
 */
import { Form } from "@remix-run/react";
import { ChoiceField } from "~/components/admin-forms";
import { FormError, RadioField, TextAreaField, TextField } from "~/components/fields";
import { IntentButton } from "~/components/groups/intent-button";
import {
  BOX_TYPE_VOCABULARY,
  CORE_SERVICE_VOCABULARY,
  ENVIRONMENT_VOCABULARY,
  SEGUR_OBJECTIVE_EVENT_LABELS,
} from "~/modules/segur/vocabulary";
import { FIX_FIELDS } from "~/utils/result";

/** What an action answered for one form: its intent (and objective), the message or field errors, what was typed. */
export type ObjectiveAnswer = {
  intent: string;
  objectiveId?: string;
  message?: string;
  errors?: Record<string, string>;
  values: Record<string, string>;
};

export const ADD_OBJECTIVE = "AJOUTER";

/** The use case's two text fields, with the lengths the service accepts. */
const USE_CASE_TEXTS = [
  {
    name: "what",
    label: "Cas d'usage",
    hint: "Par exemple : transmettre des informations de suivi d'un jeune au service de PMI du département.",
    maxLength: 300,
  },
  {
    name: "counterpart",
    label: "Avec qui",
    hint: "La PMI, un médecin généraliste, un hôpital de jour…",
    maxLength: 200,
  },
] as const;

function Refusal({ answer }: { answer?: ObjectiveAnswer }) {
  if (answer?.message) return <FormError message={answer.message} />;
  return answer?.errors ? <FormError message={FIX_FIELDS} /> : null;
}

export function NewObjectiveForm({
  action,
  establishments,
  answer,
  busy,
}: {
  action: string;
  establishments: { id: string; name: string }[];
  answer?: ObjectiveAnswer;
  busy: boolean;
}) {
  /** A field's id, name, and what was typed and refused in it. */
  const bound = (name: string) => ({
    id: `objectif-${name}`,
    name,
    defaultValue: answer?.values[name],
    error: answer?.errors?.[name],
  });
  return (
    <Form method="post" action={action} noValidate>
      <Refusal answer={answer} />
      <ChoiceField {...bound("service")} label="Service socle" options={CORE_SERVICE_VOCABULARY.options()} required />
      {USE_CASE_TEXTS.map((field) => (
        <TextField key={field.name} {...bound(field.name)} {...field} required />
      ))}
      <RadioField
        {...bound("environment")}
        legend="Environnement visé"
        options={ENVIRONMENT_VOCABULARY.options()}
        inline
        required
      />
      <ChoiceField
        {...bound("boxType")}
        label="Type de boîte aux lettres (MSSanté seulement)"
        options={BOX_TYPE_VOCABULARY.options()}
        emptyLabel="Sans objet (autre service que MSSanté)"
        emptySelectable
      />
      {establishments.length > 1 ? (
        <ChoiceField
          {...bound("legalEntityId")}
          label="Établissement"
          options={establishments.map((e) => ({ value: e.id, label: e.name }))}
          required
        />
      ) : null}
      <IntentButton intent={ADD_OBJECTIVE} busy={busy}>
        Ajouter le cas d'usage
      </IntentButton>
    </Form>
  );
}

/** The forms of one use case's outcome, one per event its state takes now. */
export function ObjectiveOutcomeForms({
  action,
  objective,
  today,
  answer,
  busy,
}: {
  action: string;
  objective: { id: string; rowVersion: number; events: string[] };
  today: string;
  answer?: ObjectiveAnswer;
  busy: boolean;
}) {
  const mine = answer?.objectiveId === objective.id ? answer : undefined;
  return (
    <details className="fr-mt-2w" open={mine !== undefined}>
      <summary>Enregistrer le résultat de ce cas d'usage</summary>
      <div className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
        {objective.events.map((type) => {
          const refused = mine?.intent === type ? mine : undefined;
          const prefix = `objectif-${objective.id}-${type.toLowerCase()}`;
          /** A field's id, name, and what was typed and refused in it. */
          const bound = (name: string) => ({
            id: `${prefix}-${name}`,
            name,
            defaultValue: refused?.values[name],
            error: refused?.errors?.[name],
          });
          return (
            <div className="fr-col-12 fr-col-md-6" key={type}>
              <Form method="post" action={action} noValidate aria-labelledby={`${prefix}-titre`}>
                <h4 className="fr-text--md fr-text--bold fr-mb-1w" id={`${prefix}-titre`}>
                  {SEGUR_OBJECTIVE_EVENT_LABELS[type]}
                </h4>
                <Refusal answer={refused} />
                <input type="hidden" name="objectiveId" value={objective.id} />
                <input type="hidden" name="rowVersion" value={objective.rowVersion} />
                {type === "ATTEINT_EN_REEL" || type === "ATTEINT_EN_TEST" ? (
                  <>
                    <TextField
                      {...bound("reachedOn")}
                      defaultValue={refused?.values.reachedOn ?? today}
                      type="date"
                      label="Atteint le"
                      required
                    />
                    <TextAreaField
                      {...bound("note")}
                      label="Ce qui a été fait (facultatif)"
                      rows={2}
                      maxLength={2000}
                    />
                  </>
                ) : null}
                {type === "NON_ATTEINT" ? (
                  <TextAreaField
                    {...bound("reason")}
                    label="Pourquoi l'objectif n'est pas atteint"
                    rows={3}
                    maxLength={2000}
                    required
                  />
                ) : null}
                <IntentButton intent={type} secondary={type !== "ATTEINT_EN_REEL"} busy={busy}>
                  {SEGUR_OBJECTIVE_EVENT_LABELS[type]}
                </IntentButton>
              </Form>
            </div>
          );
        })}
      </div>
    </details>
  );
}
