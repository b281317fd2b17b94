import { LinkItems } from "./link-items";
import type { ReactNode } from "react";

/** A dashboard panel: a titled tile; `empty` is shown when there is nothing to list yet. */
export function Panel({
  title,
  children,
  empty,
  id,
}: {
  title: string;
  children?: ReactNode;
  empty?: string;
  id?: string;
}) {
  const headingId = id ?? `panneau-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section className="fr-col-12 fr-col-md-6" aria-labelledby={headingId}>
      <div className="fr-card fr-card--no-arrow">
        <div className="fr-card__body">
          <div className="fr-card__content">
            <h2 className="fr-card__title fr-h5" id={headingId}>
              {title}
            </h2>
            <div className="fr-card__desc">{children ?? <p className="fr-text--sm fr-mb-0">{empty}</p>}</div>
          </div>
        </div>
      </div>
    </section>
  );
}

export function StatList({ items }: { items: { label: string; value: number | string }[] }) {
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={item.label} className="fr-mb-1w">
          <strong className="fr-h4 fr-mb-0 fr-mr-1w">{item.value}</strong>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A role's home page: its title, the greeting, then its panels side by side. */
export function Dashboard({
  title,
  firstName,
  organisation,
  children,
}: {
  title: string;
  firstName: string;
  organisation: string;
  children: ReactNode;
}) {
  return (
    <>
      <h1>{title}</h1>
      <p className="fr-text--lead">
        Bonjour {firstName} ({organisation}).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">{children}</div>
    </>
  );
}

/** The ways out of a dashboard panel, one a line; the first, the panel's main page, with an arrow. */
export function PanelLinks({ links, className }: { links: { to: string; label: string }[]; className?: string }) {
  return (
    <ul className={`fr-raw-list${className ? ` ${className}` : ""}`}>
      <LinkItems
        links={links}
        linkClassName={(index) => (index === 0 ? "fr-link fr-icon-arrow-right-line fr-link--icon-right" : "fr-link")}
      />
    </ul>
  );
}
