import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, TextField } from "~/components/fields";
import { RichTextEditor } from "~/components/rich-text-editor";
import type { RichTextDocument } from "~/modules/richtext/document";
import { readRichText } from "~/modules/richtext/form.server";

import { TEXT_MAX, TITLE_MAX } from "~/modules/rfc/labels";
import { createRfc, groupForNewRfc } from "~/modules/rfc/rfc-commands.server";
import { requireUser } from "~/utils/auth.server";
import type { FieldErrors } from "~/utils/forms";
import { orRefusal, refused } from "~/utils/intent.server";
import { refusal, FIX_FIELDS } from "~/utils/result";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Nouvelle RFC — ${data.group.name} — Passerelles` : "Nouvelle RFC — Passerelles" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const group = orRefusal(await groupForNewRfc(user, params.code ?? ""));
  return { group: { code: group.code, name: group.name } };
}

type ActionData = { message?: string; errors: FieldErrors; title: string; document: RichTextDocument | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = params.code ?? "";
  orRefusal(await groupForNewRfc(user, code));
  const form = await request.formData();
  const title = String(form.get("title") ?? "");
  const text = readRichText(form, "content", {
    required: true,
    label: "le texte de la version 1",
    maxLength: TEXT_MAX,
  });
  const errors: FieldErrors = {};
  if (!text.ok) errors.content = text.error;
  if (title.trim().length < 3) errors.title = "Saisissez le titre de la RFC (3 caractères au moins).";
  // 422 with what was typed: the page shows the messages beside the fields it keeps.
  if (!text.ok || Object.keys(errors).length > 0)
    return refused(refusal("INVALIDE", FIX_FIELDS), {
      message: FIX_FIELDS,
      errors,
      title,
      document: text.document,
    } satisfies ActionData);
  const created = await createRfc(user, code, { title, document: text.document });
  if (!created.ok)
    return refused(created, {
      message: created.message,
      errors: created.field ? { [created.field]: created.message } : {},
      title,
      document: text.document,
    } satisfies ActionData);
  return redirect(`/rfc/${created.value.number}/v/1?fait=creation`);
}

export default function NewRfc() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { group } = data;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Groupes de travail", to: "/groupes" },
          { label: group.name, to: `/groupes/${group.code}` },
        ]}
        current="Nouvelle RFC"
      />
      <h1>Nouvelle RFC — {group.name}</h1>
      <p>
        La RFC reçoit un numéro (RFC-année-numéro) à l'enregistrement. Sa version 1 reste un brouillon modifiable
        jusqu'à son ouverture aux commentaires ; elle est ensuite figée, pour que chaque commentaire reste attaché au
        texte commenté.
      </p>
      <FormError message={failed?.message} />
      <Form method="post" noValidate>
        <TextField
          name="title"
          label="Titre"
          hint="Par exemple : Format d'échange du formulaire de demande."
          required
          maxLength={TITLE_MAX}
          defaultValue={failed?.title}
          error={failed?.errors.title}
        />
        <RichTextEditor
          name="content"
          label="Texte de la version 1"
          hint="Le document soumis aux commentaires : spécification de flux, format, protocole…"
          initialDocument={failed?.document ?? null}
          error={failed?.errors.content}
          required
        />
        <button className="fr-btn fr-mt-3w" type="submit" disabled={busy}>
          Créer la RFC
        </button>
      </Form>
    </>
  );
}
