/**
 * The application's clock and worker, driven through the test build's routes, for the specs
 * that walk a story over simulated dates.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E } from "./environment";
import { as } from "./support";

const origin = { Origin: E2E.baseUrl };

/** Moves the application's clock (test build only). */
export async function setAppClock(request: APIRequestContext, at: Date | string, frozen = false) {
  const response = await request.post("/essais/horloge", {
    form: { at: new Date(at).toISOString(), frozen: frozen ? "1" : "" },
    headers: origin,
  });
  expect(response.ok()).toBe(true);
}

/** One step of a story: the clock frozen at `at`, then `email` signed in does `work`. */
export async function asAt<T>(
  request: APIRequestContext,
  browser: Browser,
  at: Date | string,
  email: string,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  await setAppClock(request, at, true);
  return as(browser, email, work);
}

export async function resetAppClock(request: APIRequestContext) {
  const response = await request.post("/essais/horloge", { form: { reset: "1" }, headers: origin });
  expect(response.ok()).toBe(true);
}

/**
 * Declares a spec that walks a story over simulated dates: its tests run in order, each step
 * depending on the previous one, and the shared clock is given back when the story ends.
 */
export function storyOnAppClock() {
  test.describe.configure({ mode: "serial" });
  test.afterAll(async ({ request }) => {
    await resetAppClock(request);
  });
}

/** Runs one worker tick now: due jobs, then mail delivery. */
export async function runWorker(request: APIRequestContext) {
  const response = await request.post("/essais/travailleur", { form: {}, headers: origin });
  expect(response.ok()).toBe(true);
  return response.json();
}
