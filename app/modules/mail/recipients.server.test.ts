/**
 * The one addressing policy, checked through the domains' mails: the same people are left out
 * whichever domain writes (decision 023).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { organisationPeople } from "~/modules/groups/recipients.server";
import { directorsOf, serviceRecipients } from "~/modules/reprise/recipients.server";
import { peopleOfOrganisations } from "~/modules/rfc/recipients.server";
import { mailsOf } from "./mailing.server";
import { addressesOf, uniqueAddresses } from "./recipients.server";

let mdph53: string;

beforeAll(async () => {
  await loadReferenceData();
  mdph53 = (await prisma.organisation.findUniqueOrThrow({ where: { code: "mdph-53" } })).id;
  await person("Directrice@MDPH53.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  await person("membre@mdph53.example", "mdph-53", ["MEMBRE_GT"]);
  const invited = await person("invitee@mdph53.example", "mdph-53", ["DIRECTEUR_MDPH", "MEMBRE_GT"]);
  await prisma.user.update({ where: { id: invited.id }, data: { passwordHash: null } });
  const gone = await person("partie@mdph53.example", "mdph-53", ["DIRECTEUR_MDPH", "MEMBRE_GT"]);
  await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
  await person("agent@rennes.example", "men-stsi-rennes", ["SERVICE_ETAT"]);
});

describe("who receives the domains' mails", () => {
  it("an invited person who has not set a password yet, or a deactivated one, gets no mail from any domain", async () => {
    expect(await directorsOf(prisma, mdph53)).toEqual(["directrice@mdph53.example"]);
    expect(await organisationPeople(prisma, [mdph53])).toEqual(["directrice@mdph53.example", "membre@mdph53.example"]);
    expect(await peopleOfOrganisations(prisma, [mdph53])).toEqual([
      "directrice@mdph53.example",
      "membre@mdph53.example",
    ]);
  });

  it("nobody of a deactivated organisation gets a mail, even a State service's people", async () => {
    const rennes = await prisma.organisation.findUniqueOrThrow({ where: { code: "men-stsi-rennes" } });
    expect(await serviceRecipients(prisma, "OPALES", "RENNES", { headOffice: false })).toEqual(
      uniqueAddresses([rennes.email, "agent@rennes.example"]),
    );
    await prisma.organisation.update({ where: { id: rennes.id }, data: { active: false } });
    try {
      expect(await serviceRecipients(prisma, "OPALES", "RENNES", { headOffice: false })).toEqual([]);
    } finally {
      await prisma.organisation.update({ where: { id: rennes.id }, data: { active: true } });
    }
  });

  it("an empty list of organisations or roles means nobody, not everybody", async () => {
    expect(await addressesOf(prisma, { organisationIds: [] })).toEqual([]);
    expect(await addressesOf(prisma, { organisationIds: [mdph53], roles: [] })).toEqual([]);
  });

  it("lists each address once, whatever its case, and copies nobody already addressed", () => {
    const [mail] = mailsOf({
      template: "essai.un",
      to: ["A@Example.fr", "a@example.fr ", null],
      cc: ["a@example.fr", "B@example.fr"],
      subject: "Objet",
      paragraphs: ["Texte."],
      footer: "Pied.",
    });
    expect(mail).toMatchObject({ to: ["a@example.fr"], cc: ["b@example.fr"] });
  });

  it("sends to the copies when nobody is left to address, and nothing when nobody at all", () => {
    const mailing = { template: "essai.un", subject: "Objet", paragraphs: ["Texte."], footer: "Pied." };
    expect(mailsOf({ ...mailing, to: [], cc: ["pilote@example.fr"] })).toMatchObject([
      { to: ["pilote@example.fr"], cc: [] },
    ]);
    expect(mailsOf({ ...mailing, to: [null], cc: [] })).toEqual([]);
  });

  it("one mail per address with its own key when sent separately", () => {
    const mails = mailsOf({
      template: "essai.chacun",
      to: ["b@example.fr", "a@example.fr"],
      subject: "Objet",
      paragraphs: ["Texte."],
      footer: "Pied.",
      delivery: "each",
      idempotencyKey: "cle",
    });
    expect(mails.map((m) => [m.to, m.idempotencyKey])).toEqual([
      [["b@example.fr"], "cle:b@example.fr"],
      [["a@example.fr"], "cle:a@example.fr"],
    ]);
  });
});
