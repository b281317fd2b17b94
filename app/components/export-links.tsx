import { useLocation } from "@remix-run/react";

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "xlsx", label: "Excel (XLSX)" },
  { format: "pdf", label: "PDF" },
] as const;

/**
 * Download links for the list on screen, with its current filters: `to` (a resource route
 * answering with `exportResponse`) plus the page's search parameters and `format`. A route
 * that renders a page cannot answer a document request with a file (Remix renders the page
 * with the body as data), hence a sibling resource route. Plain anchors, so the browser
 * downloads the file instead of the router fetching it. A full export (`confirm`) may first
 * answer with the identity confirmation page (decision 015): its links are followed as pages,
 * without `download`, which would save that page as the file.
 */
export function ExportLinks({
  to,
  what = "la liste",
  confirm = false,
}: {
  to: string;
  what?: string;
  confirm?: boolean;
}) {
  const location = useLocation();
  const hrefFor = (format: string) => {
    const params = new URLSearchParams(location.search);
    params.delete("page");
    params.set("format", format);
    return `${to}?${params.toString()}`;
  };
  return (
    <div className="fr-mt-3w">
      <p className="fr-text--sm fr-mb-1w">
        Exporter {what} (avec les filtres appliqués, toutes pages confondues)
        {confirm ? ", après confirmation de votre identité" : ""} :
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
        {FORMATS.map(({ format, label }) => (
          <li key={format}>
            <a
              className="fr-btn fr-btn--tertiary fr-icon-download-line"
              href={hrefFor(format)}
              download={confirm ? undefined : true}
            >
              Exporter en {label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
