import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError } from "~/components/fields";
import { GroupSettingsFields } from "~/components/group-fields";
import { groupSettingsSchema, refusedGroupForm } from "~/modules/groups/forms.server";
import { updateGroupSettings } from "~/modules/groups/group-commands.server";
import { groupPage } from "~/modules/groups/pages.server";
import { getGroup, groupOrganisationChoices } from "~/modules/groups/group-queries.server";
import { GROUP_KIND_LABELS } from "~/modules/groups/labels";
import { requireUser } from "~/utils/auth.server";
import { formRowVersion, orRefusal } from "~/utils/intent.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { useFormPage } from "~/utils/form-page";
import { invalidFields } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Paramètres — ${data.name} — Passerelles` : "Paramètres du groupe — Passerelles" },
];

const COORDINATOR_ONLY = "Seul le coordinateur de la CNSA modifie les paramètres d'un groupe.";

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { group, header } = orRefusal(await groupPage(user, params.code ?? "", "manage", COORDINATOR_ONLY));
  return {
    ...header,
    kindLabel: GROUP_KIND_LABELS[group.kind],
    rowVersion: group.rowVersion,
    pilotValidated: group.context.pilotValidated,
    organisations: await groupOrganisationChoices(),
    values: {
      name: group.name,
      memberOrganisationIds: group.members.map((m) => m.id),
      pilotOrganisationId: group.pilot?.id ?? "",
      letterDueOn: group.letterDueOn ?? "",
      distributionLists: group.distributionLists as string[],
      vendorsJoin: group.vendorsJoin,
    } as Record<string, string | string[]>,
  };
}

type ActionData = { message?: string; errors: FieldErrors; values: Record<string, string | string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  const user = await requireUser(request);
  orRefusal(await getGroup(user, code, "manage", COORDINATOR_ONLY));
  const form = await request.formData();
  const rowVersion = formRowVersion(form);
  if (!rowVersion.ok) return refusedGroupForm(rowVersion, form);
  const parsed = parseForm(groupSettingsSchema, form);
  if (!parsed.ok) return refusedGroupForm(invalidFields(parsed.errors), form);
  const result = await updateGroupSettings(user, code, parsed.data, rowVersion.value);
  if (!result.ok) return refusedGroupForm(result, form);
  return redirect(`/groupes/${code}?fait=parametres`);
}

export default function GroupSettings() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const values = failed?.values ?? data.values;
  const errors = failed?.errors ?? {};
  return (
    <>
      <Breadcrumb items={[...data.crumbs, { label: data.name, to: `/groupes/${data.code}` }]} current="Paramètres" />
      <h1>Paramètres du groupe — {data.name}</h1>
      <p>
        {data.kindLabel}, code « {data.code} » (le type et le code ne changent pas).
      </p>
      <FormError message={failed?.message} />
      <Form method="post" noValidate>
        <input type="hidden" name="rowVersion" value={data.rowVersion} />
        <GroupSettingsFields
          values={values}
          errors={errors}
          organisations={data.organisations}
          hints={{
            members:
              "Une organisation qui porte encore des actions ouvertes du groupe ne peut pas en être retirée. Retirer une organisation efface son rôle dans la lettre de mission.",
            pilot: data.pilotValidated
              ? "Le pilote a été validé : il ne peut plus être changé."
              : "Il reste « à valider » jusqu'à ce que le coordinateur le valide. Il fait partie des membres du groupe.",
          }}
        />
        <button className="fr-btn" type="submit" disabled={busy}>
          Enregistrer les paramètres
        </button>
      </Form>
    </>
  );
}
