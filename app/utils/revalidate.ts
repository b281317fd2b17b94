/**
 * Remix does not reload a page's data after an action answered 4xx. A stale form (409, decision
 * 019) must still show the record as it now is, beside the text the person typed (kept in the
 * action's data), so the routes whose forms carry a row version export this.
 */
import type { ShouldRevalidateFunction } from "@remix-run/react";

export const revalidateAfterConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;
