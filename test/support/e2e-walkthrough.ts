import { test } from "@playwright/test";
import { resetAppClock } from "../e2e/support";

/**
 * For a spec that walks one record through its process over simulated dates: each test takes
 * over where the previous one left the record, so they run in order; and the application clock
 * the tests froze goes back to real time after them, for the specs that follow.
 */
export function walkThroughOverSimulatedDates() {
  test.describe.configure({ mode: "serial" });
  test.afterAll(async ({ request }) => {
    await resetAppClock(request);
  });
}
