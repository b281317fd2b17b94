import { Form } from "@remix-run/react";
import { TitledSection } from "~/components/groups/titled-section";
import { IntentButton } from "~/components/groups/intent-button";
import { CheckboxChoice } from "~/components/checkbox-choice";
import { FormError, TextField } from "~/components/fields";
import { AttendeePicker, GroupFieldset, type AttendeeChoice } from "~/components/group-fields";
import { RichTextEditor } from "~/components/rich-text-editor";
import type { RichTextDocument } from "~/modules/richtext/document";
import type { FieldErrors } from "~/utils/forms";

/** What a refused meeting form sends back: the message, the field errors and what was typed. */
export type MeetingFormFailure = {
  message?: string;
  errors: FieldErrors;
  values: Record<string, string>;
  ids: string[];
  minutes?: RichTextDocument | null;
  decisions?: RichTextDocument | null;
};

/** The pilot's form to record an action decided at the meeting: what, who, by when. */
export function NewActionForm({
  path,
  members,
  failed,
  busy,
}: {
  path: string;
  members: { id: string; name: string }[];
  failed?: MeetingFormFailure;
  busy: boolean;
}) {
  return (
    <section
      aria-labelledby="nouvelle-action-titre"
      className="fr-mt-4w fr-p-3w"
      style={{ background: "var(--background-alt-grey)" }}
    >
      <h2 id="nouvelle-action-titre" className="fr-h5">
        Ajouter une action décidée
      </h2>
      <FormError message={failed?.message} />
      <Form method="post" action={path} noValidate>
        <TextField
          name="title"
          label="Action à engager"
          required
          maxLength={300}
          defaultValue={failed?.values.title}
          error={failed?.errors.title}
        />
        <GroupFieldset
          id="champ-organisationIds"
          idPrefix="acteurs"
          legend="Acteurs (organisations responsables)"
          hint="Leurs membres reçoivent les rappels avant l'échéance."
          error={failed?.errors.organisationIds}
        >
          {members.map((o) => (
            <CheckboxChoice
              key={o.id}
              inline
              name="organisationIds"
              id={`acteur-${o.id}`}
              value={o.id}
              label={o.name}
              defaultChecked={failed?.ids.includes(o.id)}
            />
          ))}
        </GroupFieldset>
        <TextField
          name="dueOn"
          type="date"
          label="Échéance"
          required
          defaultValue={failed?.values.dueOn}
          error={failed?.errors.dueOn}
        />
        <IntentButton intent="action" busy={busy}>
          Ajouter l'action
        </IntentButton>
      </Form>
    </section>
  );
}

/** The pilot's form for the minutes, the decisions and who actually attended. */
export function MinutesForm({
  path,
  meeting,
  choices,
  failed,
  busy,
}: {
  path: string;
  meeting: {
    rowVersion: number;
    minutes: RichTextDocument | null;
    decisions: RichTextDocument | null;
    attendees: { id: string }[];
  };
  choices: AttendeeChoice[];
  failed?: MeetingFormFailure;
  busy: boolean;
}) {
  return (
    <TitledSection id="saisie-cr-titre" title="Rédiger le compte rendu" className="fr-mt-4w">
      <FormError message={failed?.message} />
      <Form method="post" action={path} noValidate>
        <input type="hidden" name="rowVersion" value={meeting.rowVersion} />
        <RichTextEditor
          name="minutes"
          label="Points traités"
          hint="Déroulement de la séance, présentations, échanges."
          initialDocument={failed ? (failed.minutes ?? null) : meeting.minutes}
          error={failed?.errors.minutes}
        />
        <RichTextEditor
          name="decisions"
          label="Positions, orientations et décisions"
          initialDocument={failed ? (failed.decisions ?? null) : meeting.decisions}
          error={failed?.errors.decisions}
        />
        <AttendeePicker
          choices={choices}
          checked={failed?.ids ?? meeting.attendees.map((a) => a.id)}
          error={failed?.errors.attendeeIds}
          legend="Participants présents"
        />
        <IntentButton intent="compte-rendu" busy={busy}>
          Enregistrer le compte rendu
        </IntentButton>
      </Form>
    </TitledSection>
  );
}
