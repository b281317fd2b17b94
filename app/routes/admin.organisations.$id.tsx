import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DetailItem } from "~/components/detail-item";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { ActionOutcome, ActivationSection, OrganisationFields } from "~/components/admin-forms";
import { EditSection, useAdminAction, type AdminActionData } from "~/components/admin-record";
import { OrganisationActiveBadge } from "~/components/account-status";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { Notice, RadioField } from "~/components/fields";
import {
  assignOpalesCentre,
  DEPARTEMENTAL_KINDS,
  getOrganisation,
  organisationFormChoices,
  organisationUpdateSchema,
  setOrganisationActive,
  updateOrganisation,
} from "~/modules/organisations/admin.server";
import { OPALES_CENTRE_VOCABULARY } from "~/modules/reprise/rules";
import type { OrganisationKind } from "~/modules/organisations/kinds";
import { requireUserWith, found } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { ROLE_LABELS, isRole } from "~/utils/roles";
import { intentOf, outcomeOf, refused, saveForm, throwIfNotFound, unknownIntent } from "~/utils/intent.server";
import { revalidateAfterConflict } from "~/utils/revalidate";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} — Administration — Passerelles` },
];

const MESSAGES: Record<string, string> = { creee: "Organisation créée." };

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "read:organisation");
  const organisation = found(await getOrganisation(params.id ?? ""), "Cette organisation n'existe pas.");
  const canManage = can(user, "manage:organisation");
  const message = new URL(request.url).searchParams.get("message");
  return {
    canManage,
    ownOrganisation: user.organisationId === organisation.id,
    notice: message ? (MESSAGES[message] ?? null) : null,
    choices: canManage ? await organisationFormChoices(organisation.id) : null,
    centres: OPALES_CENTRE_VOCABULARY.options(),
    organisation: {
      id: organisation.id,
      code: organisation.code,
      kind: organisation.kind,
      kindLabel: organisation.kindLabel,
      name: organisation.name,
      shortName: organisation.shortName,
      email: organisation.email,
      finessJuridique: organisation.finessJuridique,
      finessGeographique: organisation.finessGeographique,
      active: organisation.active,
      departementCode: organisation.departementCode,
      departementName: organisation.departement?.name ?? null,
      regionCode: organisation.regionCode,
      regionName: organisation.region?.name ?? null,
      parent: organisation.parent,
      parentId: organisation.parentId,
      children: organisation.children,
      departemental: DEPARTEMENTAL_KINDS.includes(organisation.kind as OrganisationKind),
      opales: organisation.opales
        ? {
            ...organisation.opales,
            centreLabel: organisation.opales.centre
              ? OPALES_CENTRE_VOCABULARY.labels[organisation.opales.centre]
              : null,
          }
        : null,
      users: organisation.users.map((u) => ({
        ...u,
        roleLabels: u.roles.filter(isRole).map((r) => ROLE_LABELS[r]),
        statusLabel: !u.active ? "Désactivé" : u.invitationPending ? "Invitation en attente" : "Compte actif",
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "manage:organisation");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = intentOf(formData);
  switch (intent) {
    case "modifier": {
      const saved = await saveForm(formData, organisationUpdateSchema, (input) => updateOrganisation(user, id, input), {
        intent,
      });
      if (!saved.ok) return saved.answer;
      return { intent, notice: "Modifications enregistrées." } satisfies AdminActionData;
    }
    case "desactiver":
    case "reactiver": {
      const result = throwIfNotFound(await setOrganisationActive(user, id, intent === "reactiver"));
      return outcomeOf("activation", result, ({ endedSessions }) =>
        intent === "reactiver"
          ? "Organisation réactivée : ses membres actifs peuvent de nouveau se connecter."
          : `Organisation désactivée : ses membres ne peuvent plus se connecter. ${endedSessions} session${endedSessions > 1 ? "s" : ""} fermée${endedSessions > 1 ? "s" : ""}.`,
      );
    }
    case "centre-opales": {
      const organisation = found(await getOrganisation(id), "Cette organisation n'existe pas.");
      if (!organisation.departementCode)
        return refused({ code: "REFUSE" }, {
          intent,
          message: "Cette organisation n'est rattachée à aucun département.",
        } satisfies AdminActionData);
      const result = await assignOpalesCentre(user, organisation.departementCode, String(formData.get("centre") ?? ""));
      return outcomeOf(intent, result, () => "Centre d'exploitation OPALES enregistré.");
    }
    default:
      unknownIntent();
  }
}

export default function AdminOrganisation() {
  const { organisation: o, canManage, ownOrganisation, notice, choices, centres } = useLoaderData<typeof loader>();
  const { data, busy, edit } = useAdminAction();
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB, { label: "Organisations", to: "/admin/organisations" }]} current={o.shortName} />
      <h1>{o.name}</h1>
      <ul className="fr-badges-group fr-mb-3w">
        <li>
          <p className="fr-badge fr-badge--info fr-badge--no-icon">{o.kindLabel}</p>
        </li>
        <li>
          <OrganisationActiveBadge active={o.active} />
        </li>
      </ul>
      <Notice message={notice} />

      <section aria-labelledby="titre-fiche">
        <h2 id="titre-fiche">Fiche</h2>
        <dl className="fr-grid-row">
          <DetailItem label="Code">
            <code>{o.code}</code>
          </DetailItem>
          <DetailItem label="Nom court">{o.shortName}</DetailItem>
          <DetailItem label="Département">
            {o.departementCode ? `${o.departementCode} — ${o.departementName}` : "—"}
          </DetailItem>
          {o.regionName ? <DetailItem label="Région">{o.regionName}</DetailItem> : null}
          <DetailItem label="Rattachée à">
            {o.parent ? <Link to={`/admin/organisations/${o.parent.id}`}>{o.parent.name}</Link> : "—"}
          </DetailItem>
          <DetailItem label="Adresse fonctionnelle">{o.email ?? "—"}</DetailItem>
          {o.kind === "ESSMS" || o.finessJuridique || o.finessGeographique ? (
            <DetailItem label="FINESS juridique / géographique">
              {o.finessJuridique ?? "—"} / {o.finessGeographique ?? "—"}
            </DetailItem>
          ) : null}
          {o.children.length > 0 ? (
            <DetailItem label="Organisations rattachées">
              <ul className="fr-mb-0">
                {o.children.map((child) => (
                  <li key={child.id}>
                    <Link to={`/admin/organisations/${child.id}`}>{child.name}</Link>
                    {child.active ? "" : " (désactivée)"}
                  </li>
                ))}
              </ul>
            </DetailItem>
          ) : null}
        </dl>
      </section>

      {o.departemental && o.opales ? (
        <section className="fr-mt-4w" aria-labelledby="centre-opales">
          <h2 id="centre-opales">Centre d'exploitation OPALES du département</h2>
          <ActionOutcome outcome={data?.intent === "centre-opales" ? data : undefined} />
          {o.opales.centreLabel ? (
            <p>
              Les bases OPALES du département {o.departementCode} sont exploitées par le{" "}
              <strong>centre de {o.opales.centreLabel}</strong>
              {o.opales.sourceLabel
                ? ` (circulaire : « ${o.opales.sourceLabel} »).`
                : " (choisi par un administrateur, la circulaire ne citant pas ce département)."}
            </p>
          ) : (
            <div className="fr-alert fr-alert--warning fr-mb-2w">
              <h3 className="fr-alert__title">Aucun centre d'exploitation</h3>
              <p>
                La circulaire ne rattache pas ce département à un centre OPALES. Choisissez-le avant le premier envoi
                des demandes de reprise OPALES du département.
              </p>
            </div>
          )}
          {o.opales.assignable && canManage ? (
            <Form method="post" className="fr-col-12 fr-col-md-8">
              <input type="hidden" name="intent" value="centre-opales" />
              <RadioField
                id="centre"
                name="centre"
                legend={`Centre d'exploitation qui héberge les bases OPALES du département ${o.departementCode}`}
                options={centres}
                defaultValue={o.opales?.centre}
                inline
                required
              />
              <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
                Enregistrer le centre
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canManage && choices ? (
        <EditSection edit={edit} busy={busy}>
          <OrganisationFields values={edit?.values ?? o} errors={edit?.errors} choices={choices} askCode={false} />
        </EditSection>
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="titre-personnes">
        <h2 id="titre-personnes">Personnes</h2>
        {o.users.length === 0 ? (
          <p>Personne n'appartient encore à cette organisation.</p>
        ) : (
          <DataTable
            caption={`Personnes de l'organisation (${o.users.length})`}
            columns={["Nom", "Adresse électronique", "Fonction", "Rôles", "Compte"]}
            rows={o.users}
            hiddenCaption
            row={(u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/personnes/${u.id}`}>
                    {u.firstName} {u.lastName}
                  </Link>
                </td>
                <td>{u.email}</td>
                <td>{u.jobTitle ?? "—"}</td>
                <td>{u.roleLabels.join(", ")}</td>
                <td>{u.statusLabel}</td>
              </tr>
            )}
          />
        )}
        <p>
          <Link className="fr-link" to={`/admin/personnes?organisation=${o.id}`}>
            Filtrer la liste des personnes sur cette organisation
          </Link>
          {o.active ? (
            <>
              {" · "}
              <Link className="fr-link" to={`/personnes/inviter?organisation=${o.id}`}>
                Inviter une personne dans cette organisation
              </Link>
            </>
          ) : null}
        </p>
      </section>

      {canManage ? (
        <ActivationSection
          active={o.active}
          noun="l'organisation"
          outcome={data?.intent === "activation" ? data : undefined}
          blocked={
            ownOrganisation && o.active
              ? "Vous appartenez à cette organisation : vous ne pouvez pas la désactiver vous-même."
              : null
          }
          busy={busy}
          consequences={
            o.active
              ? "Ses membres ne pourront plus se connecter et leurs sessions ouvertes seront fermées immédiatement. Rien n'est supprimé : l'organisation peut être réactivée."
              : "Ses membres dont le compte est actif pourront de nouveau se connecter."
          }
        />
      ) : null}
    </>
  );
}
