import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { OrganisationFields } from "~/components/admin-forms";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { FormOutcome, SubmitOrCancel } from "~/components/fields";
import {
  createOrganisation,
  organisationCreateSchema,
  organisationFormChoices,
} from "~/modules/organisations/admin.server";
import { requireUserWith } from "~/utils/auth.server";
import { formValues, parseForm } from "~/utils/forms";
import { refused } from "~/utils/intent.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [{ title: "Créer une organisation — Administration — Passerelles" }];

async function requireManager(request: Request) {
  const user = await requireUserWith(request, "read:admin", "manage:organisation");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  return { choices: await organisationFormChoices() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireManager(request);
  const formData = await request.formData();
  // The organisation's code is no secret: kept on the page, although formValues drops any "code" field.
  const values = { ...formValues(formData), code: String(formData.get("code") ?? "") };
  const parsed = parseForm(organisationCreateSchema, formData);
  if (!parsed.ok) return refused({ code: "INVALIDE" }, { errors: parsed.errors, values });
  const result = await createOrganisation(user, parsed.data);
  if (!result.ok) return refused(result, { errors: result.errors, values });
  return redirect(`/admin/organisations/${result.value.id}?message=creee`);
}

export default function NewOrganisation() {
  const { data, answer, busy } = useFormPage<typeof loader, typeof action>();
  const { choices } = data;
  return (
    <>
      <Breadcrumb
        items={[ADMIN_CRUMB, { label: "Organisations", to: "/admin/organisations" }]}
        current="Nouvelle organisation"
      />
      <h1>Créer une organisation</h1>
      <p>Le type, le nom, le nom court et le code sont obligatoires ; les autres champs sont facultatifs.</p>
      <div className="fr-col-12 fr-col-md-8">
        <FormOutcome errors={answer?.errors} />
        <Form method="post" noValidate>
          <OrganisationFields values={answer?.values ?? {}} errors={answer?.errors} choices={choices} askCode />
          <SubmitOrCancel
            label="Créer l'organisation"
            busy={busy}
            cancelTo="/admin/organisations"
            className="fr-mt-2w"
          />
        </Form>
      </div>
    </>
  );
}
