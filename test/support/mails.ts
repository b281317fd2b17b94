/** A plain mail for the outbox and sender tests; each test changes only what it looks at. */
import type { NewMail } from "~/modules/mail/outbox.server";

export function testMail(overrides: Partial<NewMail> = {}): NewMail {
  return {
    template: "test.mail",
    to: ["marie.martin@mdph69.example.fr"],
    subject: "Objet du message",
    text: "Bonjour,\n\nTexte.",
    html: "<p>Bonjour,</p>",
    ...overrides,
  };
}
