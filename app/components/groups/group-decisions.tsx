import { Form } from "@remix-run/react";
import { FormError } from "~/components/fields";
import { WORK_GROUP_EVENT_LABELS } from "~/modules/groups/labels";

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
    <section aria-labelledby="decisions-titre" className="fr-mb-4w">
      <h2 id="decisions-titre" className="fr-h4">
        Décisions de l'instance de pilotage
      </h2>
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
              <button
                className={`fr-btn${type === "CLORE" ? " fr-btn--secondary" : ""}`}
                type="submit"
                name="intent"
                value={type}
                disabled={busy}
              >
                {type === "VALIDER_PILOTE" && pilot
                  ? `Valider le pilote (${pilot.shortName})`
                  : WORK_GROUP_EVENT_LABELS[type]}
              </button>
            </Form>
          </div>
        ))}
      </div>
    </section>
  );
}
