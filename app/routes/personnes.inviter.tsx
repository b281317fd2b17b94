import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { ChoiceField, PersonFields, RoleCheckboxes } from "~/components/admin-forms";
import { EmailField, FormError } from "~/components/fields";
import { invitePerson } from "~/modules/auth/account.server";
import { organisationChoices } from "~/modules/organisations/admin.server";
import { invitationSchema } from "~/modules/people/admin.server";
import { requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formValues, parseForm } from "~/utils/forms";
import { refused } from "~/utils/intent.server";
import { can, grantableRoleOptions } from "~/utils/permissions";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [{ title: "Inviter une personne — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "invite:user");
  const organisations = await organisationChoices({ activeOnly: true });
  const wanted = new URL(request.url).searchParams.get("organisation");
  return {
    organisations,
    // Only an administrator sees, and may grant, the administrator role.
    roles: grantableRoleOptions(user),
    organisationId: wanted && organisations.some((g) => g.options.some((o) => o.value === wanted)) ? wanted : "",
    canSeePeople: can(user, "read:admin") && can(user, "read:user"),
  };
}

type ActionData =
  | { sent: string; userId: string; at: number }
  | { sent?: undefined; errors: Record<string, string>; values: Record<string, string>; roles: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "invite:user");
  const formData = await request.formData();
  const roles = formData.getAll("roles").map(String);
  const parsed = parseForm(invitationSchema, formData);
  if (!parsed.ok)
    return refused({ code: "INVALIDE" }, { errors: parsed.errors, values: parsed.values, roles } satisfies ActionData);
  const result = await invitePerson(user, parsed.data);
  if (!result.ok)
    return refused({ code: "REFUSE" }, {
      errors: { [result.field]: result.message },
      values: formValues(formData),
      roles,
    } satisfies ActionData);
  return { sent: parsed.data.email.toLowerCase(), userId: result.userId, at: now().getTime() } satisfies ActionData;
}

export default function InvitePerson() {
  const { data, answer, busy } = useFormPage<typeof loader, ActionData>();
  const { organisations, roles, organisationId, canSeePeople } = data;
  const failed = answer && "errors" in answer ? answer : undefined;
  const values = failed?.values ?? {};
  return (
    <>
      <h1>Inviter une personne</h1>
      <p>
        La personne reçoit par courriel un lien personnel, valable 7 jours, pour choisir son mot de passe et activer son
        compte.
      </p>
      {answer?.sent ? (
        <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
          <h2 className="fr-alert__title">Invitation envoyée à {answer.sent}</h2>
          <p>
            Le lien d'activation part par courriel ; il n'est affiché nulle part ailleurs.{" "}
            {canSeePeople ? <Link to={`/admin/personnes/${answer.userId}`}>Voir la fiche de la personne</Link> : null}
          </p>
        </div>
      ) : null}
      <div className="fr-col-12 fr-col-md-8">
        <FormError
          message={failed ? "L'invitation n'est pas partie : corrigez les champs signalés ci-dessous." : null}
        />
        {/* A new key after each invitation empties the form for the next one. */}
        <Form method="post" noValidate key={answer?.sent ? answer.at : "formulaire"}>
          <EmailField
            name="email"
            autoComplete="off"
            maxLength={254}
            defaultValue={values.email}
            error={failed?.errors.email}
          />
          <PersonFields
            values={values}
            errors={failed?.errors}
            jobTitleHint="Facultatif, par exemple « Directrice » ou « Chargé d'études »."
          />
          <ChoiceField
            name="organisationId"
            label="Organisation"
            hint="Les organisations sont regroupées par type."
            groups={organisations}
            emptyLabel="Sélectionnez une organisation"
            required
            defaultValue={values.organisationId ?? organisationId}
            error={failed?.errors.organisationId}
          />
          <RoleCheckboxes
            roles={roles}
            checked={failed?.roles ?? []}
            error={failed?.errors.roles}
            hint="Cochez au moins un rôle ; une personne peut en cumuler plusieurs."
          />
          <button className="fr-btn fr-icon-send-plane-line fr-btn--icon-left" type="submit" disabled={busy}>
            Envoyer l'invitation
          </button>
        </Form>
      </div>
    </>
  );
}
