import type { AppLoadContext } from "@remix-run/node";

/**
 * For `ServedOnceHtml`: on a document request, keeps `html` for the server render and returns
 * null (the loader data leaves it out); on a data request (client navigation, revalidation),
 * returns it for the data.
 */
export function serveOnce(context: AppLoadContext | undefined, name: string, html: string): string | null {
  if (!context?.documentRequest || !context.servedOnce) return html;
  context.servedOnce.set(name, html);
  return null;
}
