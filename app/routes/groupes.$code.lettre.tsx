import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, TextAreaField, TextField } from "~/components/fields";

import { RichTextEditor } from "~/components/rich-text-editor";
import { groupPage } from "~/modules/groups/pages.server";
import { getGroup } from "~/modules/groups/group-queries.server";
import { deliverableField, MAX_DELIVERABLES, roleField, type DeliverableRowValues } from "~/modules/groups/labels";
import { readDeliverableRows, readRoles, saveLetter } from "~/modules/groups/letter.server";
import { readRichText } from "~/modules/richtext/form.server";
import { parseRichText, type RichTextDocument } from "~/modules/richtext/render.server";
import { requireUser } from "~/utils/auth.server";
import { formRowVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import type { FieldErrors } from "~/utils/forms";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Lettre de mission — ${data.name} — Passerelles` : "Lettre de mission — Passerelles" },
];

const BLANK_ROWS = 2;

/** A deliverable row's fields, in the order the circulaire lists them, with their column widths. */
const DELIVERABLE_FIELDS = [
  { field: "title", id: "titre", label: "Intitulé", width: 6, input: { maxLength: 200 } },
  { field: "dueOn", id: "date", label: "Date de livraison", width: 3, input: { type: "date" } },
  {
    field: "validationDays",
    id: "delai",
    label: "Validation (jours ouvrés)",
    width: 3,
    input: { inputMode: "numeric", pattern: "[0-9]*", maxLength: 3 },
  },
] as const;
const blank = (): DeliverableRowValues => ({ title: "", dueOn: "", validationDays: "" });

const PILOT_ONLY = "Seul le pilote du groupe ou le coordinateur de la CNSA rédige la lettre de mission.";

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { group, header } = orRefusal(await groupPage(user, params.code ?? "", "pilot", PILOT_ONLY));
  const rows = group.deliverables.map((d) => ({
    title: d.title,
    dueOn: d.dueOn,
    validationDays: String(d.validationDays),
  }));
  return {
    ...header,
    rowVersion: group.rowVersion,
    frozen: !(group.status === "propose" || group.status === "lettreRedigee"),
    document: parseRichText(group.missionLetter),
    members: group.members.map((m) => ({ id: m.id, name: m.name, isPilot: m.isPilot })),
    roles: Object.fromEntries(group.members.map((m) => [m.id, m.role])),
    rows: [...rows, ...Array.from({ length: Math.min(BLANK_ROWS, MAX_DELIVERABLES - rows.length) }, blank)],
  };
}

type ActionData = {
  message?: string;
  errors: FieldErrors;
  document: RichTextDocument | null;
  roles: Record<string, string>;
  rows: DeliverableRowValues[];
  rowVersion: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  const user = await requireUser(request);
  const group = orRefusal(await getGroup(user, code, "pilot", PILOT_ONLY));
  const form = await request.formData();
  const intent = intentOf(form);
  const rowVersion = formRowVersion(form);
  const letter = readRichText(form, "missionLetter", { label: "le périmètre du groupe", maxLength: 50_000 });
  const { roles, errors: roleErrors } = readRoles(
    form,
    group.members.map((m) => m.id),
  );
  const { rows, values, errors: rowErrors } = readDeliverableRows(form);
  const document = letter.document;
  const back = (extra: Partial<ActionData>): ActionData => ({
    errors: {},
    document,
    roles,
    rows: values,
    rowVersion: rowVersion.ok ? rowVersion.value : NaN,
    ...extra,
  });
  if (intent === "ajouter-ligne") {
    if (values.length >= MAX_DELIVERABLES) return back({ message: `${MAX_DELIVERABLES} livrables au plus.` });
    return back({ rows: [...values, blank()] });
  }
  if (intent !== "enregistrer") unknownIntent();
  const errors: FieldErrors = { ...roleErrors, ...rowErrors };
  if (!letter.ok) errors.missionLetter = letter.error;
  if (!rowVersion.ok) return refused(rowVersion, back({ message: rowVersion.message }));
  if (Object.keys(errors).length > 0 || !letter.ok)
    return refused(
      { code: "INVALIDE" },
      back({ message: "Rien n'a été enregistré : corrigez les champs signalés.", errors }),
    );
  const result = await saveLetter(
    user,
    code,
    { missionLetter: letter.json, roles, deliverables: rows },
    rowVersion.value,
  );
  if (!result.ok) return refused(result, back({ message: result.message, errors: result.errors ?? {} }));
  return redirect(`/groupes/${code}?fait=lettre`);
}

export default function MissionLetter() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const rows = failed?.rows ?? data.rows;
  const roles = failed?.roles ?? data.roles;
  const errors = failed?.errors ?? {};
  const document = failed ? failed.document : data.document;
  return (
    <>
      <Breadcrumb
        items={[...data.crumbs, { label: data.name, to: `/groupes/${data.code}` }]}
        current="Lettre de mission"
      />
      <h1>Lettre de mission — {data.name}</h1>
      {data.frozen ? (
        <div className="fr-alert fr-alert--info">
          <p>La lettre de mission est validée : elle ne peut plus être modifiée.</p>
        </div>
      ) : (
        <>
          <p>
            La lettre de mission précise le périmètre du groupe, le rôle de chaque organisation et les livrables, avec
            leurs dates de livraison et leurs périodes de validation. Elle peut être enregistrée incomplète : le groupe
            ne sera validé que lorsqu'elle sera complète.
          </p>
          <FormError message={failed?.message} />
          <Form method="post" noValidate>
            <input type="hidden" name="rowVersion" value={failed?.rowVersion ?? data.rowVersion} />
            <RichTextEditor
              name="missionLetter"
              label="Périmètre, contexte et méthode de travail"
              hint="Ce que le groupe traite et ne traite pas, les échanges concernés, la façon de travailler (réunions, appels à commentaires)."
              initialDocument={document}
              error={errors.missionLetter}
            />

            <fieldset className="fr-fieldset fr-mt-4w" aria-labelledby="roles-legende">
              <legend className="fr-fieldset__legend" id="roles-legende">
                Rôle de chaque organisation
                <span className="fr-hint-text">
                  Les organisations membres se changent dans les paramètres du groupe.
                </span>
              </legend>
              {data.members.map((m) => (
                <div className="fr-fieldset__element" key={m.id}>
                  <TextAreaField
                    name={roleField(m.id)}
                    id={`role-${m.id}`}
                    label={`Rôle de ${m.name}${m.isPilot ? " (pilote)" : ""}`}
                    rows={2}
                    defaultValue={roles[m.id] ?? ""}
                    error={errors[roleField(m.id)]}
                  />
                </div>
              ))}
            </fieldset>

            <fieldset className="fr-fieldset fr-mt-4w" aria-labelledby="livrables-legende">
              <legend className="fr-fieldset__legend" id="livrables-legende">
                Livrables
                <span className="fr-hint-text">
                  Une ligne par livrable : son intitulé, sa date de livraison et sa période de validation en jours
                  ouvrés. Une ligne laissée vide est ignorée ; pour retirer un livrable, videz ses trois champs.
                </span>
              </legend>
              <input type="hidden" name="rowCount" value={rows.length} />
              {errors.deliverables ? <p className="fr-error-text fr-fieldset__element">{errors.deliverables}</p> : null}
              {rows.map((row, i) => (
                <div className="fr-fieldset__element" key={`${i}-${rows.length}`}>
                  <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={`livrable-${i}-legende`}>
                    <legend
                      className="fr-fieldset__legend fr-fieldset__legend--regular fr-text--bold fr-pb-1w"
                      id={`livrable-${i}-legende`}
                    >
                      Livrable {i + 1}
                    </legend>
                    <div className="fr-fieldset__element">
                      <div className="fr-grid-row fr-grid-row--gutters">
                        {DELIVERABLE_FIELDS.map((f) => (
                          <div className={`fr-col-12 fr-col-md-${f.width}`} key={f.field}>
                            <TextField
                              id={`livrable-${i}-${f.id}`}
                              name={deliverableField(i, f.field)}
                              label={f.label}
                              {...f.input}
                              defaultValue={row[f.field]}
                              error={errors[deliverableField(i, f.field)]}
                            />
                          </div>
                        ))}
                      </div>
                    </div>
                  </fieldset>
                </div>
              ))}
            </fieldset>

            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <button className="fr-btn" type="submit" name="intent" value="enregistrer" disabled={busy}>
                  Enregistrer la lettre de mission
                </button>
              </li>
              <li>
                <button
                  className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
                  type="submit"
                  name="intent"
                  value="ajouter-ligne"
                  disabled={busy || rows.length >= MAX_DELIVERABLES}
                >
                  Ajouter une ligne de livrable
                </button>
              </li>
            </ul>
          </Form>
        </>
      )}
    </>
  );
}
