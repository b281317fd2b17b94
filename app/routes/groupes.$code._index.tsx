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
import { actOnGroup } from "~/modules/groups/group-commands.server";
import { GROUP_EVENT_DONE, isGroupEventType } from "~/modules/groups/group-rules.server";
import { groupCrumbs } from "~/modules/groups/pages.server";
import { groupByCode } from "~/modules/groups/group-queries.server";
import { groupPageView } from "~/modules/groups/queries/group-page.server";
import { requireUser } from "~/utils/auth.server";
import { formRowVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice } from "~/utils/route-steps.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} — Groupes de travail — Passerelles` : "Groupe de travail — Passerelles" },
];

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const group = orRefusal(await groupPageView(user, params.code ?? ""));
  return {
    crumbs: groupCrumbs(user),
    done: doneNotice(request, {
      ...GROUP_EVENT_DONE,
      lettre: "La lettre de mission est enregistrée.",
      parametres: "Les paramètres du groupe sont enregistrés.",
    }),
    group: { ...group, timeline: timelineItems(group.timeline) },
  };
}

type ActionData = { intent: string; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = params.code ?? "";
  // Out of scope: 404 before anything else; a reader who does not manage the group: 403, whatever is posted.
  orRefusal(await groupByCode(user, code, "manage", "Seul le coordinateur de la CNSA peut faire cette démarche."));
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
