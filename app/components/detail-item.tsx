import type { ReactNode } from "react";

/** One term and its value in a record's description list (`<dl className="fr-grid-row">`). */
export function DetailItem({
  label,
  children,
  narrow = false,
}: {
  label: string;
  children: ReactNode;
  narrow?: boolean;
}) {
  return (
    <div className={`fr-col-12 fr-col-md-6${narrow ? " fr-col-lg-4" : ""} fr-mb-2w`}>
      <dt className="fr-text--bold fr-mb-0">{label}</dt>
      <dd className="fr-pl-0">{children}</dd>
    </div>
  );
}
