import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { DetailItem } from "~/components/detail-item";
import { FormError } from "~/components/fields";
import { IntentButton } from "~/components/groups/intent-button";
import { TitledSection } from "~/components/groups/titled-section";
import { PilotSubpage, onlyOne, wiredFields } from "~/components/segur/pilot-forms";
import { StepProgress, StepStateBadge } from "~/components/segur/pilot-steps";
import { Timeline, timelineItems } from "~/components/timeline";
import { LEAD_TIME_LABELS, leadTimeDays } from "~/modules/segur/lead-times";
import { pilotByCode, pilotCrumb, pilotStepPage } from "~/modules/segur/queries/pilot-page.server";
import { subjectOf } from "~/modules/segur/queries/pilot-steps.server";
import { actOnStep, type SegurStepCommand } from "~/modules/segur/steps.server";
import {
  BLOCKER_VOCABULARY,
  SEGUR_STEP_EVENT_LABELS,
  STEP_CHANNEL_VOCABULARY,
  STEP_SCOPE_VOCABULARY,
  STEP_VOCABULARY,
} from "~/modules/segur/vocabulary";
import { segurStepEventSchema } from "~/modules/segur/workflow.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { dayLabel } from "~/utils/format";
import { useFormPage } from "~/utils/form-page";
import type { FieldErrors } from "~/utils/forms";
import { orRefusal, refused, throwIfNotFound, unknownIntent } from "~/utils/intent.server";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice, postedEvent } from "~/utils/route-steps.server";
import { FIX_FIELDS } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { SEGUR_STEPS, type StepCode } from "../../workflows/segur-prerequisites";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${STEP_VOCABULARY.labelOf(data.step.stepCode)} — ${data.pilot.name} — Passerelles`
      : "Étape — Passerelles",
  },
];

export const shouldRevalidate = revalidateAfterConflict;

/** What each logged event carried, in French, for the history. */
function details(payload: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof payload[key] === "string" && payload[key] ? String(payload[key]) : null);
  const lines: string[] = [];
  if (text("channel")) lines.push(`Canal : ${STEP_CHANNEL_VOCABULARY.labelOf(text("channel")!)}`);
  if (text("actedBy")) lines.push(`Démarche faite par ${text("actedBy")}`);
  for (const [key, label] of [
    ["askedOn", "Demandée le"],
    ["obtainedOn", "Obtenue le"],
    ["blockedOn", "Bloquée le"],
    ["unblockedOn", "Débloquée le"],
  ] as const)
    if (text(key)) lines.push(`${label} ${dayLabel(text(key)!)}`);
  if (text("blocker")) lines.push(`Type de blocage : ${BLOCKER_VOCABULARY.labelOf(text("blocker")!)}`);
  if (text("reason")) lines.push(`Motif : ${text("reason")}`);
  if (text("note")) lines.push(`Preuve : ${text("note")}`);
  if (text("reference")) lines.push(`Référence : ${text("reference")}`);
  return lines;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = orRefusal(await pilotStepPage(user, params.code ?? "", params.step ?? ""));
  const { pilot, step } = page;
  return {
    crumb: pilotCrumb(user),
    pilot: { code: pilot.code, name: pilot.name, edit: pilot.access.edit },
    step: { ...step, subject: subjectOf(step) },
    channels: SEGUR_STEPS[step.stepCode].channels.map((code) => ({
      value: code,
      label: STEP_CHANNEL_VOCABULARY.labelOf(code),
    })),
    events: page.events,
    people: page.people.map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName}` })),
    actor: `${user.firstName} ${user.lastName}`,
    today: parisDate(now()),
    done: doneNotice(request, {}, SEGUR_STEP_EVENT_LABELS),
    timeline: timelineItems(page.timeline, (t) => (t.fromLabel ? details(t.payload) : [])),
  };
}

/** A form posts no designated person as an empty choice: the event says null. */
const postedStepEvent = z.preprocess(
  (raw) =>
    raw && typeof raw === "object" && (raw as Record<string, unknown>).actedByPersonId === ""
      ? { ...raw, actedByPersonId: null }
      : raw,
  segurStepEventSchema,
);

type ActionData = { intent: string; message?: string; errors?: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const pilot = orRefusal(await pilotByCode(user, params.code ?? ""));
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (!Object.hasOwn(SEGUR_STEP_EVENT_LABELS, intent)) unknownIntent();
  const posted = postedEvent(form, intent, postedStepEvent);
  if (!posted.ok) return posted.answer;
  const { values, rowVersion, parsed } = posted;
  if (!parsed.ok) return refused({ code: "INVALIDE" }, { intent, errors: parsed.errors, values } satisfies ActionData);
  const result = throwIfNotFound(
    await actOnStep(user, pilot.id, params.step ?? "", parsed.data as SegurStepCommand, rowVersion),
  );
  if (!result.ok)
    return refused(result, { intent, message: result.message, errors: result.errors, values } satisfies ActionData);
  return redirect(`/segur/pilotes/${pilot.code}/etapes/${params.step}?fait=${intent}`);
}

/** The date each dated event asks for. */
const DATE_FIELDS: Partial<Record<string, { name: string; label: string }>> = {
  DEMANDER: { name: "askedOn", label: "Demandée le" },
  OBTENIR: { name: "obtainedOn", label: "Obtenue le" },
  BLOQUER: { name: "blockedOn", label: "Bloquée depuis le" },
  DEBLOQUER: { name: "unblockedOn", label: "Débloquée le" },
};

const INTROS: Record<string, string> = {
  DEMANDER: "Enregistrez la démarche faite : son canal, sa date et qui l'a faite.",
  OBTENIR:
    "La preuve de l'obtention : une note, une référence (numéro de contrat, de carte, de dossier…), ou les deux.",
  BLOQUER: "Ce qui empêche l'étape d'avancer, et qui peut le lever.",
  DEBLOQUER: "L'étape reprend là où elle en était.",
  DECLARER_SANS_OBJET: "Seule une étape dont aucune autre ne dépend peut être déclarée sans objet.",
  REPRENDRE: "L'étape redevient à faire.",
};

export default function StepPage() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { pilot, step, events, channels, people, today, timeline } = data;
  const { fields } = step;
  const after = SEGUR_STEPS[step.stepCode as StepCode].after;
  const possible = events.filter((e) => e.possible);
  const leadTime = leadTimeDays({ askedOn: fields.askedOn ?? null, obtainedOn: fields.obtainedOn ?? null });
  return (
    <PilotSubpage
      crumb={data.crumb}
      pilot={pilot}
      title={STEP_VOCABULARY.labelOf(step.stepCode)}
      lead={`${STEP_SCOPE_VOCABULARY.labelOf(step.scope)} : ${step.subject}`}
      done={data.done}
    >
      <p>
        <StepStateBadge status={step.status} />
      </p>
      <dl className="fr-grid-row">
        <DetailItem label="Canal">{fields.channel ? STEP_CHANNEL_VOCABULARY.labelOf(fields.channel) : "—"}</DetailItem>
        <DetailItem label="Démarche faite par">{fields.actedBy ?? "—"}</DetailItem>
        <DetailItem label="Demandée le">{fields.askedOn ? dayLabel(fields.askedOn) : "—"}</DetailItem>
        <DetailItem label="Obtenue le">{fields.obtainedOn ? dayLabel(fields.obtainedOn) : "—"}</DetailItem>
        {leadTime !== null ? (
          <DetailItem label={LEAD_TIME_LABELS.leadTime}>
            {leadTime} jour{leadTime > 1 ? "s" : ""}
          </DetailItem>
        ) : null}
        <DetailItem label="Préalables">
          {after.length === 0
            ? "Aucun : l'étape peut commencer dès le premier jour."
            : after.map((code) => STEP_VOCABULARY.labelOf(code)).join(", ")}
        </DetailItem>
        {step.status === "bloque" || (step.refusal && possible.length === 0) ? (
          <DetailItem label={step.status === "bloque" ? "Blocage" : "En attente"}>
            <StepProgress step={step} />
          </DetailItem>
        ) : null}
      </dl>

      {possible.length > 0 ? (
        <TitledSection id="suivi-titre" title="Faire avancer l'étape" className="fr-mt-2w">
          {step.refusal ? (
            <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
              <p>{step.refusal}</p>
            </div>
          ) : null}
          {possible.map(({ type }) => {
            const mine = failed?.intent === type ? failed : undefined;
            const prefix = `champ-${type.toLowerCase()}`;
            const field = wiredFields(prefix, mine);
            const date = DATE_FIELDS[type];
            return (
              <section key={type} aria-labelledby={`${prefix}-titre`} className="fr-mb-4w">
                <h3 className="fr-h5" id={`${prefix}-titre`}>
                  {SEGUR_STEP_EVENT_LABELS[type]}
                </h3>
                <p className="fr-text--sm">{INTROS[type]}</p>
                <FormError message={mine?.message ?? (mine?.errors ? FIX_FIELDS : null)} />
                <Form method="post" action={`/segur/pilotes/${pilot.code}/etapes/${step.id}`} noValidate>
                  <input type="hidden" name="rowVersion" value={step.rowVersion} />
                  {type === "DEMANDER"
                    ? field.choice("channel", "Canal", channels, { required: true, defaultValue: onlyOne(channels) })
                    : null}
                  {date ? field.date(date.name, date.label, { required: true, defaultValue: today }) : null}
                  {type === "DEMANDER" ? (
                    <>
                      {field.text("actedBy", "Démarche faite par", { required: true, defaultValue: data.actor })}
                      {field.choice("actedByPersonId", "Personne désignée concernée (facultatif)", people, {
                        none: "Aucune",
                      })}
                    </>
                  ) : null}
                  {type === "OBTENIR" ? (
                    <>
                      {field.area("note", "Preuve (note)")}
                      {field.text("reference", "Référence", {
                        hint: "Numéro de contrat, de carte, de dossier Démarches simplifiées…",
                      })}
                    </>
                  ) : null}
                  {type === "BLOQUER"
                    ? field.choice("blocker", "Type de blocage", BLOCKER_VOCABULARY.options(), { required: true })
                    : null}
                  {type === "BLOQUER" || type === "DECLARER_SANS_OBJET"
                    ? field.area("reason", type === "BLOQUER" ? "Ce qui bloque" : "Pourquoi l'étape est sans objet", {
                        required: true,
                      })
                    : null}
                  <IntentButton intent={type} secondary={type !== "DEMANDER" && type !== "OBTENIR"} busy={busy}>
                    {SEGUR_STEP_EVENT_LABELS[type]}
                  </IntentButton>
                </Form>
              </section>
            );
          })}
          {events
            .filter((e) => !e.possible && e.reason)
            .map((e) => (
              <p key={e.type} className="fr-text--sm">
                {e.label} : {e.reason}
              </p>
            ))}
        </TitledSection>
      ) : pilot.edit ? null : (
        <p className="fr-mt-2w">
          Seules les personnes de l'établissement et de l'éditeur du pilote enregistrent l'avancement de ses prérequis.
        </p>
      )}

      <Timeline items={timeline} title="Historique de l'étape" />
    </PilotSubpage>
  );
}
