import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { TitledSection } from "~/components/groups/titled-section";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DetailItem } from "~/components/detail-item";
import { Notice } from "~/components/fields";
import { ActionTable, GroupStatusBadge, LateBadge, PilotName } from "~/components/group-status";
import { Timeline, timelineItems } from "~/components/timeline";
import { GroupDecisions } from "~/components/groups/group-decisions";
import { GroupMeetings, GroupRfcs } from "~/components/groups/group-meetings";
import { MissionLetter } from "~/components/groups/mission-letter";
import { actionRow } from "~/modules/groups/action-rows.server";
import { actOnGroup } from "~/modules/groups/group-commands.server";
import { GROUP_EVENT_DONE, isGroupEventType } from "~/modules/groups/group-rules.server";
import { groupCrumbs, richHtml } from "~/modules/groups/pages.server";
import { getGroup } from "~/modules/groups/group-queries.server";
import { RFC_STATUS_LABELS } from "~/modules/rfc/labels";
import { dayLabel } from "~/utils/format";
import {
  DISTRIBUTION_LIST_LABELS,
  GROUP_KIND_LABELS,
  VENDORS_JOIN_LABELS,
  type VendorsJoin,
} from "~/modules/groups/labels";
import { requireUser } from "~/utils/auth.server";
import { formRowVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { addWorkingDays } from "~/utils/working-days.server";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice } from "~/utils/route-steps.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} — Groupes de travail — Passerelles` : "Groupe de travail — Passerelles" },
];

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const g = orRefusal(await getGroup(user, params.code ?? ""));
  return {
    crumbs: groupCrumbs(user),
    done: doneNotice(request, {
      ...GROUP_EVENT_DONE,
      lettre: "La lettre de mission est enregistrée.",
      parametres: "Les paramètres du groupe sont enregistrés.",
    }),
    group: {
      code: g.code,
      name: g.name,
      kindLabel: GROUP_KIND_LABELS[g.kind],
      status: g.status,
      workflowRowVersion: g.workflowRowVersion,
      pilot: g.pilot,
      members: g.members,
      letterHtml: richHtml(g.missionLetter),
      letterUpdatedAt: g.letterUpdatedAt?.toISOString() ?? null,
      letterDue: g.letterDueOn ? dayLabel(g.letterDueOn) : null,
      letterLate: g.letterLate,
      letterEditable: g.access.pilot && (g.status === "propose" || g.status === "lettreRedigee"),
      completeness: g.completeness,
      problems: g.problems,
      deliverables: g.deliverables.map((d) => ({
        id: d.id,
        title: d.title,
        due: dayLabel(d.dueOn),
        validationDays: d.validationDays,
        validationEnds: dayLabel(addWorkingDays(d.dueOn, d.validationDays)),
      })),
      lists: g.distributionLists.map((l) => DISTRIBUTION_LIST_LABELS[l]),
      vendors: VENDORS_JOIN_LABELS[g.vendorsJoin as VendorsJoin] ?? g.vendorsJoin,
      meetings: g.meetings.map((m) => ({
        id: m.id,
        startsAt: m.startsAt.toISOString(),
        place: m.place,
        attendees: m._count.attendees,
        actions: m._count.actionItems,
      })),
      actions: g.actions.map((a) => ({
        ...actionRow(a, g.today),
        meetingId: a.meeting?.id ?? null,
        meetingAt: a.meeting?.startsAt.toISOString() ?? null,
      })),
      rfcs: g.rfcs.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: RFC_STATUS_LABELS[r.status] ?? r.status,
      })),
      timeline: timelineItems(g.timeline),
      events: g.allowedEvents,
      canPilot: g.access.pilot,
      canManage: g.access.manage,
      closed: g.status === "clos",
    },
  };
}

type ActionData = { intent: string; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = params.code ?? "";
  // Out of scope: 404 before anything else; a reader who does not manage the group: 403, whatever is posted.
  orRefusal(await getGroup(user, code, "manage", "Seul le coordinateur de la CNSA peut faire cette démarche."));
  const form = await request.formData();
  const intent = intentOf(form);
  if (!isGroupEventType(intent)) unknownIntent();
  const rowVersion = formRowVersion(form);
  const result = rowVersion.ok ? await actOnGroup(user, code, intent, rowVersion.value) : rowVersion;
  if (!result.ok) return refused(result, { intent, message: result.message });
  return redirect(`/groupes/${code}?fait=${intent}`);
}

export default function GroupPage() {
  const { group: g, crumbs, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumb items={crumbs} current={g.name} />
      <h1>{g.name}</h1>
      <ul className="fr-badges-group fr-mb-3w">
        <li>
          <span className="fr-badge fr-badge--sm fr-badge--no-icon">{g.kindLabel}</span>
        </li>
        <li>
          <GroupStatusBadge status={g.status} />
        </li>
        {g.letterLate ? (
          <li>
            <LateBadge label="Lettre de mission en retard" />
          </li>
        ) : null}
      </ul>
      <Notice message={done} />

      {g.canPilot && !g.closed ? (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
          {g.letterEditable ? (
            <li>
              <Link className="fr-btn fr-icon-edit-line" to={`/groupes/${g.code}/lettre`}>
                {g.letterUpdatedAt ? "Modifier la lettre de mission" : "Rédiger la lettre de mission"}
              </Link>
            </li>
          ) : null}
          <li>
            <Link
              className="fr-btn fr-btn--secondary fr-icon-calendar-event-line"
              to={`/groupes/${g.code}/reunions/nouvelle`}
            >
              Organiser une réunion
            </Link>
          </li>
          {g.canManage ? (
            <li>
              <Link className="fr-btn fr-btn--tertiary fr-icon-settings-5-line" to={`/groupes/${g.code}/parametres`}>
                Paramètres du groupe
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      {g.events.length > 0 ? (
        <GroupDecisions
          code={g.code}
          events={g.events}
          problems={g.problems}
          pilot={g.pilot}
          workflowRowVersion={g.workflowRowVersion}
          failure={failed?.message}
          busy={busy}
        />
      ) : null}

      <TitledSection id="resume-titre" title="Le groupe">
        <dl className="fr-grid-row fr-grid-row--gutters">
          <DetailItem label="Pilote">
            <PilotName
              pilot={
                g.pilot ? { name: g.pilot.name, shortName: g.pilot.shortName, validated: g.pilot.validated } : null
              }
            />
          </DetailItem>
          <DetailItem label="Lettre de mission attendue au plus tard le">
            {g.letterDue ?? "Pas d'échéance fixée"} {g.letterLate ? <LateBadge /> : null}
          </DetailItem>
          <DetailItem label="Listes de diffusion">{g.lists.length > 0 ? g.lists.join(", ") : "Aucune"}</DetailItem>
          <DetailItem label="Éditeurs de logiciels dans la diffusion">{g.vendors}</DetailItem>
        </dl>
      </TitledSection>

      <MissionLetter
        updatedAt={g.letterUpdatedAt}
        completeness={g.completeness}
        html={g.letterHtml}
        members={g.members}
        deliverables={g.deliverables}
      />

      <GroupMeetings code={g.code} meetings={g.meetings} />

      <TitledSection id="actions-titre" title="Actions à engager" className="fr-mt-4w">
        {g.actions.length === 0 ? (
          <p>Aucune action n'est encore décidée. Les actions se décident en réunion.</p>
        ) : (
          <ActionTable groupCode={g.code} rows={g.actions} caption="Actions du groupe, par échéance" />
        )}
      </TitledSection>

      <GroupRfcs code={g.code} rfcs={g.rfcs} canWrite={g.canPilot && !g.closed} />

      <Timeline items={g.timeline} title="Historique du groupe" />
    </>
  );
}
