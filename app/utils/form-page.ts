/**
 * What a page with forms reads on each render, in one call: its loader's data, what its action
 * answered (a refusal carries what was typed, so the form shows it again) and whether a post is
 * on its way (the page disables its buttons meanwhile, so a double click posts once).
 */
import type { SerializeFrom } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";

/** The answer's type: the action's serialised return, or a type the route declares for it. */
type Answer<A> = A extends (...args: never[]) => unknown ? SerializeFrom<A> : A;

/** Whether a form of this page is being posted. */
export function usePosting(): boolean {
  return useNavigation().state === "submitting";
}

/** `useFormPage<typeof loader, typeof action>()`, or `<typeof loader, ActionData>` for a declared answer. */
export function useFormPage<Loader, Action>() {
  const data = useLoaderData<Loader>();
  const answer = useActionData() as Answer<Action> | undefined;
  return { data, answer, busy: usePosting() };
}
