import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { ExportLinks } from "~/components/export-links";
import { ListFilters } from "~/components/filter-form";
import { fetchPage, Pagination, pageOf } from "~/components/pagination";
import {
  entityTypeLabel,
  journalFilterChoices,
  journalFiltersOf,
  listAuditEntries,
  listSecurityEvents,
  SECURITY_KIND_CHOICES,
  securityFiltersOf,
  verifyJournals,
} from "~/modules/journal/admin.server";
import { requireUserWith } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { intentOf, unknownIntent } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Journal d'audit — Administration — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read:audit");
  const url = new URL(request.url);
  if (url.searchParams.get("vue") === "securite") {
    // Security events (decision 015): counted per person, address and hour, most recent first.
    const filters = securityFiltersOf(url);
    const { events, total, page, pageCount } = await fetchPage(pageOf(url), (range) =>
      listSecurityEvents(filters, range),
    );
    return {
      view: "securite" as const,
      security: {
        filters: { kind: filters.kind ?? "", userId: filters.userId ?? "" },
        kinds: SECURITY_KIND_CHOICES,
        total,
        page,
        pageCount,
        events: events.map((e) => ({
          ...e,
          hour: e.hour.toISOString(),
          firstAt: e.firstAt.toISOString(),
          lastAt: e.lastAt.toISOString(),
        })),
      },
    };
  }
  const filters = journalFiltersOf(url);
  const [{ entries, total, page, pageCount }, choices] = await Promise.all([
    fetchPage(pageOf(url), (range) => listAuditEntries(filters, range)),
    journalFilterChoices(),
  ]);
  return {
    view: "audit" as const,
    filters: { action: filters.action ?? "", type: filters.type ?? "", id: filters.id ?? "" },
    idLabel:
      filters.id && filters.type ? `${entityTypeLabel(filters.type).toLowerCase()} n° ${filters.id}` : filters.id,
    choices,
    total,
    page,
    pageCount,
    entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUserWith(request, "read:audit");
  const form = await request.formData();
  if (intentOf(form) !== "verifier") unknownIntent();
  return verifyJournals();
}

/** The two views of the journal: what was changed, and the security events. */
function JournalViews({ current }: { current: "audit" | "securite" }) {
  const views = [
    { view: "audit", to: "/admin/journal", label: "Modifications" },
    { view: "securite", to: "/admin/journal?vue=securite", label: "Événements de sécurité" },
  ] as const;
  return (
    <nav className="fr-mb-3w" aria-label="Vues du journal">
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {views.map((v) => (
          <li key={v.view}>
            <Link
              className={`fr-btn ${v.view === current ? "" : "fr-btn--secondary"}`}
              to={v.to}
              aria-current={v.view === current ? "page" : undefined}
            >
              {v.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default function AdminJournal() {
  const data = useLoaderData<typeof loader>();
  if (data.view === "securite") return <SecurityEvents security={data.security} />;
  return <AuditEntries data={data} />;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function SecurityEvents({ security }: { security: Extract<LoaderData, { view: "securite" }>["security"] }) {
  const { filters, kinds, total, page, pageCount, events } = security;
  const filtered = Boolean(filters.kind || filters.userId);
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB]} current="Journal d'audit" />
      <h1>Journal d'audit</h1>
      <JournalViews current="securite" />
      <p>
        Échecs de connexion, accès refusés aux personnes connectées et exports. Pour ne pas encombrer la base lors d'une
        attaque, ils sont comptés par personne (ou adresse saisie), adresse IP et heure : une ligne indique combien de
        fois l'événement s'est produit dans l'heure, et quand pour la première et la dernière fois. Aucun mot de passe,
        code ou contenu de document n'y figure.
      </p>
      <ListFilters
        label="Filtrer les événements de sécurité"
        keep={{ vue: "securite", personne: filters.userId }}
        values={{ nature: filters.kind }}
        filters={[
          { name: "nature", label: "Nature", columns: "fr-col-md-6", options: kinds, emptyLabel: "Toutes les natures" },
        ]}
        submitColumns="fr-col-md-3"
        count={{
          total,
          noun: "ligne",
          filtered,
          clearTo: "/admin/journal?vue=securite",
          page,
          pageCount,
          order: "de la plus récente à la plus ancienne",
        }}
      />
      <DataTable
        caption="Événements de sécurité, comptés par heure"
        columns={["Nature", "Personne", "Adresse IP", "Nombre", "Première fois", "Dernière fois", "Détails"]}
        rows={events}
        empty="Aucun événement de sécurité ne correspond à ces filtres."
        row={(e) => (
          <tr key={e.id}>
            <td>{e.kindLabel}</td>
            <td>{e.userId ? <Link to={`/admin/personnes/${e.userId}`}>{e.label}</Link> : e.label}</td>
            <td>{e.ip}</td>
            <td>{e.count}</td>
            <td>{formatDateTime(e.firstAt)}</td>
            <td>{formatDateTime(e.lastAt)}</td>
            <td className="fr-text--xs">{e.details || "—"}</td>
          </tr>
        )}
      />
      <Pagination page={page} pageCount={pageCount} />
    </>
  );
}

function AuditEntries({ data }: { data: Extract<LoaderData, { view: "audit" }> }) {
  const { filters, idLabel, choices, total, page, pageCount, entries } = data;
  const report = useActionData<typeof action>();
  const verifying = useNavigation().state === "submitting";
  const filtered = Boolean(filters.action || filters.type || filters.id);
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB]} current="Journal d'audit" />
      <h1>Journal d'audit</h1>
      <JournalViews current="audit" />
      <p>
        Chaque modification est inscrite ici, dans la même transaction que la modification elle-même. Le journal ne peut
        être ni modifié ni effacé ; chaque entrée est chaînée à la précédente par une empreinte (SHA-256), si bien
        qu'une altération se voit.
      </p>

      <section aria-labelledby="titre-integrite" className="fr-mb-4w">
        <h2 id="titre-integrite" className="fr-h4">
          Intégrité
        </h2>
        <Form method="post">
          <button
            className="fr-btn fr-btn--secondary fr-icon-shield-line fr-btn--icon-left"
            type="submit"
            name="intent"
            value="verifier"
            disabled={verifying}
          >
            {verifying ? "Vérification en cours…" : "Vérifier l'intégrité"}
          </button>
        </Form>
        {report ? (
          <div
            className={`fr-alert ${report.ok ? "fr-alert--success" : "fr-alert--error"} fr-mt-2w`}
            role={report.ok ? "status" : "alert"}
          >
            <h3 className="fr-alert__title">{report.ok ? "Journaux intègres" : "Altération détectée"}</h3>
            <ul>
              {report.lines.map((line) => (
                <li key={line.log}>{line.text}</li>
              ))}
            </ul>
            {report.ok ? null : (
              <p>
                Une entrée a été modifiée, insérée ou supprimée hors de l'application. Conservez une copie de la base et
                prévenez le responsable de la sécurité.
              </p>
            )}
          </div>
        ) : null}
      </section>

      <ListFilters
        label="Filtrer le journal"
        keep={{ id: filters.id }}
        values={filters}
        filters={[
          {
            name: "action",
            label: "Action",
            columns: "fr-col-md-5",
            options: choices.actions,
            emptyLabel: "Toutes les actions",
          },
          {
            name: "type",
            label: "Objet",
            columns: "fr-col-md-4",
            options: choices.types,
            emptyLabel: "Tous les objets",
          },
        ]}
        submitColumns="fr-col-md-3"
        count={{
          total,
          noun: "entrée",
          about: idLabel ? `concernant ${idLabel}` : undefined,
          filtered,
          clearTo: "/admin/journal",
          page,
          pageCount,
          order: "de la plus récente à la plus ancienne",
        }}
      />

      <DataTable
        caption="Entrées du journal d'audit"
        columns={["N°", "Date", "Auteur", "Action", "Objet", "Détails"]}
        rows={entries}
        empty="Aucune entrée ne correspond à ces filtres."
        row={(e) => (
          <tr key={e.seq}>
            <td>{e.seq}</td>
            <td>{formatDateTime(e.at)}</td>
            <td>{e.actorId ? <Link to={`/admin/personnes/${e.actorId}`}>{e.actorLabel}</Link> : e.actorLabel}</td>
            <td>{e.actionLabel}</td>
            <td>
              {e.entityTypeLabel}
              {e.entityName || e.entityId ? (
                <>
                  {" : "}
                  {e.href ? <Link to={e.href}>{e.entityName ?? e.entityId}</Link> : (e.entityName ?? e.entityId)}
                </>
              ) : null}
            </td>
            <td className="fr-text--xs">{e.details || "—"}</td>
          </tr>
        )}
      />
      <Pagination page={page} pageCount={pageCount} />
      <ExportLinks to="/admin/journal/export" what="le journal" confirm />
    </>
  );
}
