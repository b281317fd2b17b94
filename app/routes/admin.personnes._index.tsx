import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { PersonStatusBadge } from "~/components/account-status";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { ExportLinks } from "~/components/export-links";
import { ListFilters } from "~/components/filter-form";
import { fetchPage, Pagination, pageOf } from "~/components/pagination";
import { organisationChoices } from "~/modules/organisations/admin.server";
import {
  listPeople,
  peopleFiltersOf,
  PERSON_STATUS_LABELS,
  PERSON_STATUS_VOCABULARY,
} from "~/modules/people/admin.server";
import { requireUserWith } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { ROLE_LABELS, ROLE_VOCABULARY } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Personnes — Administration — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "read:user");
  const url = new URL(request.url);
  const filters = peopleFiltersOf(url);
  const [{ people, total, page, pageCount }, organisations] = await Promise.all([
    fetchPage(pageOf(url), (range) => listPeople(filters, range)),
    organisationChoices({ activeOnly: false }),
  ]);
  return {
    filters: {
      organisation: filters.organisationId ?? "",
      role: filters.role ?? "",
      statut: filters.statut ?? "",
      q: filters.q ?? "",
    },
    total,
    page,
    pageCount,
    canInvite: can(user, "invite:user"),
    choices: {
      organisations,
      roles: ROLE_VOCABULARY.options(),
      statuses: PERSON_STATUS_VOCABULARY.options(),
    },
    people: people.map((p) => ({
      id: p.id,
      name: `${p.lastName.toUpperCase()} ${p.firstName}`,
      email: p.email,
      jobTitle: p.jobTitle,
      organisation: p.organisation,
      roles: p.roles.map((role) => ROLE_LABELS[role]).join(", "),
      status: p.status,
      statusLabel: PERSON_STATUS_LABELS[p.status],
    })),
  };
}

export default function AdminPeople() {
  const { filters, total, page, pageCount, canInvite, choices, people } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.organisation || filters.role || filters.statut || filters.q);
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB]} current="Personnes" />
      <h1>Personnes</h1>
      {canInvite ? (
        <p>
          <Link className="fr-btn fr-icon-user-add-line fr-btn--icon-left" to="/personnes/inviter">
            Inviter une personne
          </Link>
        </p>
      ) : null}

      <ListFilters
        label="Filtrer les personnes"
        search={{ label: "Nom ou adresse", columns: "fr-col-md-6 fr-col-lg-2" }}
        values={filters}
        filters={[
          {
            name: "organisation",
            label: "Organisation",
            columns: "fr-col-md-6 fr-col-lg-3",
            groups: choices.organisations,
            emptyLabel: "Toutes les organisations",
          },
          {
            name: "role",
            label: "Rôle",
            columns: "fr-col-md-4 fr-col-lg-2",
            options: choices.roles,
            emptyLabel: "Tous les rôles",
          },
          {
            name: "statut",
            label: "Compte",
            columns: "fr-col-md-4 fr-col-lg-3",
            options: choices.statuses,
            emptyLabel: "Tous les comptes",
          },
        ]}
        submitColumns="fr-col-md-4 fr-col-lg-2"
        count={{ total, noun: "personne", filtered, clearTo: "/admin/personnes", page, pageCount }}
      />

      <DataTable
        caption={`Personnes${filtered ? " (filtrées)" : ""}`}
        columns={["Nom", "Adresse électronique", "Organisation", "Rôles", "Compte"]}
        rows={people}
        empty="Aucune personne ne correspond à ces filtres."
        row={(p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/admin/personnes/${p.id}`}>{p.name}</Link>
              {p.jobTitle ? (
                <>
                  <br />
                  <span className="fr-text--xs">{p.jobTitle}</span>
                </>
              ) : null}
            </td>
            <td>{p.email}</td>
            <td>
              <Link to={`/admin/organisations/${p.organisation.id}`}>{p.organisation.shortName}</Link>
            </td>
            <td>{p.roles}</td>
            <td>
              <PersonStatusBadge status={p.status} label={p.statusLabel} small />
            </td>
          </tr>
        )}
      />
      <Pagination page={page} pageCount={pageCount} />
      <ExportLinks to="/admin/personnes/export" what="la liste des personnes" confirm />
    </>
  );
}
