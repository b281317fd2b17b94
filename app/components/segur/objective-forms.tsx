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
  const values = answer?.values ?? {};
  const errors = answer?.errors ?? {};
  return (
    <Form method="post" action={action} noValidate>
      <Refusal answer={answer} />
      <ChoiceField
        id="objectif-service"
        name="service"
        label="Service socle"
        options={CORE_SERVICE_VOCABULARY.options()}
        defaultValue={values.service}
        error={errors.service}
        required
      />
      <TextField
        id="objectif-what"
        name="what"
        label="Cas d'usage"
        hint="Par exemple : transmettre des informations de suivi d'un jeune au service de PMI du département."
        defaultValue={values.what}
        error={errors.what}
        maxLength={300}
        required
      />
      <TextField
        id="objectif-counterpart"
        name="counterpart"
        label="Avec qui"
        hint="La PMI, un médecin généraliste, un hôpital de jour…"
        defaultValue={values.counterpart}
        error={errors.counterpart}
        maxLength={200}
        required
      />
      <RadioField
        id="objectif-environment"
        name="environment"
        legend="Environnement visé"
        options={ENVIRONMENT_VOCABULARY.options()}
        defaultValue={values.environment}
        error={errors.environment}
        inline
        required
      />
      <ChoiceField
        id="objectif-boxType"
        name="boxType"
        label="Type de boîte aux lettres (MSSanté seulement)"
        options={BOX_TYPE_VOCABULARY.options()}
        emptyLabel="Sans objet (autre service que MSSanté)"
        emptySelectable
        defaultValue={values.boxType}
        error={errors.boxType}
      />
      {establishments.length > 1 ? (
        <ChoiceField
          id="objectif-legalEntityId"
          name="legalEntityId"
          label="Établissement"
          options={establishments.map((e) => ({ value: e.id, label: e.name }))}
          defaultValue={values.legalEntityId}
          error={errors.legalEntityId}
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
          const values = refused?.values ?? {};
          const errors = refused?.errors ?? {};
          const prefix = `objectif-${objective.id}-${type.toLowerCase()}`;
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
                      id={`${prefix}-date`}
                      name="reachedOn"
                      type="date"
                      label="Atteint le"
                      defaultValue={values.reachedOn ?? today}
                      error={errors.reachedOn}
                      required
                    />
                    <TextAreaField
                      id={`${prefix}-note`}
                      name="note"
                      label="Ce qui a été fait (facultatif)"
                      rows={2}
                      maxLength={2000}
                      defaultValue={values.note}
                      error={errors.note}
                    />
                  </>
                ) : null}
                {type === "NON_ATTEINT" ? (
                  <TextAreaField
                    id={`${prefix}-reason`}
                    name="reason"
                    label="Pourquoi l'objectif n'est pas atteint"
                    rows={3}
                    maxLength={2000}
                    defaultValue={values.reason}
                    error={errors.reason}
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
