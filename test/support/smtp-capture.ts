/**
 * A real SMTP server for the end-to-end tests, run as its own process: every message it
 * receives is parsed and written as JSON into a folder that the Playwright tests read.
 *   tsx test/support/smtp-capture.ts <port> <folder>
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

const [port, folder] = process.argv.slice(2);
mkdirSync(folder, { recursive: true });
let count = 0;

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
    a.value.map((v) => (v.address ?? "").toLowerCase()),
  );

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  async onData(stream, _session, callback) {
    try {
      const mail = await simpleParser(stream);
      count += 1;
      // Written aside then renamed, so a reader never sees half a file.
      const file = join(folder, `${String(count).padStart(5, "0")}.json`);
      writeFileSync(
        `${file}.part`,
        JSON.stringify({
          messageId: mail.messageId,
          to: addresses(mail.to),
          cc: addresses(mail.cc),
          subject: mail.subject,
          text: mail.text,
          html: typeof mail.html === "string" ? mail.html : null,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: a.size,
            base64: a.content.toString("base64"),
          })),
        }),
      );
      renameSync(`${file}.part`, file);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  },
});

server.listen(Number(port), "127.0.0.1", () => console.log(`SMTP de test sur 127.0.0.1:${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
