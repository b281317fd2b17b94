import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { setPersonActive } from "~/modules/people/admin.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { refusedAs, valueOf } from "../../../test/support/result";
import { segurPilot } from "../../../test/support/segur";
import { useSmtpServer } from "../../../test/support/smtp-fixture";
import { addDesignatedPerson, markDesignatedPersonLeft } from "./designated-people.server";
import type { DesignatedRole } from "./vocabulary";
import { openPilotSteps } from "./steps.server";

const smtp = useSmtpServer();
let editor: SessionUser, coordinator: SessionUser, stranger: SessionUser, admin: SessionUser;
let pilotId: string, legalEntityId: string;

/** Designates « First Last » (first@acsea.example) in the pilot's legal entity; their id. */
async function designate(role: DesignatedRole, name: string, userId: string | null = null) {
  const [firstName, lastName] = name.split(" ");
  const email = `${firstName.toLowerCase()}@acsea.example`;
  const input = { role, firstName, lastName, email, userId };
  return valueOf(await addDesignatedPerson(editor, pilotId, legalEntityId, input)).id;
}

beforeAll(async () => {
  await loadReferenceData();
  ({ pilotId, legalEntityId } = await segurPilot("pe-acsea", {
    organisationCode: "acsea",
    serviceEmail: "si@acsea.example",
    contactEmails: ["projet@acsea.example"],
  }));
  await segurPilot("autre", { organisationCode: "autre" });
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  stranger = await person("pilote@autre.example", "autre", ["PILOTE_SEGUR"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  admin = await person("admin@cnsa.example", "cnsa", ["ADMIN"]);
});

describe("the register of designated people", () => {
  it("adds a person to one of the pilot's legal entities, not to another's, and only for its editors", async () => {
    const input = { role: "MANDATAIRE_ANS" as const, firstName: "Ana", lastName: "Mandat", email: "ana@acsea.example" };
    const id = valueOf(await addDesignatedPerson(editor, pilotId, legalEntityId, input)).id;
    expect(await prisma.designatedPerson.findUniqueOrThrow({ where: { id } })).toMatchObject({
      role: "MANDATAIRE_ANS",
      leftOn: null,
    });
    const foreign = await prisma.legalEntity.create({ data: { name: "Hors pilote" } });
    expect(await addDesignatedPerson(editor, pilotId, foreign.id, input)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await addDesignatedPerson(stranger, pilotId, legalEntityId, input)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await addDesignatedPerson(coordinator, pilotId, legalEntityId, input)).toMatchObject(refusedAs("INTERDIT"));
  });

  it("tells the pilot's people, its contacts and the coordinators which steps and credentials depend on a person who left", async () => {
    const managerId = await designate("GESTIONNAIRE_RPPS", "Paul Gestion");
    valueOf(await openPilotSteps(editor, pilotId));
    await prisma.segurCredential.create({
      data: {
        kind: "AUTH_CLI",
        legalEntityId,
        issuedOn: "2026-01-10",
        expiresOn: "2029-01-10",
        passwordKeeperId: managerId,
      },
    });
    await deliverDueMails({ transport: smtp.transport });
    const before = smtp.server.messages.length;

    expect(
      await markDesignatedPersonLeft(stranger, pilotId, { personId: managerId, leftOn: "2026-11-30" }),
    ).toMatchObject(refusedAs("INTROUVABLE"));
    expect(
      valueOf(await markDesignatedPersonLeft(editor, pilotId, { personId: managerId, leftOn: "2026-11-30" })),
    ).toEqual({ mails: 1 });
    expect(
      await markDesignatedPersonLeft(editor, pilotId, { personId: managerId, leftOn: "2026-11-30" }),
    ).toMatchObject(refusedAs("REFUSE"));
    await deliverDueMails({ transport: smtp.transport });
    const sent = smtp.server.messages.slice(before);
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail.to.sort()).toEqual(["pilote@acsea.example", "projet@acsea.example"]);
    expect(mail.cc).toEqual(["coord@cnsa.example"]);
    expect(mail.subject).toBe("[Ségur] Pilote pe-acsea : départ de Paul Gestion");
    const listed = mail.text!.split("\n").filter((line) => line.startsWith("- "));
    const because = (why: string) => listed.filter((line) => line.endsWith(why)).length;
    // Their own three steps, the three that wait on them, the certificate whose password they keep.
    expect(
      [": étape à son nom", ": attend une étape à son nom", ": cette personne en garde le mot de passe"].map(because),
    ).toEqual([3, 3, 1]);
    expect(listed[0]).toBe("- Carte CPE du gestionnaire RPPS+ : étape à son nom");
    expect(listed[6]).toContain(
      "Certificat logiciel AUTH_CLI (authentification, téléservice INSi), valable jusqu'au 10 janvier 2029",
    );
    expect(mail.text).toContain("/segur/pilotes/pe-acsea");
  });

  it("counts a deactivated account as a departure, told in the deactivation's transaction", async () => {
    const account = await person("rl@acsea.example", "acsea", ["PILOTE_SEGUR"]);
    const id = await designate("REPRESENTANT_LEGAL", "Rita Légal", account.id);
    const before = smtp.server.messages.length;
    valueOf(await setPersonActive(admin, account.id, false));
    expect((await prisma.designatedPerson.findUniqueOrThrow({ where: { id } })).leftOn).not.toBeNull();
    await deliverDueMails({ transport: smtp.transport });
    const sent = smtp.server.messages.slice(before);
    expect(sent.map((m) => m.subject)).toEqual(["[Ségur] Pilote pe-acsea : départ de Rita Légal"]);
    expect(sent[0].text).toContain("Aucune étape du pilote n'est à son nom.");
  });
});
