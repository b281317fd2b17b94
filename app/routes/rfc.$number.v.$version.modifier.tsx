import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, Notice, SubmitOrCancel, TextAreaField, TextField } from "~/components/fields";
import { RichTextEditor } from "~/components/rich-text-editor";
import { RFC_CRUMB } from "~/components/rfc-fields";
import type { RichTextDocument } from "~/modules/richtext/document";
import { readRichText } from "~/modules/richtext/form.server";

import { CONCLUSION_MAX, TEXT_MAX, TITLE_MAX } from "~/modules/rfc/labels";
import { pilotOnly } from "~/modules/rfc/policy.server";
import { versionView } from "~/modules/rfc/read-models.server";
import { DRAFT_PILOT_ONLY, updateDraft } from "~/modules/rfc/rfc-commands.server";
import { requireUser } from "~/utils/auth.server";
import type { FieldErrors } from "~/utils/forms";
import { orRefusal, refused } from "~/utils/intent.server";
import { refusal, FIX_FIELDS } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Modifier la version ${data.version.number} — ${data.rfc.number} — Passerelles`
      : "Modifier une version — Passerelles",
  },
];

async function draftOf(request: Request, params: { number?: string; version?: string }) {
  const user = await requireUser(request);
  // A version number that is not one answers 404 like a version that does not exist.
  const versionNumber = Number(params.version);
  const view = orRefusal(await versionView(user, params.number ?? "", versionNumber));
  orRefusal(pilotOnly(view.access, DRAFT_PILOT_ONLY));
  return { user, view, versionNumber };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await draftOf(request, params);
  const frozen = view.version.status !== "brouillon";
  if (frozen) throw redirect(`/rfc/${view.rfc.number}/v/${view.version.number}`);
  return {
    rfc: { number: view.rfc.number, title: view.rfc.title },
    version: { number: view.version.number, updatedAt: view.version.updatedAt, changeNote: view.version.changeNote },
    document: view.version.document as RichTextDocument,
    done:
      new URL(request.url).searchParams.get("fait") === "nouvelle-version"
        ? `Le cycle est conclu : la version ${view.version.number} est créée en brouillon, copie de la précédente. Modifiez-la, puis ouvrez-la aux commentaires.`
        : null,
  };
}

type ActionData = {
  message?: string;
  errors: FieldErrors;
  title: string;
  changeNote: string;
  document: RichTextDocument | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, view, versionNumber } = await draftOf(request, params);
  const form = await request.formData();
  const title = String(form.get("title") ?? "");
  const changeNote = String(form.get("changeNote") ?? "");
  const text = readRichText(form, "content", { required: true, label: "le texte de la version", maxLength: TEXT_MAX });
  // 422 with what was typed: the page shows the messages beside the fields it keeps.
  if (!text.ok)
    return refused(refusal("INVALIDE", FIX_FIELDS), {
      message: FIX_FIELDS,
      errors: { content: text.error },
      title,
      changeNote,
      document: text.document,
    } satisfies ActionData);
  const result = await updateDraft(user, view.rfc.number, versionNumber, {
    title,
    document: text.document,
    changeNote,
    expectedUpdatedAt: String(form.get("updatedAt") ?? ""),
  });
  // 409 when someone saved the draft meanwhile, 422 when it is frozen or a field is refused.
  if (!result.ok)
    return refused(result, {
      message: result.field ? FIX_FIELDS : result.message,
      errors: result.field ? { [result.field]: result.message } : {},
      title,
      changeNote,
      document: text.document,
    } satisfies ActionData);
  return redirect(`/rfc/${view.rfc.number}/v/${versionNumber}?fait=modification`);
}

export default function EditDraft() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const { rfc, version } = data;
  return (
    <>
      <Breadcrumb
        items={[
          RFC_CRUMB,
          { label: rfc.number, to: `/rfc/${rfc.number}` },
          { label: `Version ${version.number}`, to: `/rfc/${rfc.number}/v/${version.number}` },
        ]}
        current="Modifier le brouillon"
      />
      <h1>
        Modifier la version {version.number} de {rfc.number}
      </h1>
      <Notice message={data.done} kind="info" />
      <p>Le brouillon reste modifiable jusqu'à son ouverture aux commentaires ; il est ensuite figé.</p>
      <FormError message={failed?.message} />
      <Form method="post" noValidate>
        <input type="hidden" name="updatedAt" value={version.updatedAt} />
        <TextField
          name="title"
          label="Titre de la RFC"
          required
          maxLength={TITLE_MAX}
          defaultValue={failed?.title ?? rfc.title}
          error={failed?.errors.title}
        />
        {version.number > 1 ? (
          <TextAreaField
            id="champ-changeNote"
            name="changeNote"
            label={`Modifications par rapport à la version ${version.number - 1}`}
            hint="Résumé affiché en tête de la version et dans la comparaison."
            defaultValue={failed?.changeNote ?? version.changeNote}
            error={failed?.errors.changeNote}
            maxLength={CONCLUSION_MAX}
            rows={3}
          />
        ) : null}
        <RichTextEditor
          name="content"
          label={`Texte de la version ${version.number}`}
          initialDocument={failed?.document ?? data.document}
          error={failed?.errors.content}
          required
        />
        <SubmitOrCancel
          label="Enregistrer le brouillon"
          busy={busy}
          cancelTo={`/rfc/${rfc.number}/v/${version.number}`}
          className="fr-mt-3w"
        />
      </Form>
    </>
  );
}
