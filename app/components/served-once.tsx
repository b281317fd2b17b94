/**
 * Large server-built HTML sent once per page load. A hydrated component that renders a string
 * from loader data ships it twice: in the page's HTML and again in the serialised loader data.
 * On a document request the loader hands the string to the server render through the request's
 * load context (`serveOnce`) and leaves it out of the data; on hydration the browser keeps the
 * markup the server sent (React does not rewrite innerHTML while hydrating). Client navigations
 * get the string in the data, as usual.
 */
import { createContext, useContext } from "react";

/** The strings a document request's loaders put aside for the server render (none in the browser). */
export const ServedOnceContext = createContext<ReadonlyMap<string, string> | null>(null);

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
  return (
    <div
      id={id}
      className={className}
      dangerouslySetInnerHTML={{ __html: html ?? served?.get(name) ?? "" }}
      suppressHydrationWarning
    />
  );
}
