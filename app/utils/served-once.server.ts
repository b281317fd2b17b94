import type { AppLoadContext } from "@remix-run/node";

/**
 * For `ServedOnce` and `ServedOnceHtml` (app/components/served-once.tsx): on a document request,
 * keeps `value` for the server render and returns null (the loader data leaves it out); on a
 * data request (client navigation, revalidation) or without a load context, returns it for the data.
 */
export function serveOnce<T>(context: AppLoadContext | undefined, name: string, value: T): T | null {
  if (!context?.documentRequest || !context.servedOnce) return value;
  context.servedOnce.set(name, value);
  return null;
}
