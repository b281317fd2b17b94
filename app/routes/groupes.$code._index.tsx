import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DetailItem } from "~/components/detail-item";
import { FormError, Notice } from "~/components/fields";
import { ActionTable, GroupStatusBadge, LateBadge, PilotName, RichText } from "~/components/group-status";
import { Timeline, timelineItems } from "~/components/timeline";
import { actionRow } from "~/modules/groups/action-rows.server";
import { actOnGroup } from "~/modules/groups/group-commands.server";
import { GROUP_EVENT_DONE, isGroupEventType } from "~/modules/groups/group-rules.server";
import { groupCrumbs, richHtml } from "~/modules/groups/pages.server";
import { getGroup } from "~/modules/groups/group-queries.server";
import { dayLabel } from "~/utils/format";
import {
  DISTRIBUTION_LIST_LABELS,
  GROUP_KIND_LABELS,
  VENDORS_JOIN_LABELS,
  WORK_GROUP_EVENT_LABELS,
  type VendorsJoin,
} from "~/modules/groups/labels";
import { forbidden, requireUser } from "~/utils/auth.server";
import { formVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { formatDateTime } from "~/utils/format";
import { addWorkingDays } from "~/utils/working-days";
import { revalidateAfterConflict } from "~/utils/revalidate";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} — Groupes de travail — Passerelles` : "Groupe de travail — Passerelles" },
];

const RFC_STATUS: Record<string, string> = {
  EN_COURS: "En cours",
  ADOPTEE: "Adoptée (proposition)",
  RETIREE: "Retirée",
};

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const g = orRefusal(await getGroup(user, params.code ?? ""));
  const done = new URL(request.url).searchParams.get("fait");
  return {
    crumbs: groupCrumbs(user),
    done: isGroupEventType(done)
      ? GROUP_EVENT_DONE[done]
      : done === "lettre"
        ? "La lettre de mission est enregistrée."
        : done === "parametres"
          ? "Les paramètres du groupe sont enregistrés."
          : null,
    group: {
      code: g.code,
      name: g.name,
      kindLabel: GROUP_KIND_LABELS[g.kind],
      status: g.status,
      workflowVersion: g.workflowVersion,
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
        status: RFC_STATUS[r.status] ?? r.status,
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
  const group = orRefusal(await getGroup(user, code));
  if (!group.access.manage) throw forbidden("Seul le coordinateur de la CNSA peut faire cette démarche.");
  const form = await request.formData();
  const intent = intentOf(form);
  if (!isGroupEventType(intent)) unknownIntent();
  const version = formVersion(form);
  const result = version.ok ? await actOnGroup(user, code, intent, version.value) : version;
  if (!result.ok) return refused(result, { intent, message: result.message });
  return redirect(`/groupes/${code}?fait=${intent}`);
}

const EVENT_INTROS: Record<string, string> = {
  VALIDER_PILOTE: "Le pilote proposé devient le pilote du groupe ; il ne pourra plus être changé.",
  VALIDER:
    "La lettre de mission doit préciser le périmètre, le rôle de chaque organisation et au moins un livrable avec sa date de livraison et sa période de validation. Les membres et les listes de diffusion du groupe en sont informés.",
  ACTIVER: "Les travaux du groupe sont engagés ; ses membres en sont informés.",
  CLORE: "Le groupe ne tient plus de réunion et ne décide plus d'action ; ses documents restent consultables.",
};

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
        <section aria-labelledby="decisions-titre" className="fr-mb-4w">
          <h2 id="decisions-titre" className="fr-h4">
            Décisions de l'instance de pilotage
          </h2>
          {failed ? <FormError message={failed.message} /> : null}
          {g.events.includes("VALIDER") && g.problems.length > 0 ? (
            <div className="fr-callout fr-callout--orange-terre-battue fr-mb-2w">
              <h3 className="fr-callout__title fr-h6">Avant de valider le groupe</h3>
              <ul className="fr-callout__text fr-text--md">
                {g.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="fr-grid-row fr-grid-row--gutters">
            {g.events.map((type) => (
              <div className="fr-col-12 fr-col-md-6" key={type}>
                <Form
                  method="post"
                  action={`/groupes/${g.code}?index`}
                  className="fr-p-2w"
                  style={{ background: "var(--background-alt-grey)" }}
                >
                  <input type="hidden" name="version" value={g.workflowVersion} />
                  <p className="fr-text--sm">{EVENT_INTROS[type]}</p>
                  <button
                    className={`fr-btn${type === "CLORE" ? " fr-btn--secondary" : ""}`}
                    type="submit"
                    name="intent"
                    value={type}
                    disabled={busy}
                  >
                    {type === "VALIDER_PILOTE" && g.pilot
                      ? `Valider le pilote (${g.pilot.shortName})`
                      : WORK_GROUP_EVENT_LABELS[type]}
                  </button>
                </Form>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="resume-titre">
        <h2 id="resume-titre" className="fr-h4">
          Le groupe
        </h2>
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
      </section>

      <section aria-labelledby="lettre-titre" className="fr-mt-4w">
        <h2 id="lettre-titre" className="fr-h4">
          Lettre de mission
        </h2>
        {g.letterUpdatedAt ? (
          <p className="fr-text--sm">Dernière modification le {formatDateTime(g.letterUpdatedAt)}.</p>
        ) : null}
        <ul className="fr-badges-group fr-mb-2w" aria-label="Contenu exigé de la lettre de mission">
          {[
            { ok: g.completeness.perimeter, label: "Périmètre" },
            { ok: g.completeness.roles, label: "Rôle de chaque organisation" },
            { ok: g.completeness.deliverables, label: "Livrables datés" },
          ].map((c) => (
            <li key={c.label}>
              <span className={`fr-badge fr-badge--sm ${c.ok ? "fr-badge--success" : "fr-badge--warning"}`}>
                {c.label} : {c.ok ? "précisé" : "à préciser"}
              </span>
            </li>
          ))}
        </ul>
        <RichText html={g.letterHtml} empty="Le périmètre du groupe n'est pas encore rédigé." />

        <div className="fr-table fr-table--sm fr-mt-3w">
          <table>
            <caption>Organisations membres et leur rôle</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Rôle dans le groupe</th>
              </tr>
            </thead>
            <tbody>
              {g.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.name}{" "}
                    {m.isPilot ? (
                      <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Pilote</span>
                    ) : null}
                  </th>
                  <td>{m.role || <span className="fr-text--sm">Rôle à préciser</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <div className="fr-table fr-table--sm">
          <table>
            <caption>Livrables</caption>
            <thead>
              <tr>
                <th scope="col">Livrable</th>
                <th scope="col">Date de livraison</th>
                <th scope="col">Période de validation</th>
                <th scope="col">Fin de la validation</th>
              </tr>
            </thead>
            <tbody>
              {g.deliverables.length === 0 ? (
                <tr>
                  <td colSpan={4}>Aucun livrable n'est encore prévu.</td>
                </tr>
              ) : (
                g.deliverables.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.title}</th>
                    <td>{d.due}</td>
                    <td>{d.validationDays} jours ouvrés</td>
                    <td>{d.validationEnds}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="reunions-titre" className="fr-mt-4w">
        <h2 id="reunions-titre" className="fr-h4">
          Réunions
        </h2>
        {g.meetings.length === 0 ? (
          <p>Aucune réunion n'est encore enregistrée.</p>
        ) : (
          <ul>
            {g.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/groupes/${g.code}/reunions/${m.id}`}>Réunion du {formatDateTime(m.startsAt)}</Link> —{" "}
                {m.place} ({m.attendees} participant{m.attendees > 1 ? "s" : ""}
                {m.actions > 0
                  ? `, ${m.actions} action${m.actions > 1 ? "s" : ""} décidée${m.actions > 1 ? "s" : ""}`
                  : ""}
                )
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-titre" className="fr-mt-4w">
        <h2 id="actions-titre" className="fr-h4">
          Actions à engager
        </h2>
        {g.actions.length === 0 ? (
          <p>Aucune action n'est encore décidée. Les actions se décident en réunion.</p>
        ) : (
          <ActionTable groupCode={g.code} rows={g.actions} caption="Actions du groupe, par échéance" />
        )}
      </section>

      <section aria-labelledby="rfc-titre" className="fr-mt-4w">
        <h2 id="rfc-titre" className="fr-h4">
          Appels à commentaires (RFC)
        </h2>
        {g.canPilot && !g.closed ? (
          <p>
            <Link
              className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
              to={`/groupes/${g.code}/rfc/nouvelle`}
            >
              Rédiger une RFC
            </Link>
          </p>
        ) : null}
        {g.rfcs.length === 0 ? (
          <p>Le groupe n'a pas encore publié d'appel à commentaires.</p>
        ) : (
          <ul>
            {g.rfcs.map((r) => (
              <li key={r.id}>
                <Link to={`/rfc/${r.number}`}>
                  {r.number} — {r.title}
                </Link>{" "}
                ({r.status})
              </li>
            ))}
          </ul>
        )}
      </section>

      <Timeline items={g.timeline} title="Historique du groupe" />
    </>
  );
}
