import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { TitledSection } from "~/components/groups/titled-section";
import { Form, Link } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { IntentButton } from "~/components/groups/intent-button";
import { DetailItem } from "~/components/detail-item";
import { FormError, Notice, TextAreaField, TextField } from "~/components/fields";

import { ActionStatusBadge, LateBadge } from "~/components/group-status";
import { Timeline, timelineItems } from "~/components/timeline";
import {
  actOnActionItem,
  getActionItem,
  type ActionEvent,
  type ActionEventType,
} from "~/modules/groups/actions.server";
import { groupCrumbs } from "~/modules/groups/pages.server";
import { ACTION_ITEM_EVENT_LABELS, dayCount, daysBetween } from "~/modules/groups/labels";
import { dayLabel } from "~/utils/format";
import { actionEventSchema } from "~/modules/groups/workflow.server";
import { forbidden, requireUser } from "~/utils/auth.server";
import { intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { formatDateTime } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { postedEvent, doneNotice } from "~/utils/route-steps.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Action « ${data.item.title} » — Passerelles` : "Action — Passerelles" },
];

function details(payload: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof payload[key] === "string" && payload[key] ? String(payload[key]) : null);
  const lines: string[] = [];
  if (text("doneOn")) lines.push(`Faite le ${dayLabel(text("doneOn")!)}`);
  if (text("dueOn")) lines.push(`Échéance : ${dayLabel(text("dueOn")!)}`);
  if (text("reason")) lines.push(`Motif : ${text("reason")}`);
  return lines;
}

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = orRefusal(await getActionItem(user, params.code ?? "", params.actionId ?? ""));
  return {
    crumbs: groupCrumbs(user),
    group: item.group,
    done: doneNotice(request, {}, ACTION_ITEM_EVENT_LABELS),
    today: item.today,
    item: {
      id: item.id,
      title: item.title,
      status: item.workflow.status,
      rowVersion: item.workflow.rowVersion,
      organisations: item.organisations.map((o) => o.organisation.name),
      dueOn: item.context.dueOn,
      due: dayLabel(item.context.dueOn),
      overdue: item.overdue,
      late: item.overdue ? dayCount(daysBetween(item.context.dueOn, item.today)) : null,
      doneOn: item.context.doneOn ? dayLabel(item.context.doneOn) : null,
      abandonReason: item.context.abandonReason,
      meeting: item.meeting ? { id: item.meeting.id, at: item.meeting.startsAt.toISOString() } : null,
    },
    events: item.allowedEvents as ActionEventType[],
    timeline: timelineItems(item.timeline, (t) => (t.fromLabel ? details(t.payload) : [])),
  };
}

type ActionData = { intent: string; message?: string; errors?: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = params.code ?? "";
  const id = params.actionId ?? "";
  const item = orRefusal(await getActionItem(user, code, id));
  const form = await request.formData();
  const intent = intentOf(form);
  if (!(item.allowedEvents as string[]).includes(intent)) {
    if (item.workflow.status === "fait" || item.workflow.status === "abandonne")
      return refused({ code: "REFUSE" }, {
        intent,
        message: "Cette action est close : elle ne peut plus changer.",
        values: {},
      } satisfies ActionData);
    if (item.allowedEvents.length === 0)
      throw forbidden(
        "Seuls le pilote du groupe, le coordinateur de la CNSA et les organisations responsables font avancer cette action.",
      );
    unknownIntent();
  }
  const posted = postedEvent(form, intent, actionEventSchema);
  if (!posted.ok) return posted.answer;
  const { values, rowVersion, parsed } = posted;
  if (!parsed.ok) {
    const errors = { ...parsed.errors };
    if (errors.doneOn) errors.doneOn = "Saisissez la date à laquelle l'action a été menée.";
    if (errors.dueOn) errors.dueOn = "Saisissez la nouvelle échéance.";
    return refused({ code: "INVALIDE" }, { intent, errors, values } satisfies ActionData);
  }
  const result = await actOnActionItem(user, code, id, parsed.data as ActionEvent, rowVersion);
  if (!result.ok)
    return refused(
      result,
      (result.errors
        ? { intent, errors: result.errors, values }
        : { intent, message: result.message, values }) satisfies ActionData,
    );
  return redirect(`/groupes/${code}/actions/${id}?fait=${intent}`);
}

/** The date each dated step asks for. */
const DATE_FIELDS = {
  TERMINER: { name: "doneOn", label: "Menée le" },
  REPORTER: { name: "dueOn", label: "Nouvelle échéance" },
} as const;

const INTROS: Record<ActionEventType, string> = {
  COMMENCER: "L'action est en cours : ses responsables continuent de recevoir les rappels avant l'échéance.",
  TERMINER: "Les rappels s'arrêtent ; l'action n'apparaît plus en retard.",
  REPORTER: "Les rappels sont reprogrammés pour la nouvelle échéance, qui doit suivre l'actuelle.",
  ABANDONNER: "L'abandon est définitif ; indiquez-en le motif pour le groupe.",
};

export default function ActionItemPage() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { crumbs, group, item, events, timeline, done, today } = data;
  return (
    <>
      <Breadcrumb items={[...crumbs, { label: group.name, to: `/groupes/${group.code}` }]} current="Action" />
      <h1>{item.title}</h1>
      <ul className="fr-badges-group fr-mb-3w">
        <li>
          <ActionStatusBadge status={item.status} />
        </li>
        {item.overdue ? (
          <li>
            <LateBadge label={`En retard de ${item.late}`} />
          </li>
        ) : null}
      </ul>
      <Notice message={done} />
      <dl className="fr-grid-row">
        <DetailItem label="Acteurs">{item.organisations.join(", ")}</DetailItem>
        <DetailItem label="Échéance">{item.due}</DetailItem>
        {item.doneOn ? <DetailItem label="Menée le">{item.doneOn}</DetailItem> : null}
        {item.abandonReason ? <DetailItem label="Motif de l'abandon">{item.abandonReason}</DetailItem> : null}
        <DetailItem label="Décidée">
          {item.meeting ? (
            <Link to={`/groupes/${group.code}/reunions/${item.meeting.id}`}>
              lors de la réunion du {formatDateTime(item.meeting.at)}
            </Link>
          ) : (
            "hors réunion"
          )}
        </DetailItem>
      </dl>

      {events.length > 0 ? (
        <TitledSection id="suivi-titre" title="Faire avancer l'action" className="fr-mt-2w">
          <div className="fr-grid-row fr-grid-row--gutters">
            {events.map((type) => {
              const mine = failed?.intent === type ? failed : undefined;
              const values = mine?.values ?? {};
              const errors = mine?.errors ?? {};
              const prefix = `champ-${type.toLowerCase()}`;
              return (
                <div className="fr-col-12 fr-col-md-6" key={type}>
                  <section
                    aria-labelledby={`${prefix}-titre`}
                    className="fr-p-3w"
                    style={{ background: "var(--background-alt-grey)" }}
                  >
                    <h3 className="fr-h6" id={`${prefix}-titre`}>
                      {ACTION_ITEM_EVENT_LABELS[type]}
                    </h3>
                    <p className="fr-text--sm">{INTROS[type]}</p>
                    {mine?.message ? (
                      <FormError message={mine.message} />
                    ) : mine?.errors ? (
                      <FormError message="Rien n'a été enregistré : corrigez les champs signalés." />
                    ) : null}
                    <Form method="post" action={`/groupes/${group.code}/actions/${item.id}`} noValidate>
                      <input type="hidden" name="rowVersion" value={item.rowVersion} />
                      {type === "TERMINER" || type === "REPORTER" ? (
                        <TextField
                          id={`${prefix}-date`}
                          name={DATE_FIELDS[type].name}
                          type="date"
                          label={DATE_FIELDS[type].label}
                          hint={type === "REPORTER" ? `Après le ${item.due}.` : undefined}
                          required
                          defaultValue={type === "TERMINER" ? (values.doneOn ?? today) : values.dueOn}
                          error={errors[DATE_FIELDS[type].name]}
                        />
                      ) : null}
                      {type === "ABANDONNER" ? (
                        <TextAreaField
                          id={`${prefix}-motif`}
                          name="reason"
                          label="Motif de l'abandon"
                          rows={3}
                          required
                          defaultValue={values.reason}
                          error={errors.reason}
                        />
                      ) : null}
                      <IntentButton intent={type} secondary={type === "ABANDONNER"} busy={busy}>
                        {ACTION_ITEM_EVENT_LABELS[type]}
                      </IntentButton>
                    </Form>
                  </section>
                </div>
              );
            })}
          </div>
        </TitledSection>
      ) : (
        <p className="fr-mt-2w">
          {item.status === "fait" || item.status === "abandonne"
            ? "Cette action est close."
            : "Seuls le pilote du groupe, le coordinateur de la CNSA et les organisations responsables font avancer cette action."}
        </p>
      )}

      <Timeline items={timeline} title="Historique de l'action" />
    </>
  );
}
