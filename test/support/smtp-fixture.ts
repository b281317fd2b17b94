/** The real SMTP test server and a transport to it, for the tests of one file. */
import { afterAll, beforeAll } from "vitest";
import { createTransport, type MailTransport } from "~/modules/mail/transport.server";
import { startSmtpServer, type StartSmtpServerOptions, type TestSmtpServer } from "./smtp-server";

/**
 * Starts the server before the file's tests and closes both after them. The fields are set
 * once the file's `beforeAll` hooks have run, so read them inside hooks and tests only.
 */
export function useSmtpServer(options: StartSmtpServerOptions = {}) {
  const smtp = {} as { server: TestSmtpServer; transport: MailTransport };
  beforeAll(async () => {
    smtp.server = await startSmtpServer(options);
    smtp.transport = createTransport(smtp.server.url)!;
  });
  afterAll(async () => {
    smtp.transport.close();
    await smtp.server.close();
  });
  return smtp;
}
