import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { OrganisationActiveBadge } from "~/components/account-status";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { ExportLinks } from "~/components/export-links";
import { ListFilters } from "~/components/filter-form";
import { fetchPage, Pagination, pageOf } from "~/components/pagination";
import { listOrganisations, organisationFiltersOf } from "~/modules/organisations/admin.server";
import { ORGANISATION_KIND_VOCABULARY } from "~/modules/organisations/kinds";
import { requireUserWith } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Organisations — Administration — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "read:organisation");
  const url = new URL(request.url);
  const filters = organisationFiltersOf(url);
  const { organisations, total, page, pageCount } = await fetchPage(pageOf(url), (range) =>
    listOrganisations(filters, range),
  );
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
      <Breadcrumb items={[ADMIN_CRUMB]} current="Organisations" />
      <h1>Organisations</h1>
      {canManage ? (
        <p>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/admin/organisations/nouvelle">
            Créer une organisation
          </Link>
        </p>
      ) : null}

      <ListFilters
        label="Filtrer les organisations"
        search={{ label: "Nom, code ou département", columns: "fr-col-md-4" }}
        values={filters}
        filters={[
          {
            name: "type",
            label: "Type",
            columns: "fr-col-md-3",
            options: ORGANISATION_KIND_VOCABULARY.options(),
            emptyLabel: "Tous les types",
          },
          {
            name: "statut",
            label: "Statut",
            columns: "fr-col-md-3",
            options: [
              { value: "actives", label: "Actives" },
              { value: "inactives", label: "Désactivées" },
            ],
            emptyLabel: "Actives et désactivées",
          },
        ]}
        submitColumns="fr-col-md-2"
        count={{ total, noun: "organisation", filtered, clearTo: "/admin/organisations", page, pageCount }}
      />

      <DataTable
        caption={`Organisations${filtered ? " (filtrées)" : ""}`}
        columns={["Nom", "Type", "Département", "Adresse fonctionnelle", "Personnes", "Statut"]}
        rows={organisations}
        empty="Aucune organisation ne correspond à ces filtres."
        row={(o) => (
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
            <td>
              <OrganisationActiveBadge active={o.active} small />
            </td>
          </tr>
        )}
      />
      <Pagination page={page} pageCount={pageCount} />
      <ExportLinks to="/admin/organisations/export" what="la liste des organisations" />
    </>
  );
}
