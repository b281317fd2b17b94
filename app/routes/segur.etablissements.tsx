/**
 * The national register of establishments and its imports (issue 12, decision 043): the
 * coordinator sends a FINESS extract; the worker imports it all or nothing in a process of its
 * own while this page shows its progress; a refused file's report is listed and downloadable.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator, useActionData } from "@remix-run/react";
import { useEffect } from "react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DataTable } from "~/components/data-table";
import { ExportLinks } from "~/components/export-links";
import { FormError } from "~/components/fields";
import { TitledSection } from "~/components/groups/titled-section";
import { withCheckedUpload } from "~/modules/uploads/content.server";
import { IMPORT_COLUMNS } from "~/modules/segur/import/columns";
import { queueReceivedExtract } from "~/modules/segur/import/runner.server";
import { IMPORT_STATUS_VOCABULARY, RUNNING_IMPORT } from "~/modules/segur/import/status";
import { PROBLEMS_SHOWN, importsPage } from "~/modules/segur/queries/imports.server";
import { requireUserWith } from "~/utils/auth.server";
import { acceptsFilesUpTo, MiB } from "~/utils/body-limit";
import { formatBytes, formatDateTime } from "~/utils/format";
import { UploadRefused } from "~/utils/upload.server";
import { success } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "Registre des établissements — Pilotes Ségur — Passerelles" }];

/** A national FINESS extract of 40,000 lines weighs about 5 Mo: ten times that is refused. */
const IMPORT_MAX_BYTES = 50 * MiB;
export const handle = acceptsFilesUpTo(IMPORT_MAX_BYTES);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "coordinate:segur");
  return {
    ...(await importsPage(new URL(request.url).searchParams.get("import"))),
    // What the template says of each column (the component does not import the checks).
    problemsShown: PROBLEMS_SHOWN,
    columns: IMPORT_COLUMNS.map((c) => ({ header: c.header, required: c.required, hint: c.hint ?? null })),
  };
}

type ActionData = { message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "coordinate:segur");
  try {
    const queued = await withCheckedUpload(
      request,
      { field: "fichier", maxBytes: IMPORT_MAX_BYTES, accept: ["CSV"] },
      async ({ file, content }) => success(await queueReceivedExtract(user, file, content)),
    );
    if (!queued.ok) return data<ActionData>({ message: queued.errors?.fichier ?? queued.message }, { status: 422 });
    return redirect(`/segur/etablissements?import=${queued.value}`);
  } catch (error) {
    if (error instanceof UploadRefused) return data<ActionData>({ message: error.message }, { status: error.status });
    throw error;
  }
}

const count = (n: number) => n.toLocaleString("fr-FR");

export default function EstablishmentRegister() {
  const { establishments, imports, chosen, problems, columns, problemsShown } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionData>();
  const sending = useNavigation().state === "submitting";
  const revalidator = useRevalidator();
  const running = chosen !== null && RUNNING_IMPORT.includes(chosen.status);
  // While the chosen import runs, its progress is read again every second.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <>
      <Breadcrumb items={[{ label: "Pilotes Ségur", to: "/segur/pilotes" }]} current="Registre des établissements" />
      <h1>Registre des établissements</h1>
      <p className="fr-text--lead">
        {establishments === 0
          ? "Le registre est vide : importez l'extrait FINESS des établissements du secteur."
          : `${count(establishments)} établissement${establishments > 1 ? "s" : ""} au registre, selon le dernier import appliqué.`}
      </p>

      <TitledSection id="importer-titre" title="Importer un extrait">
        <p>
          Un fichier CSV (UTF-8 ou Windows-1252, colonnes séparées par des points-virgules ou des virgules), avec une
          ligne d'en-têtes puis une ligne par établissement, {formatBytes(IMPORT_MAX_BYTES)} au plus. L'import est
          entier ou nul : un fichier qui comporte une ligne fautive n'importe rien et vous rend le rapport des
          corrections à faire. Importer de nouveau le même fichier ne change rien.
        </p>
        <details className="fr-mb-2w">
          <summary>Les colonnes attendues</summary>
          <ul>
            {columns.map((c) => (
              <li key={c.header}>
                <code>{c.header}</code> {c.required ? "(obligatoire)" : "(facultative)"}
                {c.hint ? ` : ${c.hint}` : null}
              </li>
            ))}
          </ul>
        </details>
        <FormError message={failed?.message} />
        <Form method="post" encType="multipart/form-data">
          <div className={`fr-upload-group fr-mb-2w${failed ? " fr-upload-group--error" : ""}`}>
            <label className="fr-label" htmlFor="fichier">
              Extrait des établissements
              <span className="fr-hint-text">Format CSV.</span>
            </label>
            <input
              className="fr-upload"
              type="file"
              id="fichier"
              name="fichier"
              accept=".csv,text/csv"
              required
              aria-describedby={failed ? "fichier-erreur" : undefined}
            />
            {failed ? (
              <p id="fichier-erreur" className="fr-error-text">
                {failed.message}
              </p>
            ) : null}
          </div>
          <button className="fr-btn" type="submit" disabled={sending}>
            Importer
          </button>
        </Form>
      </TitledSection>

      {chosen ? (
        <TitledSection id="resultat-titre" title={`Import de « ${chosen.originalName} »`} className="fr-mt-4w">
          <p>
            Envoyé le {formatDateTime(chosen.createdAt)} par {chosen.by}. État :{" "}
            <strong>{IMPORT_STATUS_VOCABULARY.labels[chosen.status]}</strong>.
          </p>
          {running ? (
            <p>
              <label htmlFor="progression">
                {chosen.status === "EN_ATTENTE"
                  ? "En attente du traitement…"
                  : `${chosen.progress} % du fichier lu, ${count(chosen.processedLines)} lignes vérifiées`}
              </label>
              <br />
              <progress id="progression" max={100} value={chosen.progress} />
            </p>
          ) : null}
          {chosen.status === "APPLIQUE" || chosen.status === "INCHANGE" ? (
            <ul>
              <li>{count(chosen.created)} établissement(s) ajouté(s)</li>
              <li>{count(chosen.updated)} modifié(s)</li>
              <li>{count(chosen.unchanged)} inchangé(s)</li>
              <li>{count(chosen.absent)} absent(s) du fichier, retiré(s) du registre</li>
            </ul>
          ) : null}
          {chosen.status === "REFUSE" ? (
            <>
              <p>
                {count(chosen.problemCount)} problème{chosen.problemCount > 1 ? "s" : ""} sur{" "}
                {count(chosen.processedLines)} ligne{chosen.processedLines > 1 ? "s" : ""} : aucune ligne n'est
                importée. Corrigez le fichier puis importez-le de nouveau.
                {chosen.problemCount > problemsShown
                  ? ` Voici les ${problemsShown} premiers ; le rapport les contient tous.`
                  : null}
              </p>
              <DataTable
                caption="Problèmes du fichier"
                columns={["Ligne", "Colonne", "Valeur trouvée", "Attendu"]}
                rows={problems}
                row={(p) => (
                  <tr key={`${p.line}-${p.column}-${p.expected}`}>
                    <th scope="row">{p.line}</th>
                    <td>{p.column || "—"}</td>
                    <td>{p.value || "(vide)"}</td>
                    <td>{p.expected}</td>
                  </tr>
                )}
              />
              <ExportLinks to={`/segur/etablissements/${chosen.id}/rapport`} what="le rapport" />
            </>
          ) : null}
        </TitledSection>
      ) : null}

      <TitledSection id="imports-titre" title="Derniers imports" className="fr-mt-4w">
        <DataTable
          caption="Derniers imports"
          hiddenCaption
          columns={["Fichier", "Envoyé le", "Par", "État", "Lignes"]}
          rows={imports}
          empty="Aucun import pour l'instant."
          row={(i) => (
            <tr key={i.id}>
              <th scope="row">
                <Link to={`/segur/etablissements?import=${i.id}`}>{i.originalName}</Link>
              </th>
              <td>{formatDateTime(i.createdAt)}</td>
              <td>{i.by}</td>
              <td>{IMPORT_STATUS_VOCABULARY.labels[i.status]}</td>
              <td>{count(i.processedLines)}</td>
            </tr>
          )}
        />
      </TitledSection>
    </>
  );
}
