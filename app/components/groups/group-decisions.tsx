import { Form } from "@remix-run/react";
import { TitledSection } from "~/components/groups/titled-section";
import { FormError } from "~/components/fields";
import { WORK_GROUP_EVENT_LABELS } from "~/modules/groups/labels";
import { IntentButton } from "./intent-button";

const EVENT_INTROS: Record<string, string> = {
  VALIDER_PILOTE: "Le pilote proposé devient le pilote du groupe ; il ne pourra plus être changé.",
  VALIDER:
    "La lettre de mission doit préciser le périmètre, le rôle de chaque organisation et au moins un livrable avec sa date de livraison et sa période de validation. Les membres et les listes de diffusion du groupe en sont informés.",
  ACTIVER: "Les travaux du groupe sont engagés ; ses membres en sont informés.",
  CLORE: "Le groupe ne tient plus de réunion et ne décide plus d'action ; ses documents restent consultables.",
};

/** The coordinator's steps the group's state allows now, one form each, with what blocks validation. */
export function GroupDecisions({
  code,
  events,
  problems,
  pilot,
  workflowRowVersion,
  failure,
  busy,
}: {
  code: string;
  events: string[];
  problems: string[];
  pilot: { shortName: string } | null;
  workflowRowVersion: number;
  failure?: string;
  busy: boolean;
}) {
  return (
    <TitledSection id="decisions-titre" title="Décisions de l'instance de pilotage" className="fr-mb-4w">
      {failure ? <FormError message={failure} /> : null}
      {events.includes("VALIDER") && problems.length > 0 ? (
        <div className="fr-callout fr-callout--orange-terre-battue fr-mb-2w">
          <h3 className="fr-callout__title fr-h6">Avant de valider le groupe</h3>
          <ul className="fr-callout__text fr-text--md">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        {events.map((type) => (
          <div className="fr-col-12 fr-col-md-6" key={type}>
            <Form
              method="post"
              action={`/groupes/${code}?index`}
              className="fr-p-2w"
              style={{ background: "var(--background-alt-grey)" }}
            >
              <input type="hidden" name="rowVersion" value={workflowRowVersion} />
              <p className="fr-text--sm">{EVENT_INTROS[type]}</p>
              <IntentButton intent={type} secondary={type === "CLORE"} busy={busy}>
                {type === "VALIDER_PILOTE" && pilot
                  ? `Valider le pilote (${pilot.shortName})`
                  : WORK_GROUP_EVENT_LABELS[type]}
              </IntentButton>
            </Form>
          </div>
        ))}
      </div>
    </TitledSection>
  );
}
