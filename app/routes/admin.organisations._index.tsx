import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ExportLinks } from "~/components/export-links";
import { fetchPage, Pagination, pageOf } from "~/components/pagination";
import { listOrganisations, organisationFiltersOf } from "~/modules/organisations/admin.server";
import { ORGANISATION_KINDS, ORGANISATION_KIND_LABELS } from "~/modules/organisations/kinds";
import { requirePermission, requireUserWith } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Organisations — Administration — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin");
  requirePermission(user, "read:organisation");
  const url = new URL(request.url);
  const filters = organisationFiltersOf(url);
  const { organisations, total, page, pageCount } = await fetchPage(pageOf(url), (range) => listOrganisations(filters, range));
  return {
    filters: { type: filters.kind ?? "", q: filters.q ?? "", statut: filters.statut ?? "" },
    total,
    page,
    pageCount,
    canManage: can(user, "manage:organisation"),
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      kindLabel: o.kindLabel,
      departement: o.departementCode ? `${o.departementCode} — ${o.departement?.name ?? ""}` : null,
      email: o.email,
      people: o.people,
      active: o.active,
    })),
  };
}

export default function AdminOrganisations() {
  const { filters, total, page, pageCount, canManage, organisations } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.type || filters.q || filters.statut);
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/admin">
              Administration
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Organisations
            </a>
          </li>
        </ol>
      </nav>
      <h1>Organisations</h1>
      {canManage ? (
        <p>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/admin/organisations/nouvelle">
            Créer une organisation
          </Link>
        </p>
      ) : null}

      <Form method="get" className="fr-mb-3w" role="search" aria-label="Filtrer les organisations">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-input-group fr-mb-0">
              <label className="fr-label" htmlFor="filtre-q">
                Nom, code ou département
              </label>
              <input className="fr-input" id="filtre-q" name="q" type="search" defaultValue={filters.q} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="filtre-type">
                Type
              </label>
              <select className="fr-select" id="filtre-type" name="type" defaultValue={filters.type}>
                <option value="">Tous les types</option>
                {ORGANISATION_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ORGANISATION_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="filtre-statut">
                Statut
              </label>
              <select className="fr-select" id="filtre-statut" name="statut" defaultValue={filters.statut}>
                <option value="">Actives et désactivées</option>
                <option value="actives">Actives</option>
                <option value="inactives">Désactivées</option>
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <button className="fr-btn" type="submit">
              Filtrer
            </button>
          </div>
        </div>
      </Form>

      <p role="status">
        {total} organisation{total > 1 ? "s" : ""}
        {filtered ? " correspondant aux filtres" : ""}
        {pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ""}.
        {filtered ? (
          <>
            {" "}
            <Link to="/admin/organisations">Effacer les filtres</Link>
          </>
        ) : null}
      </p>

      <div className="fr-table fr-table--sm fr-table--no-caption-top">
        <table>
          <caption>Organisations{filtered ? " (filtrées)" : ""}</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Département</th>
              <th scope="col">Adresse fonctionnelle</th>
              <th scope="col">Personnes</th>
              <th scope="col">Statut</th>
            </tr>
          </thead>
          <tbody>
            {organisations.length === 0 ? (
              <tr>
                <td colSpan={6}>Aucune organisation ne correspond à ces filtres.</td>
              </tr>
            ) : (
              organisations.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
                    <br />
                    <span className="fr-text--xs">{o.shortName}</span>
                  </td>
                  <td>{o.kindLabel}</td>
                  <td>{o.departement ?? "—"}</td>
                  <td>{o.email ?? "—"}</td>
                  <td>{o.people}</td>
                  <td>{o.active ? <span className="fr-badge fr-badge--sm fr-badge--success">Active</span> : <span className="fr-badge fr-badge--sm fr-badge--error">Désactivée</span>}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pageCount} />
      <ExportLinks to="/admin/organisations/export" what="la liste des organisations" />
    </>
  );
}
