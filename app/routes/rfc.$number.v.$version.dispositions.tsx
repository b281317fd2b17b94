import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DataTable } from "~/components/data-table";
import { ExportLinks } from "~/components/export-links";
import { CycleBadge, RFC_CRUMB } from "~/components/rfc-fields";
import { dispositionTable } from "~/modules/rfc/dispositions.server";
import { Pagination } from "~/components/pagination";
import { THREAD_PAGE_PARAM, THREADS_PER_PAGE, threadPageHref, threadPageParam } from "~/modules/rfc/thread-pages";
import { requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { formatDateTime } from "~/utils/format";
import rfcStyles from "~/modules/rfc/rfc.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rfcStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Tableau des dispositions — ${data.rfc.number} version ${data.version.number} — Passerelles`
      : "Tableau des dispositions — Passerelles",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A version number that is not one answers 404 like a version that does not exist.
  // The threads of the version page's page n (`?fils=n`): 50 threads a page, as there.
  const table = orRefusal(
    await dispositionTable(user, params.number ?? "", Number(params.version), threadPageParam(request.url)),
  );
  const { rfc, version, rows, total, undisposed, page, pageCount } = table;
  return { rfc, version, rows, total, undisposed, page, pageCount };
}

export default function Dispositions() {
  const { rfc, version, rows, total, undisposed, page, pageCount } = useLoaderData<typeof loader>();
  const base = `/rfc/${rfc.number}/v/${version.number}`;
  return (
    <>
      <Breadcrumb
        items={[
          RFC_CRUMB,
          { label: rfc.number, to: `/rfc/${rfc.number}` },
          { label: `Version ${version.number}`, to: base },
        ]}
        current="Tableau des dispositions"
      />
      <h1>
        Tableau des dispositions — {rfc.number}, version {version.number}
      </h1>
      <p>
        {rfc.title}. Cycle : <CycleBadge status={version.status} label={version.statusLabel} />
        {version.deadline ? ` Échéance : ${formatDateTime(version.deadline)}.` : ""}
      </p>
      <p>
        Chaque commentaire, avec le passage commenté dans son contexte, et la réponse du pilote du groupe.{" "}
        {total === 0
          ? ""
          : undisposed === 0
            ? "Tous les commentaires ont reçu une disposition."
            : `${undisposed === 1 ? "1 commentaire attend" : `${undisposed} commentaires attendent`} encore une disposition.`}
      </p>
      {total === 0 ? (
        <p>Aucun commentaire n'a été déposé sur cette version.</p>
      ) : (
        <DataTable
          caption={`${total === 1 ? "1 commentaire" : `${total} commentaires`}, par date de dépôt${pageCount > 1 ? ` : page ${page} sur ${pageCount} (${THREADS_PER_PAGE} fils de discussion par page)` : ""}`}
          columns={[
            "N°",
            "Nature",
            "Organisation et auteur",
            "Passage",
            "Commentaire",
            "Réponses",
            "Disposition",
            "Réponse du pilote",
          ]}
          rows={rows}
          row={(r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={threadPageHref(base, r.page, `#commentaire-${r.id}`)}>
                  {r.rank}
                  <span className="fr-sr-only"> (voir le commentaire)</span>
                </Link>
              </th>
              <td>{r.kind}</td>
              <td>
                {r.organisation}
                <br />
                <span className="fr-text--sm">{r.author}</span>
              </td>
              <td>
                {r.quote ? (
                  <>
                    {r.prefix ? <span className="fr-text--sm">… {r.prefix} </span> : null}
                    <strong>« {r.quote} »</strong>
                    {r.suffix ? <span className="fr-text--sm"> {r.suffix} …</span> : null}
                  </>
                ) : (
                  "Texte entier"
                )}
              </td>
              <td className="rfc-comment__body">{r.comment}</td>
              <td>{r.replies}</td>
              <td>{r.disposition || <em>sans réponse</em>}</td>
              <td className="rfc-comment__body">{r.reply}</td>
            </tr>
          )}
        />
      )}
      <Pagination page={page} pageCount={pageCount} param={THREAD_PAGE_PARAM} label="Pages du tableau" />
      <ExportLinks to={`${base}/dispositions/export`} what="le tableau des dispositions" />
    </>
  );
}
