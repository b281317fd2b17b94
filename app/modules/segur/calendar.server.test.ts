import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { parisInstant } from "~/utils/working-days";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { valueOf } from "../../../test/support/result";
import { segurPilot } from "../../../test/support/segur";
import { segurCalendarProvider } from "./calendar.server";
import { recordCredential } from "./credentials.server";

let editor: SessionUser, coordinator: SessionUser, stranger: SessionUser, director: SessionUser;
let credentialId: string, pilotId: string, keeperId: string, legalEntityId: string;

/** The Paris days [first, last] as the calendar asks for them. */
const days = (first: string, afterLast: string) => ({ from: parisInstant(first), to: parisInstant(afterLast) });

beforeAll(async () => {
  await loadReferenceData();
  ({ pilotId, legalEntityId } = await segurPilot("pe-acsea", { organisationCode: "acsea" }));
  await segurPilot("autre", { organisationCode: "autre-essms" });
  const keeper = await prisma.designatedPerson.create({
    data: { legalEntityId, role: "ADMINISTRATEUR_TECHNIQUE", firstName: "Tom", lastName: "Tech", email: "t@a.example" },
  });
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  stranger = await person("pilote@autre.example", "autre-essms", ["PILOTE_SEGUR"]);
  director = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  keeperId = keeper.id;
  ({ id: credentialId } = valueOf(
    await recordCredential(editor, pilotId, {
      kind: "AUTH_CLI",
      legalEntityId,
      passwordKeeperId: keeper.id,
      reference: "AUTH-1",
      issuedOn: "2024-04-15",
      expiresOn: "2027-04-15",
    }),
  ));
});

describe("Ségur expiries on the calendar", () => {
  it("shows the expiry day of a certificate to the pilot's people and the coordinator, with who keeps its password", async () => {
    for (const user of [editor, coordinator]) {
      const entries = await segurCalendarProvider.entriesFor(user, days("2027-04-01", "2027-05-01"));
      expect(entries).toEqual([
        {
          id: `segur-expiration-${credentialId}`,
          title:
            "Expiration : Certificat logiciel AUTH_CLI (authentification, téléservice INSi) — Association pe-acsea",
          start: parisInstant("2027-04-15"),
          end: parisInstant("2027-04-16"),
          allDay: true,
          day: "2027-04-15",
          kind: "segur-expiration",
          url: "/segur/pilotes/pe-acsea/certificats",
          description: expect.stringContaining("expire le 15 avril 2027. Mot de passe gardé par Tom Tech."),
        },
      ]);
    }
  });

  it("shows nothing outside the range, nor to whoever does not read the pilot", async () => {
    expect(await segurCalendarProvider.entriesFor(editor, days("2027-04-16", "2027-05-01"))).toEqual([]);
    expect(await segurCalendarProvider.entriesFor(editor, days("2027-03-01", "2027-04-15"))).toEqual([]);
    expect(await segurCalendarProvider.entriesFor(stranger, days("2027-04-01", "2027-05-01"))).toEqual([]);
    expect(await segurCalendarProvider.entriesFor(director, days("2027-04-01", "2027-05-01"))).toEqual([]);
  });

  it("no longer shows a certificate once a later one replaced it: the new one's expiry instead", async () => {
    const renewed = valueOf(
      await recordCredential(editor, pilotId, {
        kind: "AUTH_CLI",
        legalEntityId,
        passwordKeeperId: keeperId,
        reference: "AUTH-2",
        issuedOn: "2027-03-20",
        expiresOn: "2030-03-20",
        replacesId: credentialId,
      }),
    );
    expect(await segurCalendarProvider.entriesFor(editor, days("2027-04-01", "2027-05-01"))).toEqual([]);
    const later = await segurCalendarProvider.entriesFor(coordinator, days("2030-03-01", "2030-04-01"));
    expect(later.map((e) => e.id)).toEqual([`segur-expiration-${renewed.id}`]);
  });
});
