/**
 * Large server-built parts of a page sent once per page load. Whatever a hydrated component renders
 * from loader data is shipped twice: in the page's HTML and again in the serialised loader data.
 * On a document request the loader hands such a value to the server render through the request's
 * load context (`serveOnce`) and leaves it out of the data; in the browser the part is not
 * hydrated: React keeps the markup the server sent (it does not rewrite an element's inner HTML
 * while hydrating). Client navigations get the value in the data and render it as usual.
 *
 * So a part served once must work as plain HTML: links, native disclosures, forms that post
 * (the page's no-JavaScript behaviour) until the next client navigation renders it from data.
 */
import { createContext, useContext, type ReactNode } from "react";

/** The values a document request's loaders put aside for the server render (none in the browser). */
export const ServedOnceContext = createContext<ReadonlyMap<string, unknown> | null>(null);

/** The markup the server sent, left as it is. */
function KeptAsSent({ id, className }: { id?: string; className?: string }) {
  return (
    <div key="envoye" id={id} className={className} dangerouslySetInnerHTML={{ __html: "" }} suppressHydrationWarning />
  );
}

/** A block of trusted, already sanitised HTML served once; `html` is null when the loader left it out. */
export function ServedOnceHtml({
  name,
  html,
  id,
  className,
}: {
  name: string;
  html: string | null;
  id?: string;
  className?: string;
}) {
  const served = useContext(ServedOnceContext);
  const value = html ?? (served?.get(name) as string | undefined);
  if (value === undefined) return <KeptAsSent id={id} className={className} />;
  return <div key="rendu" id={id} className={className} dangerouslySetInnerHTML={{ __html: value }} />;
}

/** A part rendered from `value`, served once; `value` is null when the loader left it out. */
export function ServedOnce<T>({
  name,
  value,
  className,
  children,
}: {
  name: string;
  value: T | null;
  className?: string;
  children: (value: T) => ReactNode;
}) {
  const served = useContext(ServedOnceContext);
  const shown = value ?? (served?.get(name) as T | undefined);
  if (shown === undefined) return <KeptAsSent className={className} />;
  return (
    <div key="rendu" className={className}>
      {children(shown)}
    </div>
  );
}
