import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { LinkItems, type LinkItem } from "./link-items";

export type Crumb = LinkItem;

/** The pages above the current one, shared by the breadcrumbs of several pages. */
export const ADMIN_CRUMB: Crumb = { label: "Administration", to: "/admin" };
export const CNSA_CRUMBS: Crumb[] = [
  { label: "Coordination CNSA", to: "/cnsa" },
  { label: "Campagne de reprise", to: "/cnsa/reprises" },
];

/**
 * DSFR breadcrumb (fr-breadcrumb): links to the pages above, then the current page, which is
 * not a link (`aria-current="page"`).
 */
export function Breadcrumb({ items, current }: { items: Crumb[]; current: ReactNode }) {
  return (
    <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
      <ol className="fr-breadcrumb__list">
        <LinkItems links={items} linkClassName="fr-breadcrumb__link" />
        <li>
          <a className="fr-breadcrumb__link" aria-current="page">
            {current}
          </a>
        </li>
      </ol>
    </nav>
  );
}

/** The « Revenir à … » link at the foot of a page reached from another one. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="fr-mt-3w">
      <Link className="fr-link" to={to}>
        {children}
      </Link>
    </p>
  );
}
