import { beforeAll, describe, expect, it } from "vitest";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { describeData, listAuditEntries, verifyJournals } from "./admin.server";
import { audit } from "./audit.server";

let userId: string;

beforeAll(async () => {
  const organisation = await prisma.organisation.create({
    data: { code: "cnsa", kind: "CNSA", name: "Caisse nationale de solidarité pour l'autonomie", shortName: "CNSA" },
  });
  userId = (
    await prisma.user.create({
      data: { email: "lea.martin@cnsa.example", firstName: "Léa", lastName: "Martin", organisationId: organisation.id },
    })
  ).id;
  const actor = { id: userId, label: "Léa Martin" };
  await audit({ actor, action: "connexion", entityType: "Utilisateur", entityId: userId, data: { ip: "10.0.0.1" } });
  await audit({
    actor,
    action: "organisation-modifiee",
    entityType: "Organisation",
    entityId: organisation.id,
    data: { modifications: { shortName: { avant: "Cnsa", apres: "CNSA" } } },
  });
  await audit({
    actor,
    action: "personne-modifiee",
    entityType: "Utilisateur",
    entityId: userId,
    data: {
      modifications: {
        roles: { avant: ["MEMBRE_GT"], apres: ["MEMBRE_GT", "ADMIN"] },
        phone: { avant: null, apres: "01 23 45 67 89" },
      },
    },
  });
});

describe("the audit log as administrators read it", () => {
  it("lists entries newest first, in French, with the names of the records", async () => {
    const { entries, total } = await listAuditEntries({});
    expect(total).toBe(3);
    expect(entries.map((e) => e.actionLabel)).toEqual(["Personne modifiée", "Organisation modifiée", "Connexion"]);
    expect(entries[0]).toMatchObject({
      entityTypeLabel: "Personne",
      entityName: "Léa Martin",
      href: `/admin/personnes/${userId}`,
    });
    expect(entries[1]).toMatchObject({
      entityTypeLabel: "Organisation",
      entityName: "CNSA",
      details: "nom court : Cnsa → CNSA",
    });
    expect(entries[0].details).toBe(
      "rôles : Membre de groupe de travail → Membre de groupe de travail, Administrateur ; téléphone : ∅ → 01 23 45 67 89",
    );
  });

  it("filters by action, record type and record", async () => {
    expect((await listAuditEntries({ action: "connexion" })).entries.map((e) => e.details)).toEqual([
      "adresse IP : 10.0.0.1",
    ]);
    expect((await listAuditEntries({ type: "Utilisateur", id: userId })).total).toBe(2);
    expect((await listAuditEntries({ type: "Organisation" }, { take: 1, skip: 0 })).entries).toHaveLength(1);
  });

  it("shows unknown data as it was recorded", () => {
    expect(describeData("pas du JSON")).toBe("pas du JSON");
    expect(describeData("{}")).toBe("");
  });
});

describe("the integrity check", () => {
  it("reports the count of entries checked, then where a forged entry breaks the chain", async () => {
    expect(await verifyJournals()).toEqual({
      ok: true,
      lines: [
        { log: "audit", ok: true, text: "Journal d'audit : 3 entrées vérifiées, chaîne intacte." },
        { log: "evenements", ok: true, text: "Journal des événements des processus : vide, rien à vérifier." },
      ],
    });
    // Updates and deletions are refused by triggers; an entry inserted behind the app's back is not.
    const forged = await prisma.auditEntry.create({
      data: {
        at: now(),
        actorLabel: "Inconnu",
        action: "connexion",
        entityType: "Utilisateur",
        data: "{}",
        prevHash: "0".repeat(64),
        hash: "f".repeat(64),
      },
    });
    const report = await verifyJournals();
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toEqual({
      log: "audit",
      ok: false,
      text: `Journal d'audit : chaîne rompue à l'entrée n° ${forged.seq} (maillon précédent modifié ou supprimé), après 3 entrées intactes.`,
    });
  });
});
