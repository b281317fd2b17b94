import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, TextField } from "~/components/fields";
import {
  DistributionListFields,
  OrganisationCheckboxes,
  PilotField,
  VendorsJoinField,
} from "~/components/group-fields";
import { createGroupSchema } from "~/modules/groups/forms.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { groupOrganisationChoices } from "~/modules/groups/group-queries.server";
import { GROUP_KINDS, GROUP_KIND_HINTS, GROUP_KIND_LABELS } from "~/modules/groups/labels";
import { requireUserWith } from "~/utils/auth.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { refused } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Créer un groupe de travail — Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "manage:group");
  return { organisations: await groupOrganisationChoices() };
}

type ActionData = { message?: string; errors: FieldErrors; values: Record<string, string | string[]> };

/** What was typed, with the checkbox groups as lists, to show the form again. */
function typed(form: FormData) {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys()))
    values[key] = ["memberOrganisationIds", "distributionLists"].includes(key)
      ? form.getAll(key).map(String)
      : String(form.get(key));
  return values;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "manage:group");
  const form = await request.formData();
  const parsed = parseForm(createGroupSchema, form);
  if (!parsed.ok)
    return refused({ code: "INVALIDE" }, {
      message: "Rien n'a été enregistré : corrigez les champs signalés.",
      errors: parsed.errors,
      values: typed(form),
    } satisfies ActionData);
  const result = await createGroup(user, parsed.data);
  if (!result.ok)
    return refused(result, {
      message: result.message,
      errors: result.errors ?? {},
      values: typed(form),
    } satisfies ActionData);
  return redirect(`/cnsa/groupes?cree=${result.value.code}`);
}

export default function NewGroup() {
  const { organisations } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const values = failed?.values ?? {
    distributionLists: ["MEMBRES", "MDPH", "ADF", "SI_CD"],
    vendorsJoin: "OUVERTURE_RFC",
    kind: "FONCTIONNEL",
  };
  const errors = failed?.errors ?? {};
  const text = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const list = (key: string) =>
    Array.isArray(values[key])
      ? (values[key] as string[])
      : typeof values[key] === "string"
        ? [values[key] as string]
        : [];
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
        <TextField
          name="name"
          label="Nom du groupe"
          hint="Par exemple « Sphère emploi »."
          required
          maxLength={200}
          defaultValue={text("name")}
          error={errors.name}
        />
        <TextField
          name="code"
          label="Code du groupe"
          hint="Sert dans l'adresse de ses pages et ne change plus : lettres minuscules sans accent, chiffres et tirets, par exemple « sphere-emploi »."
          required
          maxLength={60}
          defaultValue={text("code")}
          error={errors.code}
        />
        <fieldset
          className={`fr-fieldset${errors.kind ? " fr-fieldset--error" : ""}`}
          id="champ-kind"
          aria-labelledby={`type-legende${errors.kind ? " type-erreur" : ""}`}
        >
          <legend className="fr-fieldset__legend" id="type-legende">
            Type de groupe
          </legend>
          {GROUP_KINDS.map((kind) => (
            <div className="fr-fieldset__element" key={kind}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  name="kind"
                  id={`type-${kind}`}
                  value={kind}
                  defaultChecked={text("kind") === kind}
                />
                <label className="fr-label" htmlFor={`type-${kind}`}>
                  {GROUP_KIND_LABELS[kind]}
                  <span className="fr-hint-text">{GROUP_KIND_HINTS[kind]}</span>
                </label>
              </div>
            </div>
          ))}
          {errors.kind ? (
            <div className="fr-messages-group" id="type-erreur" aria-live="polite">
              <p className="fr-message fr-message--error">{errors.kind}</p>
            </div>
          ) : null}
        </fieldset>
        <OrganisationCheckboxes
          name="memberOrganisationIds"
          legend="Organisations membres"
          hint="Cochez chaque organisation qui participe au groupe."
          groups={organisations}
          checked={list("memberOrganisationIds")}
          error={errors.memberOrganisationIds}
        />
        <PilotField
          groups={organisations}
          defaultValue={text("pilotOrganisationId")}
          error={errors.pilotOrganisationId}
        />
        <TextField
          name="letterDueOn"
          type="date"
          label="Lettre de mission attendue au plus tard le (facultatif)"
          hint="Au-delà, le groupe apparaît « en retard » tant qu'il n'est pas validé."
          defaultValue={text("letterDueOn")}
          error={errors.letterDueOn}
        />
        <DistributionListFields checked={list("distributionLists")} error={errors.distributionLists} />
        <VendorsJoinField value={text("vendorsJoin")} error={errors.vendorsJoin} />
        <button className="fr-btn" type="submit" disabled={busy}>
          Créer le groupe
        </button>
      </Form>
    </>
  );
}
