import { resolve } from "node:path";

/** Where the end-to-end run keeps its server, database and received mails. */
export const E2E = {
  port: 3210,
  smtpPort: 2526,
  baseUrl: "http://localhost:3210",
  dir: resolve("data/e2e"),
  mailDir: resolve("data/e2e/mails"),
};
