import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, TextField } from "~/components/fields";
import { GroupSettingsFields, HintedRadios, hintedOptions } from "~/components/group-fields";
import { createGroupSchema, refusedGroupForm } from "~/modules/groups/forms.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { groupOrganisationChoices } from "~/modules/groups/group-queries.server";
import { GROUP_KINDS, GROUP_KIND_HINTS, GROUP_KIND_LABELS } from "~/modules/groups/labels";
import { requireUserWith } from "~/utils/auth.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { useFormPage } from "~/utils/form-page";
import { invalidFields } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "Créer un groupe de travail — Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "manage:group");
  return { organisations: await groupOrganisationChoices() };
}

type ActionData = { message?: string; errors: FieldErrors; values: Record<string, string | string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "manage:group");
  const form = await request.formData();
  const parsed = parseForm(createGroupSchema, form);
  if (!parsed.ok) return refusedGroupForm(invalidFields(parsed.errors), form);
  const result = await createGroup(user, parsed.data);
  if (!result.ok) return refusedGroupForm(result, form);
  return redirect(`/cnsa/groupes?cree=${result.value.code}`);
}

export default function NewGroup() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { organisations } = data;
  const values = failed?.values ?? {
    distributionLists: ["MEMBRES", "MDPH", "ADF", "SI_CD"],
    vendorsJoin: "OUVERTURE_RFC",
    kind: "FONCTIONNEL",
  };
  const errors = failed?.errors ?? {};
  const text = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Coordination CNSA", to: "/cnsa" },
          { label: "Groupes de travail", to: "/cnsa/groupes" },
        ]}
        current="Créer un groupe"
      />
      <h1>Créer un groupe de travail</h1>
      <p>
        Le groupe naît « proposé », avec son pilote « à valider ». Le pilote rédige ensuite la lettre de mission :
        périmètre, rôle de chaque organisation, livrables avec leurs dates de livraison et leurs périodes de validation.
      </p>
      <FormError message={failed?.message} />
      <Form method="post" noValidate>
        <GroupSettingsFields
          values={values}
          errors={errors}
          organisations={organisations}
          hints={{
            name: "Par exemple « Sphère emploi ».",
            members: "Cochez chaque organisation qui participe au groupe.",
            letterDueOn: "Au-delà, le groupe apparaît « en retard » tant qu'il n'est pas validé.",
          }}
        >
          <TextField
            name="code"
            label="Code du groupe"
            hint="Sert dans l'adresse de ses pages et ne change plus : lettres minuscules sans accent, chiffres et tirets, par exemple « sphere-emploi »."
            required
            maxLength={60}
            defaultValue={text("code")}
            error={errors.code}
          />
          <HintedRadios
            name="kind"
            idPrefix="type"
            legend="Type de groupe"
            options={hintedOptions(GROUP_KINDS, GROUP_KIND_LABELS, GROUP_KIND_HINTS)}
            value={text("kind")}
            error={errors.kind}
          />
        </GroupSettingsFields>
        <button className="fr-btn" type="submit" disabled={busy}>
          Créer le groupe
        </button>
      </Form>
    </>
  );
}
