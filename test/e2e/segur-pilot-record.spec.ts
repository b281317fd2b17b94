import { expect, test } from "@playwright/test";
import { ACCOUNTS, as, expectAccessible, open } from "./support";

/**
 * A Ségur pilot born in the browser: the coordinator creates it from the board (a period
 * backwards is refused, what was typed stays, the code included), adds an establishment with its
 * FINESS numbers (a wrong key refused), a contact, starts it; then the establishment's pilot
 * finds it and adds a contact of their own, without the coordinator's settings. Axe on each page.
 */
const CODE = "pe-chanteclair-2027";

test("the coordinator creates a pilot, gives it an establishment and a contact, starts it; its people add a contact", async ({
  browser,
}) => {
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, "/segur/pilotes");
    await page.getByRole("link", { name: "Créer un pilote" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Créer un pilote Ségur");
    await expectAccessible(page);

    await page.getByLabel(/^Nom du pilote/).fill("Chanteclair — généralisation 2027");
    await page.getByLabel(/^Code du pilote/).fill(CODE);
    await page.getByLabel(/^Territoire/).selectOption({ label: "33 — Gironde" });
    await page.getByLabel(/^Début/).fill("2027-03-01");
    await page.getByLabel(/^Fin/).fill("2027-02-01");
    await page.getByLabel("Chanteclair", { exact: true }).check();
    await page.getByRole("button", { name: "Créer le pilote" }).click();
    await expect(page.getByText(/^La fin ne peut pas précéder le début/)).toBeVisible();
    await expect(page.getByLabel(/^Code du pilote/)).toHaveValue(CODE);
    await expect(page.getByLabel("Chanteclair", { exact: true })).toBeChecked();
    await expectAccessible(page);

    await page.getByLabel(/^Fin/).fill("2027-07-09");
    await page.getByRole("button", { name: "Créer le pilote" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fiche du pilote");
    await expect(page.getByText(/^Le pilote est créé/)).toBeVisible();
    await expectAccessible(page);

    const site = page.getByRole("region", { name: "Ajouter un établissement" });
    await site.getByLabel(/^Nom de l'autre entité juridique/).fill("Association Chanteclair");
    await site.getByLabel(/^FINESS juridique de l'autre entité/).fill("330000018");
    await site.getByLabel(/^FINESS géographique/).fill("330000027");
    await site.getByLabel(/^Nom de l'établissement/).fill("Maison d'enfants Chanteclair");
    await site.getByLabel(/^Catégorie/).fill("MECS");
    await site.getByRole("button", { name: "Ajouter l'établissement" }).click();
    await expect(site.getByText(/la clé/)).toBeVisible();
    await expect(site.getByLabel(/^Nom de l'établissement/)).toHaveValue("Maison d'enfants Chanteclair");
    await site.getByLabel(/^FINESS juridique de l'autre entité/).fill("330000019");
    await site.getByRole("button", { name: "Ajouter l'établissement" }).click();
    await expect(page.getByText(/^L'établissement fait partie du pilote/)).toBeVisible();

    const contacts = page.getByRole("region", { name: "Contacts" });
    await contacts.getByLabel(/^Nom/).fill("Rémi Chef");
    await contacts.getByLabel(/^Fonction/).fill("Chef de projet");
    await contacts.getByLabel(/^Adresse électronique/).fill("remi.chef@chanteclair.example");
    await contacts.getByRole("button", { name: "Ajouter le contact" }).click();
    await expect(page.getByRole("cell", { name: "remi.chef@chanteclair.example" })).toBeVisible();

    await page.getByRole("button", { name: "Démarrer le pilote" }).click();
    await expect(page.getByText("« Démarrer le pilote » : c'est enregistré.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Vie du pilote" })).toContainText("En cours");
    await expectAccessible(page);

    await open(page, `/segur/pilotes/${CODE}`);
    await expect(page.getByRole("row", { name: /Maison d'enfants Chanteclair 330000027 MECS/ })).toBeVisible();
    await expectAccessible(page);
  });

  await as(browser, ACCOUNTS.piloteSegur, async (page) => {
    await open(page, `/segur/pilotes/${CODE}`);
    await page.getByRole("link", { name: /^Fiche du pilote : ajouter/ }).click();
    await expect(page.getByRole("region", { name: "Réglages" })).toHaveCount(0);
    const contacts = page.getByRole("region", { name: "Contacts" });
    await contacts.getByLabel(/^Nom/).fill("Élodie Référente");
    await contacts.getByLabel(/^Fonction/).fill("Référente Ségur");
    await contacts.getByRole("button", { name: "Ajouter le contact" }).click();
    await expect(page.getByRole("cell", { name: "Élodie Référente" })).toBeVisible();
    await expectAccessible(page);
  });
});
