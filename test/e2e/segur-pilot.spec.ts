import { expect, test } from "@playwright/test";
import { ACCOUNTS, as, expectAccessible, open } from "./support";

/**
 * The demo Ségur pilot (Élodie Fontaine, Chanteclair) takes its establishment through the
 * prerequisites: it opens the steps, asks the ANS contract too early and is told which step comes
 * first (what she typed kept), asks two independent steps in parallel, designates the technical
 * administrator and records an AUTH_CLI certificate with the person who keeps its password. The
 * coordinator then reads the pilot without its forms. Every page passes axe. The steps are dated
 * the application's today: this spec does not move the shared clock.
 */
test.describe.configure({ mode: "serial" });

const PILOT = "/segur/pilotes/pe-chanteclair";
const CONTRACT = "Contrat ANS signé (carte CDE du représentant légal)";

/** Opens a step of the pilot from its page. */
async function openStep(page: import("@playwright/test").Page, label: string) {
  await open(page, PILOT);
  await page.getByRole("link", { name: label, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

test("the pilot opens its prerequisites: the graph's first steps can start at once", async ({ browser }) => {
  await as(browser, ACCOUNTS.piloteSegur, async (page) => {
    await open(page, PILOT);
    await page.getByRole("button", { name: "Ouvrir les étapes manquantes" }).click();
    await expect(page.getByText(/étapes? ouvertes?\./)).toBeVisible();
    await expect(page.getByRole("table", { name: "Entité juridique (FINESS juridique) : Chanteclair" })).toBeVisible();
    await expectAccessible(page);
    await open(page, "/segur");
    const next = page.getByRole("region", { name: "Prochaines étapes" });
    await expect(next.getByRole("link", { name: "FINESS juridique vérifié" })).toBeVisible();
    await expect(next.getByRole("link", { name: "Auto-homologation INS" })).toBeVisible();
    await expect(next.getByRole("link", { name: CONTRACT })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test("a step asked out of order is refused, naming the step that comes first; two independent ones go on in parallel", async ({
  browser,
}) => {
  await as(browser, ACCOUNTS.piloteSegur, async (page) => {
    await openStep(page, CONTRACT);
    await page.getByLabel("Canal").selectOption("DEMARCHES_SIMPLIFIEES");
    await page.getByLabel("Démarche faite par").fill("Brigitte Lemaire, directrice générale");
    await page.getByRole("button", { name: "Enregistrer la demande" }).click();
    await expect(
      page
        .getByText("Étape impossible : le FINESS juridique doit d'abord être vérifié dans le fichier national.")
        .last(),
    ).toBeVisible();
    await expect(page.getByLabel("Démarche faite par")).toHaveValue("Brigitte Lemaire, directrice générale");
    await expect(page.getByLabel("Canal")).toHaveValue("DEMARCHES_SIMPLIFIEES");
    await expectAccessible(page);

    for (const [label, channel] of [
      ["FINESS juridique vérifié", "BASE_FINESS"],
      ["Auto-homologation INS", "COMMISSION_INTERNE"],
    ]) {
      await openStep(page, label);
      await page.getByLabel("Canal").selectOption(channel);
      await page.getByRole("button", { name: "Enregistrer la demande" }).click();
      await expect(page.getByText("« Enregistrer la demande » : c'est enregistré.")).toBeVisible();
      await expect(page.getByText("Demandé", { exact: true }).first()).toBeVisible();
    }
    await expectAccessible(page);

    // The FINESS found in the national file: the ANS contract may now be asked.
    await openStep(page, "FINESS juridique vérifié");
    await page.getByLabel("Référence").fill("FINESS 590000000");
    await page.getByRole("button", { name: "Enregistrer l'obtention" }).click();
    await expect(page.getByText("« Enregistrer l'obtention » : c'est enregistré.")).toBeVisible();
    // Asked and obtained the same day: its lead time is told.
    await expect(page.getByText(/^Délai d'obtention/)).toBeVisible();
    await expect(page.getByText("0 jour", { exact: true })).toBeVisible();
    await open(page, "/segur");
    await expect(
      page.getByRole("region", { name: "Prochaines étapes" }).getByRole("link", { name: CONTRACT }),
    ).toBeVisible();
    await open(page, PILOT);
    const entitySteps = page.getByRole("table", { name: "Entité juridique (FINESS juridique) : Chanteclair" });
    await expect(entitySteps.getByRole("row", { name: /Auto-homologation INS/ })).toContainText("Demandé");
    await expect(entitySteps.getByRole("row", { name: /FINESS juridique vérifié/ })).toContainText("Obtenu");
  });
});

test("the pilot designates the technical administrator and records an AUTH_CLI certificate with its password keeper", async ({
  browser,
}) => {
  await as(browser, ACCOUNTS.piloteSegur, async (page) => {
    await open(page, `${PILOT}/personnes`);
    await page.getByLabel("Rôle").selectOption("ADMINISTRATEUR_TECHNIQUE");
    await page.getByLabel("Prénom").fill("Inès");
    await page.getByLabel("Nom", { exact: true }).fill("Morel");
    await page.getByLabel("Adresse électronique").fill("ines.morel@chanteclair.example");
    await page.getByRole("button", { name: "Inscrire au registre" }).click();
    await expect(page.getByText("La personne est inscrite au registre.")).toBeVisible();
    await expect(page.getByRole("row", { name: /Inès Morel/ })).toContainText("Administrateur technique");
    await expectAccessible(page);

    await open(page, `${PILOT}/certificats`);
    await page.getByLabel("Type").selectOption("AUTH_CLI");
    await page.getByLabel("Référence").fill("AUTH_CLI INSI-AUTO 2026");
    await page.getByLabel(/^Gardien du mot de passe/).selectOption({ label: "Inès Morel (Chanteclair)" });
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Le titre est enregistré : ses rappels d'expiration sont programmés.")).toBeVisible();
    const row = page.getByRole("row", { name: /AUTH_CLI/ });
    await expect(row).toContainText("mot de passe gardé par Inès Morel");
    await expectAccessible(page);
  });
});

test("the coordinator reads the pilot without its forms", async ({ browser }) => {
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, PILOT);
    await expect(page.getByRole("heading", { level: 1, name: "Chanteclair — Silao" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ouvrir les étapes manquantes" })).toHaveCount(0);
    await expect(page.getByText("mot de passe gardé par Inès Morel")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: CONTRACT }).click();
    await expect(page.getByRole("heading", { level: 1, name: CONTRACT })).toBeVisible();
    await expect(page.getByRole("button", { name: "Enregistrer la demande" })).toHaveCount(0);
    await expectAccessible(page);
  });
});
