import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError } from "~/components/fields";
import { wiredFields } from "~/components/segur/pilot-forms";
import { PilotSettingsFields, type PilotFormValues } from "~/components/segur/pilot-settings-fields";
import { createPilot, createPilotSchema, PILOT_SETTINGS_LISTS } from "~/modules/segur/pilot-settings.server";
import { pilotSettingsChoices } from "~/modules/segur/queries/pilot-settings.server";
import { requireUserWith } from "~/utils/auth.server";
import { useFormPage } from "~/utils/form-page";
import { typedValues, type FieldErrors } from "~/utils/forms";
import { saveForm } from "~/utils/intent.server";
import { FIX_FIELDS } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "Créer un pilote Ségur — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "coordinate:segur");
  return { choices: await pilotSettingsChoices() };
}

type ActionData = { message?: string; errors?: FieldErrors; values: PilotFormValues };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "coordinate:segur");
  const form = await request.formData();
  const saved = await saveForm(
    form,
    createPilotSchema,
    (input) => createPilot(user, input),
    {},
    typedValues(form, PILOT_SETTINGS_LISTS),
  );
  return saved.ok ? redirect(`/segur/pilotes/${saved.value.code}/fiche?fait=CREE`) : saved.answer;
}

export default function NewPilot() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const values = failed?.values ?? { sector: "PROTECTION_ENFANCE", establishmentIds: [], counterpartIds: [] };
  const errors = failed?.errors ?? {};
  const code = wiredFields("champ", { values, errors });
  return (
    <>
      <Breadcrumb items={[{ label: "Pilotes Ségur", to: "/segur/pilotes" }]} current="Créer un pilote" />
      <h1>Créer un pilote Ségur</h1>
      <p className="fr-text--lead">
        Un pilote associe un ou plusieurs établissements à un éditeur et à son logiciel, sur un territoire et une
        période. Ses établissements (FINESS), ses contacts et ses prérequis se renseignent ensuite sur sa fiche.
      </p>
      <FormError message={failed ? (failed.message ?? FIX_FIELDS) : null} />
      <Form method="post" noValidate>
        <PilotSettingsFields choices={data.choices} values={values} errors={errors}>
          {code.text("code", "Code du pilote", {
            required: true,
            hint: "Sert dans l'adresse de ses pages et ne change plus : lettres minuscules sans accent, chiffres et tirets, par exemple « pe-chanteclair ».",
          })}
        </PilotSettingsFields>
        <button className="fr-btn" type="submit" disabled={busy}>
          Créer le pilote
        </button>
      </Form>
    </>
  );
}
