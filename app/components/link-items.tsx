import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type LinkItem = { label: ReactNode; to: string };

/**
 * Links as the items of a list whose DSFR class says what they are (breadcrumb, links group, a
 * panel's ways out); `linkClassName` may set the first apart.
 */
export function LinkItems({
  links,
  linkClassName,
}: {
  links: LinkItem[];
  linkClassName: string | ((index: number) => string);
}) {
  return links.map((link, index) => (
    <li key={link.to}>
      <Link className={typeof linkClassName === "string" ? linkClassName : linkClassName(index)} to={link.to}>
        {link.label}
      </Link>
    </li>
  ));
}
