import { defineConfig } from "@playwright/test";
import { E2E } from "./test/e2e/environment";

// End-to-end tests drive Debian's Chromium against the test build (build-test/, which holds
// the test-only clock routes), served by the real server with a real SMTP server beside it.
// One worker: the tests share one database and one application clock.
function withoutFaketime(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== "LD_PRELOAD" && !entry[0].startsWith("FAKETIME"),
    ),
  );
}

export default defineConfig({
  testDir: "test/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./test/e2e/global-setup.ts",
  use: {
    baseURL: E2E.baseUrl,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      // Chromium does not start under libfaketime (the run with the system clock moved,
      // scripts/test-shifted-clock.sh): the browser keeps the real clock, the servers the moved one.
      env: withoutFaketime(process.env),
    },
  },
});
