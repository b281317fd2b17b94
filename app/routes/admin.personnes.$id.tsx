import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DetailItem } from "~/components/detail-item";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { ActionOutcome, ActivationSection, ChoiceField, PersonFields, RoleCheckboxes } from "~/components/admin-forms";
import { EditSection, useAdminAction, type AdminActionData } from "~/components/admin-record";
import { PersonStatusBadge } from "~/components/account-status";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { TextField } from "~/components/fields";
import { actionLabel } from "~/modules/journal/admin.server";
import { organisationChoices } from "~/modules/organisations/admin.server";
import {
  getPerson,
  personSchema,
  PERSON_STATUS_LABELS,
  resendPersonInvitation,
  setPersonActive,
  updatePerson,
} from "~/modules/people/admin.server";
import { requirePermission, requireUserWith, found } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can, grantableRoleOptions } from "~/utils/permissions";
import { ROLE_LABELS } from "~/utils/roles";
import { intentOf, outcomeOf, saveForm, throwIfNotFound, unknownIntent } from "~/utils/intent.server";
import { revalidateAfterConflict } from "~/utils/revalidate";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.person.firstName} ${data.person.lastName}` : "Personne"} — Administration — Passerelles` },
];

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "read:user");
  const person = found(await getPerson(params.id ?? ""), "Cette personne n'existe pas.");
  const canManage = can(user, "manage:user");
  const organisations = canManage ? await organisationChoices({ activeOnly: true }) : [];
  // A person of a deactivated organisation keeps it selectable, so that saving changes nothing else.
  if (canManage && !person.organisation.active)
    organisations.push({
      label: "Organisation désactivée",
      options: [{ value: person.organisation.id, label: `${person.organisation.name} — désactivée` }],
    });
  return {
    isSelf: user.id === person.id,
    canManage,
    canInvite: can(user, "invite:user"),
    organisations,
    roles: grantableRoleOptions(user),
    person: {
      ...person,
      statusLabel: PERSON_STATUS_LABELS[person.status],
      roleLabels: person.roles.map((role) => ROLE_LABELS[role]),
      history: person.history.map((entry) => ({ ...entry, actionLabel: actionLabel(entry.action) })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read:admin");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = intentOf(formData);
  switch (intent) {
    case "modifier": {
      requirePermission(user, "manage:user");
      const saved = await saveForm(formData, personSchema, (input) => updatePerson(user, id, input), {
        intent,
        roles: formData.getAll("roles").map(String),
      });
      if (!saved.ok) return saved.answer;
      return { intent, notice: "Modifications enregistrées." } satisfies AdminActionData;
    }
    case "desactiver":
    case "reactiver": {
      requirePermission(user, "manage:user");
      const result = throwIfNotFound(await setPersonActive(user, id, intent === "reactiver"));
      return outcomeOf("activation", result, ({ endedSessions }) =>
        intent === "reactiver"
          ? "Compte réactivé."
          : `Compte désactivé : la personne ne peut plus se connecter. ${endedSessions} session${endedSessions > 1 ? "s" : ""} fermée${endedSessions > 1 ? "s" : ""} immédiatement.`,
      );
    }
    case "renvoyer-invitation": {
      requirePermission(user, "invite:user");
      const result = throwIfNotFound(await resendPersonInvitation(user, id));
      return outcomeOf(
        intent,
        result,
        ({ email }) => `Invitation renvoyée à ${email}. Le lien précédent ne fonctionne plus.`,
      );
    }
    default:
      unknownIntent();
  }
}

export default function AdminPerson() {
  const { person: p, isSelf, canManage, canInvite, organisations, roles } = useLoaderData<typeof loader>();
  const { data, busy, edit } = useAdminAction();
  const typed = (key: "firstName" | "lastName" | "jobTitle" | "phone" | "organisationId", fallback: string | null) =>
    edit?.values ? (edit.values[key] ?? "") : (fallback ?? "");
  return (
    <>
      <Breadcrumb
        items={[ADMIN_CRUMB, { label: "Personnes", to: "/admin/personnes" }]}
        current={`${p.firstName} ${p.lastName}`}
      />
      <h1>
        {p.firstName} {p.lastName}
      </h1>
      <p className="fr-mb-3w">
        <PersonStatusBadge status={p.status} label={p.statusLabel} />
        {isSelf ? <span className="fr-badge fr-badge--info fr-badge--no-icon fr-ml-1w">Votre compte</span> : null}
      </p>

      <section aria-labelledby="titre-fiche">
        <h2 id="titre-fiche">Fiche</h2>
        <dl className="fr-grid-row">
          <DetailItem narrow label="Adresse électronique">
            {p.email}
          </DetailItem>
          <DetailItem narrow label="Organisation">
            <Link to={`/admin/organisations/${p.organisation.id}`}>{p.organisation.name}</Link>
            {p.organisation.active ? "" : " (désactivée)"}
          </DetailItem>
          <DetailItem narrow label="Fonction">
            {p.jobTitle ?? "—"}
          </DetailItem>
          <DetailItem narrow label="Téléphone">
            {p.phone ?? "—"}
          </DetailItem>
          <DetailItem narrow label="Rôles">
            {p.roleLabels.join(", ")}
          </DetailItem>
          <DetailItem narrow label="Double authentification">
            {p.totpEnabled ? "Activée" : "Non activée"}
          </DetailItem>
          <DetailItem narrow label="Sessions ouvertes">
            {p.openSessions}
          </DetailItem>
          <DetailItem narrow label="Dernière connexion">
            {p.lastSignInAt ? formatDateTime(p.lastSignInAt) : "Jamais"}
          </DetailItem>
          <DetailItem narrow label="Compte créé le">
            {formatDateTime(p.createdAt)}
          </DetailItem>
        </dl>
      </section>

      {p.status === "invitation" ? (
        <section className="fr-mt-4w" aria-labelledby="titre-invitation">
          <h2 id="titre-invitation">Invitation</h2>
          <ActionOutcome outcome={data?.intent === "renvoyer-invitation" ? data : undefined} />
          <p>
            {p.invitationQueued
              ? "Une invitation attend son envoi : son lien sera créé au moment où le courriel partira. Cette personne n'a pas encore choisi son mot de passe."
              : p.invitation
                ? p.invitation.expired
                  ? `Le lien envoyé le ${formatDateTime(p.invitation.sentAt)} n'est plus valable : cette personne n'a pas encore choisi son mot de passe.`
                  : `Lien envoyé le ${formatDateTime(p.invitation.sentAt)}, valable jusqu'au ${formatDateTime(p.invitation.expiresAt)}. Cette personne n'a pas encore choisi son mot de passe.`
                : "Cette personne n'a pas encore choisi son mot de passe."}
          </p>
          {canInvite ? (
            <Form method="post">
              <p className="fr-text--sm">
                Un nouveau lien, valable 7 jours, part par courriel ; le précédent cesse de fonctionner.
              </p>
              <button
                className="fr-btn fr-btn--secondary fr-icon-mail-line fr-btn--icon-left"
                type="submit"
                name="intent"
                value="renvoyer-invitation"
                disabled={busy}
              >
                Renvoyer l'invitation
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canManage ? (
        <EditSection edit={edit} busy={busy}>
          <PersonFields
            values={{
              firstName: typed("firstName", p.firstName),
              lastName: typed("lastName", p.lastName),
              jobTitle: typed("jobTitle", p.jobTitle),
            }}
            errors={edit?.errors}
            jobTitleHint="Facultatif, par exemple « Directrice »."
          />
          <TextField
            name="phone"
            label="Téléphone"
            hint="Facultatif, par exemple 01 23 45 67 89."
            type="tel"
            autoComplete="off"
            maxLength={30}
            defaultValue={typed("phone", p.phone)}
            error={edit?.errors?.phone}
          />
          <ChoiceField
            name="organisationId"
            label="Organisation"
            groups={organisations}
            emptyLabel="Sélectionnez une organisation"
            required
            defaultValue={typed("organisationId", p.organisation.id)}
            error={edit?.errors?.organisationId}
          />
          <RoleCheckboxes
            roles={roles}
            checked={edit?.roles ?? p.roles}
            error={edit?.errors?.roles}
            hint={
              isSelf
                ? "Au moins un rôle. Vous ne pouvez pas retirer votre propre rôle d'administrateur."
                : "Au moins un rôle."
            }
          />
        </EditSection>
      ) : null}

      {canManage ? (
        <ActivationSection
          active={p.active}
          noun="le compte"
          outcome={data?.intent === "activation" ? data : undefined}
          blocked={isSelf ? "Vous ne pouvez pas désactiver votre propre compte." : null}
          busy={busy}
          consequences={
            p.active ? (
              <>
                La personne ne pourra plus se connecter ; ses{" "}
                {p.openSessions > 0
                  ? `${p.openSessions} session${p.openSessions > 1 ? "s" : ""} ouverte${p.openSessions > 1 ? "s" : ""}`
                  : "sessions éventuelles"}{" "}
                et ses liens d'invitation ou de réinitialisation cessent de fonctionner immédiatement. Rien n'est
                supprimé.
              </>
            ) : (
              <>
                La personne pourra de nouveau se connecter
                {p.organisation.active ? "" : " une fois son organisation réactivée"}.
              </>
            )
          }
        />
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="titre-historique">
        <h2 id="titre-historique">Historique</h2>
        {p.history.length === 0 ? (
          <p>Aucune entrée du journal ne concerne cette personne.</p>
        ) : (
          <DataTable
            caption="Dernières entrées du journal d'audit concernant cette personne"
            columns={["Date", "Action", "Auteur"]}
            rows={p.history}
            hiddenCaption
            row={(entry) => (
              <tr key={entry.seq}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.actionLabel}</td>
                <td>{entry.actorLabel}</td>
              </tr>
            )}
          />
        )}
        <p>
          <Link className="fr-link" to={`/admin/journal?type=Utilisateur&id=${p.id}`}>
            Tout le journal de cette personne
          </Link>
        </p>
      </section>
    </>
  );
}
