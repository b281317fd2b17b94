import { resolve } from "node:path";

// E2E_PORT and E2E_SMTP_PORT let two checkouts run their end-to-end tests side by side.
const port = Number(process.env.E2E_PORT ?? 3210);

/** Where the end-to-end run keeps its server, database and received mails. */
export const E2E = {
  port,
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 2526),
  baseUrl: `http://localhost:${port}`,
  dir: resolve("data/e2e"),
  mailDir: resolve("data/e2e/mails"),
  serverPidFile: resolve("data/e2e/server.pid"),
  /**
   * The instant the application's clock starts from (app/utils/clock.server.ts), whatever
   * today is: the demo data, the first monthly dispatch (25 November 2026) and every spec's
   * dates are laid out from it.
   */
  clockStart: "2026-10-30T08:00:00Z",
};
