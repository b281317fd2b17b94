import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { TitledSection } from "~/components/groups/titled-section";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { MeetingAttendees } from "~/components/groups/meeting-attendees";
import { MinutesForm, NewActionForm, type MeetingFormFailure } from "~/components/groups/meeting-forms";
import { Notice } from "~/components/fields";
import { ActionTable, RichText } from "~/components/group-status";
import { actionRow } from "~/modules/groups/action-rows.server";
import { createActionItem } from "~/modules/groups/actions.server";
import { actionItemSchema } from "~/modules/groups/forms.server";
import { groupCrumbs, richHtml } from "~/modules/groups/pages.server";
import { actionOwnerChoices, attendeeChoices, getMeeting, recordMinutes } from "~/modules/groups/meetings.server";
import { readRichText } from "~/modules/richtext/form.server";
import { parseRichText } from "~/modules/richtext/render.server";
import { forbidden, requireUser } from "~/utils/auth.server";
import { formRowVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice } from "~/utils/route-steps.server";

const dateTime = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "full", timeStyle: "short" });
const time = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} — ${data.group.name} — Passerelles` : "Réunion — Passerelles" },
];

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const m = orRefusal(await getMeeting(user, params.code ?? "", params.meetingId ?? ""));
  const pilot = m.access.pilot;
  const [choices, members] = pilot
    ? await Promise.all([attendeeChoices(m.groupId), actionOwnerChoices(m.groupId)])
    : [[], []];
  return {
    crumbs: groupCrumbs(user),
    group: { code: m.group.code, name: m.group.name, closed: m.group.workflow.status === "clos" },
    done: doneNotice(request, {
      creee:
        "La réunion est enregistrée. Les participants choisis reçoivent la convocation par courriel si elle est à venir.",
      "compte-rendu": "Le compte rendu est enregistré.",
      action: "L'action est enregistrée ; ses responsables en recevront le rappel avant l'échéance.",
    }),
    meeting: {
      id: m.id,
      title: `Réunion du ${dateTime.format(m.startsAt)}`,
      endsAt: time.format(m.endsAt),
      place: m.place,
      rowVersion: m.rowVersion,
      agendaHtml: richHtml(m.agenda),
      minutesHtml: richHtml(m.minutes),
      decisionsHtml: richHtml(m.decisions),
      minutes: parseRichText(m.minutes),
      decisions: parseRichText(m.decisions),
      attendees: m.attendees.map((a) => ({
        id: a.id,
        lastName: a.lastName,
        firstName: a.firstName,
        departement: a.organisation.departementCode ?? "—",
        organisation: a.organisation.name,
        email: a.email,
      })),
      actions: m.actionItems.map((a) => actionRow(a, m.today)),
    },
    pilot,
    choices,
    members,
  };
}

type ActionData = MeetingFormFailure & { intent: "compte-rendu" | "action" };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = params.code ?? "";
  const meetingId = params.meetingId ?? "";
  const meeting = orRefusal(await getMeeting(user, code, meetingId));
  if (!meeting.access.pilot)
    throw forbidden(
      "Seul le pilote du groupe ou le coordinateur de la CNSA rédige le compte rendu et décide des actions.",
    );
  const form = await request.formData();
  const intent = intentOf(form);
  if (intent === "compte-rendu") {
    const minutes = readRichText(form, "minutes", { label: "le compte rendu", maxLength: 100_000 });
    const decisions = readRichText(form, "decisions", { label: "les décisions", maxLength: 50_000 });
    const ids = form.getAll("attendeeIds").map(String);
    const back = (message: string, errors: FieldErrors): ActionData => ({
      intent,
      message,
      errors,
      values: {},
      ids,
      minutes: minutes.document,
      decisions: decisions.document,
    });
    const errors: FieldErrors = {};
    if (!minutes.ok) errors.minutes = minutes.error;
    if (!decisions.ok) errors.decisions = decisions.error;
    const rowVersion = formRowVersion(form);
    if (!rowVersion.ok) return refused(rowVersion, back(rowVersion.message, errors));
    if (!minutes.ok || !decisions.ok)
      return refused({ code: "INVALIDE" }, back("Rien n'a été enregistré : corrigez les champs signalés.", errors));
    const result = await recordMinutes(
      user,
      code,
      meetingId,
      { minutes: minutes.json, decisions: decisions.json, attendeeIds: ids },
      rowVersion.value,
    );
    if (!result.ok) return refused(result, back(result.message, result.errors ?? {}));
    return redirect(`/groupes/${code}/reunions/${meetingId}?fait=compte-rendu`);
  }
  if (intent === "action") {
    const values = { title: String(form.get("title") ?? ""), dueOn: String(form.get("dueOn") ?? "") };
    const ids = form.getAll("organisationIds").map(String);
    const parsed = parseForm(actionItemSchema, form);
    if (!parsed.ok)
      return refused({ code: "INVALIDE" }, {
        intent,
        message: "Rien n'a été enregistré : corrigez les champs signalés.",
        errors: parsed.errors,
        values,
        ids,
      } satisfies ActionData);
    const result = await createActionItem(user, code, { ...parsed.data, meetingId });
    if (!result.ok)
      return refused(result, {
        intent,
        message: result.message,
        errors: result.errors ?? {},
        values,
        ids,
      } satisfies ActionData);
    return redirect(`/groupes/${code}/reunions/${meetingId}?fait=action#actions-titre`);
  }
  unknownIntent();
}

export default function MeetingPage() {
  const { crumbs, group, meeting: m, pilot, choices, members, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const minutesFailed = failed?.intent === "compte-rendu" ? failed : undefined;
  const actionFailed = failed?.intent === "action" ? failed : undefined;
  return (
    <>
      <Breadcrumb items={[...crumbs, { label: group.name, to: `/groupes/${group.code}` }]} current="Réunion" />
      <h1>{m.title}</h1>
      <p className="fr-text--lead">
        Fin prévue à {m.endsAt}. Lieu : {m.place}.
      </p>
      <Notice message={done} />

      <TitledSection id="odj-titre" title="Ordre du jour">
        <RichText html={m.agendaHtml} empty="Aucun ordre du jour n'est rédigé." />
      </TitledSection>

      <MeetingAttendees attendees={m.attendees} />

      <TitledSection id="cr-titre" title="Points traités" className="fr-mt-4w">
        <RichText html={m.minutesHtml} empty="Le compte rendu n'est pas encore rédigé." />
        <h2 id="decisions-titre" className="fr-h4 fr-mt-3w">
          Positions, orientations et décisions
        </h2>
        <RichText html={m.decisionsHtml} empty="Aucune décision n'est encore consignée." />
      </TitledSection>

      <TitledSection id="actions-titre" title="Actions décidées" className="fr-mt-4w">
        {m.actions.length === 0 ? (
          <p>Aucune action n'a été décidée lors de cette réunion.</p>
        ) : (
          <ActionTable
            groupCode={group.code}
            rows={m.actions}
            caption="Actions à engager décidées lors de la réunion"
            firstColumn="Action à engager"
          />
        )}
      </TitledSection>

      {pilot ? (
        <>
          {!group.closed ? (
            <NewActionForm
              path={`/groupes/${group.code}/reunions/${m.id}`}
              members={members}
              failed={actionFailed}
              busy={busy}
            />
          ) : null}

          <MinutesForm
            path={`/groupes/${group.code}/reunions/${m.id}`}
            meeting={m}
            choices={choices}
            failed={minutesFailed}
            busy={busy}
          />
        </>
      ) : null}
    </>
  );
}
