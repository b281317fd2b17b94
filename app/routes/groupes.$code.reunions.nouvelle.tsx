import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, TextField } from "~/components/fields";
import { AttendeePicker } from "~/components/group-fields";
import { RichTextEditor } from "~/components/rich-text-editor";
import { groupPage } from "~/modules/groups/pages.server";
import { getGroup } from "~/modules/groups/group-queries.server";
import { meetingSchema } from "~/modules/groups/forms.server";
import { attendeeChoices, createMeeting } from "~/modules/groups/meetings.server";
import { readRichText } from "~/modules/richtext/form.server";
import type { RichTextDocument } from "~/modules/richtext/render.server";
import { requireUser } from "~/utils/auth.server";
import { orRefusal, refused } from "~/utils/intent.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Organiser une réunion — ${data.name} — Passerelles` : "Organiser une réunion — Passerelles" },
];

const PILOT_ONLY = "Seul le pilote du groupe ou le coordinateur de la CNSA organise ses réunions.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { group, header } = orRefusal(await groupPage(user, params.code ?? "", "pilot", PILOT_ONLY));
  return {
    ...header,
    closed: group.status === "clos",
    choices: await attendeeChoices(group.id),
  };
}

type ActionData = {
  message?: string;
  errors: FieldErrors;
  values: Record<string, string>;
  attendeeIds: string[];
  agenda: RichTextDocument | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  const user = await requireUser(request);
  orRefusal(await getGroup(user, code, "pilot", PILOT_ONLY));
  const form = await request.formData();
  const agenda = readRichText(form, "agenda", { required: true, label: "l'ordre du jour", maxLength: 20_000 });
  const values = Object.fromEntries(
    ["date", "startTime", "endTime", "place"].map((k) => [k, String(form.get(k) ?? "")]),
  );
  const attendeeIds = form.getAll("attendeeIds").map(String);
  const back = (message: string, errors: FieldErrors): ActionData => ({
    message,
    errors,
    values,
    attendeeIds,
    agenda: agenda.document,
  });
  const parsed = parseForm(meetingSchema, form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (!agenda.ok) errors.agenda = agenda.error;
  if (!parsed.ok || !agenda.ok)
    return refused({ code: "INVALIDE" }, back("Rien n'a été enregistré : corrigez les champs signalés.", errors));
  const result = await createMeeting(user, code, { ...parsed.data, agenda: agenda.json });
  if (!result.ok) return refused(result, back(result.message, result.errors ?? {}));
  return redirect(`/groupes/${code}/reunions/${result.value.id}?fait=creee`);
}

export default function NewMeeting() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? {};
  return (
    <>
      <Breadcrumb
        items={[...data.crumbs, { label: data.name, to: `/groupes/${data.code}` }]}
        current="Organiser une réunion"
      />
      <h1>Organiser une réunion — {data.name}</h1>
      {data.closed ? (
        <div className="fr-alert fr-alert--info">
          <p>Ce groupe est clos : il ne tient plus de réunion.</p>
        </div>
      ) : (
        <>
          <p>
            Les participants choisis reçoivent la convocation par courriel avec l'ordre du jour. Le compte rendu, les
            positions et décisions, et les actions décidées s'ajoutent ensuite sur la page de la réunion.
          </p>
          <FormError message={failed?.message} />
          <Form method="post" noValidate>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-4">
                <TextField
                  name="date"
                  type="date"
                  label="Date"
                  required
                  defaultValue={values.date}
                  error={errors.date}
                />
              </div>
              {(
                [
                  { name: "startTime", label: "Heure de début", usual: "14:00" },
                  { name: "endTime", label: "Heure de fin", usual: "16:00" },
                ] as const
              ).map((time) => (
                <div key={time.name} className="fr-col-6 fr-col-md-4">
                  <TextField
                    name={time.name}
                    type="time"
                    label={time.label}
                    hint="Heure de Paris."
                    required
                    defaultValue={values[time.name] ?? time.usual}
                    error={errors[time.name]}
                  />
                </div>
              ))}
            </div>
            <TextField
              name="place"
              label="Lieu"
              hint="Adresse et salle, ou modalités de l'audioconférence."
              required
              maxLength={300}
              defaultValue={values.place}
              error={errors.place}
            />
            <RichTextEditor
              name="agenda"
              label="Ordre du jour"
              required
              initialDocument={failed?.agenda ?? null}
              error={errors.agenda}
            />
            <AttendeePicker choices={data.choices} checked={failed?.attendeeIds ?? []} error={errors.attendeeIds} />
            <button className="fr-btn" type="submit" disabled={busy}>
              Enregistrer la réunion
            </button>
          </Form>
        </>
      )}
    </>
  );
}
