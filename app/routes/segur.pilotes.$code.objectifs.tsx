/**
 * A Ségur pilot's objectives: its use cases per core service with their outcomes, its rows of
 * 002's matrix, and — for the pilot's running people — the forms to add a use case and record
 * outcomes. Whoever may not read the pilot gets 404; a reader who posts, 403.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Breadcrumb } from "~/components/breadcrumb";
import { DetailItem } from "~/components/detail-item";
import { Notice } from "~/components/fields";
import { TitledSection } from "~/components/groups/titled-section";
import {
  ADD_OBJECTIVE,
  NewObjectiveForm,
  ObjectiveOutcomeForms,
  type ObjectiveAnswer,
} from "~/components/segur/objective-forms";
import { ObjectiveBadge, ObjectiveLegend, ObjectiveMatrix } from "~/components/segur/objective-matrix";
import { addObjective, recordObjectiveOutcome, type SegurObjectiveCommand } from "~/modules/segur/objectives.server";
import { objectivesPage } from "~/modules/segur/queries/objectives-page.server";
import { pilotByCode } from "~/modules/segur/queries/pilot-page.server";
import {
  BOX_TYPE_VOCABULARY,
  CORE_SERVICE_VOCABULARY,
  ENVIRONMENT_VOCABULARY,
  SEGUR_OBJECTIVE_EVENT_LABELS,
} from "~/modules/segur/vocabulary";
import { segurObjectiveEventSchema } from "~/modules/segur/workflow.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { dayLabel } from "~/utils/format";
import { formValues } from "~/utils/forms";
import { intentOf, orRefusal, refused, throwIfNotFound, unknownIntent } from "~/utils/intent.server";
import { useFormPage } from "~/utils/form-page";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice, postedEvent } from "~/utils/route-steps.server";
import { parisDate } from "~/utils/working-days";
import { CORE_SERVICES } from "../../workflows/segur-objective";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Objectifs — ${data.pilot.name} — Passerelles` : "Objectifs — Passerelles" },
];

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const at = now();
  const page = orRefusal(await objectivesPage(user, params.code ?? "", at));
  return {
    ...page,
    today: parisDate(at),
    done: doneNotice(request, { [ADD_OBJECTIVE]: "Le cas d'usage est ajouté." }, SEGUR_OBJECTIVE_EVENT_LABELS),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = params.code ?? "";
  const pilot = orRefusal(await pilotByCode(user, code));
  const form = await request.formData();
  const intent = intentOf(form);
  const back = `/segur/pilotes/${code}/objectifs`;
  if (intent === ADD_OBJECTIVE) {
    const values = formValues(form);
    const added = throwIfNotFound(
      await addObjective(user, pilot.id, {
        service: values.service ?? "",
        what: values.what ?? "",
        counterpart: values.counterpart ?? "",
        environment: values.environment ?? "",
        boxType: values.boxType || null,
        legalEntityId: values.legalEntityId || null,
      }),
    );
    if (!added.ok)
      return refused(added, {
        intent,
        message: added.errors ? undefined : added.message,
        errors: added.errors,
        values,
      } satisfies ObjectiveAnswer);
    return redirect(`${back}?fait=${ADD_OBJECTIVE}#service-${values.service?.toLowerCase()}`);
  }
  if (!Object.hasOwn(SEGUR_OBJECTIVE_EVENT_LABELS, intent)) unknownIntent();
  const objectiveId = String(form.get("objectiveId") ?? "");
  const posted = postedEvent(form, intent, segurObjectiveEventSchema);
  if (!posted.ok) return posted.answer;
  const { values, rowVersion, parsed } = posted;
  if (!parsed.ok)
    return refused({ code: "INVALIDE" }, {
      intent,
      objectiveId,
      errors: parsed.errors,
      values,
    } satisfies ObjectiveAnswer);
  const result = throwIfNotFound(
    await recordObjectiveOutcome(user, pilot.id, objectiveId, parsed.data as SegurObjectiveCommand, rowVersion),
  );
  if (!result.ok)
    return refused(result, {
      intent,
      objectiveId,
      message: result.errors ? undefined : result.message,
      errors: result.errors,
      values,
    } satisfies ObjectiveAnswer);
  return redirect(`${back}?fait=${intent}#objectif-${objectiveId}`);
}

export default function PilotObjectivesPage() {
  const { data, answer, busy } = useFormPage<typeof loader, ObjectiveAnswer>();
  const { pilot, edit, establishments, objectives, matrix, today, done } = data;
  const here = `/segur/pilotes/${pilot.code}/objectifs`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Tableau des pilotes Ségur", to: "/segur/pilotes" },
          { label: pilot.name, to: `/segur/pilotes/${pilot.code}` },
        ]}
        current="Objectifs"
      />
      <h1>Objectifs du pilote {pilot.name}</h1>
      <p className="fr-text--lead">
        Les cas d'usage des services socles (INS, DMP, MSSanté, Pro Santé Connect) et leur résultat : atteint en
        environnement réel, en environnement de test, ou non atteint.
      </p>
      <Notice message={done} />

      <TitledSection id="synthese-titre" title="Synthèse par service">
        <ObjectiveLegend />
        <ObjectiveMatrix caption={`Objectifs du pilote ${pilot.name} par établissement et service`} rows={matrix} />
      </TitledSection>

      {CORE_SERVICES.map((service) => {
        const mine = objectives.filter((o) => o.service === service);
        return (
          <TitledSection
            key={service}
            id={`service-${service.toLowerCase()}`}
            title={CORE_SERVICE_VOCABULARY.labels[service]}
            className="fr-mt-4w"
          >
            {mine.length === 0 ? <p>Aucun cas d'usage pour ce service.</p> : null}
            {mine.map((o) => (
              <article
                key={o.id}
                id={`objectif-${o.id}`}
                aria-labelledby={`objectif-${o.id}-titre`}
                className="fr-p-3w fr-mb-2w"
                style={{ background: "var(--background-alt-grey)" }}
              >
                <h3 className="fr-h6 fr-mb-1w" id={`objectif-${o.id}-titre`}>
                  {o.what}
                </h3>
                <ObjectiveBadge outcome={o.outcome ?? "EN_COURS"} />
                <dl className="fr-grid-row fr-mt-2w">
                  <DetailItem label="Avec qui">{o.counterpart}</DetailItem>
                  <DetailItem label="Environnement visé">{ENVIRONMENT_VOCABULARY.labelOf(o.environment)}</DetailItem>
                  {o.boxType ? (
                    <DetailItem label="Boîte aux lettres">{BOX_TYPE_VOCABULARY.labelOf(o.boxType)}</DetailItem>
                  ) : null}
                  {establishments.length > 1 && o.establishment ? (
                    <DetailItem label="Établissement">{o.establishment}</DetailItem>
                  ) : null}
                  {o.reachedInTestOn ? (
                    <DetailItem label="Atteint en test le">{dayLabel(o.reachedInTestOn)}</DetailItem>
                  ) : null}
                  {o.reachedInRealOn ? (
                    <DetailItem label="Atteint en réel le">{dayLabel(o.reachedInRealOn)}</DetailItem>
                  ) : null}
                  {o.outcome === "NON_ATTEINT" && o.notReachedReason ? (
                    <DetailItem label="Pourquoi non atteint">{o.notReachedReason}</DetailItem>
                  ) : null}
                  {o.note && o.outcome !== "NON_ATTEINT" ? (
                    <DetailItem label="Ce qui a été fait">{o.note}</DetailItem>
                  ) : null}
                </dl>
                {edit && o.events.length > 0 ? (
                  // Keyed by the row version: once recorded, the forms start empty again.
                  <ObjectiveOutcomeForms
                    key={o.rowVersion}
                    action={here}
                    objective={o}
                    today={today}
                    answer={answer}
                    busy={busy}
                  />
                ) : null}
              </article>
            ))}
          </TitledSection>
        );
      })}

      {edit ? (
        <TitledSection id="nouveau-titre" title="Ajouter un cas d'usage" className="fr-mt-4w">
          <NewObjectiveForm
            // Keyed by the number of use cases: once one is added, the form starts empty again.
            key={objectives.length}
            action={here}
            establishments={establishments}
            answer={answer?.intent === ADD_OBJECTIVE ? answer : undefined}
            busy={busy}
          />
        </TitledSection>
      ) : null}
    </>
  );
}
