import type { ReactNode } from "react";

/** A section of a page under its h2 heading, which names it for assistive technologies. */
export function TitledSection({
  id,
  title,
  className,
  children,
}: {
  /** The heading's id, unique on the page. */
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="fr-h4">
        {title}
      </h2>
      {children}
    </section>
  );
}
