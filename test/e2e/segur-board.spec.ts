import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, as, expectAccessible, open } from "./support";

/**
 * Issue 11's objectives: the Ségur pilot of Chanteclair adds two use cases and records their
 * outcomes (a refused form keeps what was typed), then the coordinator's board shows them in
 * 002's matrix — each cell's outcome in words, not colour alone — and an ARS of another region
 * has none of it.
 */
const OBJECTIVES = "/segur/pilotes/pe-chanteclair/objectifs";
const PSC_USE = "Se connecter au dossier de l'usager par Pro Santé Connect";
const MSS_USE = "Adresser un compte rendu au médecin traitant";

async function addUseCase(page: Page, service: string, what: string, counterpart: string, boxType?: string) {
  const form = page.getByRole("region", { name: "Ajouter un cas d'usage" });
  await form.getByLabel("Service socle").selectOption({ label: service });
  await form.getByLabel("Cas d'usage").fill(what);
  await form.getByLabel("Avec qui").fill(counterpart);
  await form.getByLabel("Environnement réel").check();
  if (boxType) await form.getByLabel("Type de boîte aux lettres (MSSanté seulement)").selectOption({ label: boxType });
  await form.getByRole("button", { name: "Ajouter le cas d'usage" }).click();
}

/** Records the outcome `event` (its button's words) of the use case `what`. */
async function record(page: Page, what: string, event: string) {
  const useCase = page.getByRole("article", { name: what });
  await useCase.getByText("Enregistrer le résultat de ce cas d'usage").click();
  await useCase.getByRole("form", { name: event }).getByRole("button", { name: event }).click();
  await expect(page.getByText(`« ${event} » : c'est enregistré.`)).toBeVisible();
}

test("a pilot records two objectives' outcomes and the coordinator's board shows them in the matrix", async ({
  browser,
}) => {
  await as(browser, ACCOUNTS.piloteSegur, async (page) => {
    await open(page, OBJECTIVES);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Objectifs du pilote Chanteclair — Silao");
    await expectAccessible(page);

    // An MSSanté use case needs its box type: refused, what was typed stays.
    await addUseCase(page, "Messagerie sécurisée de santé (MSSanté)", MSS_USE, "Médecin généraliste");
    await expect(page.getByText("Choisissez le type de boîte aux lettres MSSanté.")).toBeVisible();
    await expect(page.getByRole("textbox", { name: /^Cas d'usage/ })).toHaveValue(MSS_USE);
    await expectAccessible(page);
    await addUseCase(
      page,
      "Messagerie sécurisée de santé (MSSanté)",
      MSS_USE,
      "Médecin généraliste",
      "Boîte aux lettres organisationnelle",
    );
    await expect(page.getByText("Le cas d'usage est ajouté.")).toBeVisible();
    await addUseCase(page, "Pro Santé Connect (PSC)", PSC_USE, "Pro Santé Connect");

    await record(page, MSS_USE, "Déclarer atteint en environnement réel");
    await record(page, PSC_USE, "Déclarer atteint en environnement de test");
    await expect(page.getByRole("article", { name: PSC_USE })).toContainText("Atteint en test le");
    await expectAccessible(page);
  });

  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await page
      .getByRole("navigation", { name: "Menu principal" })
      .getByRole("link", { name: "Tableau des pilotes Ségur" })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tableau des pilotes Ségur");
    const matrix = page.getByRole("table", { name: "Objectifs des pilotes par établissement et service socle" });
    const row = matrix.getByRole("row").filter({ hasText: "Chanteclair — Silao" });
    const cells = row.getByRole("cell");
    // Pilote, Établissement, INS, DMP, MSSanté, PSC: each cell says its outcome in words.
    await expect(cells.nth(4)).toContainText("Objectif atteint en environnement réel");
    await expect(cells.nth(4)).toContainText(MSS_USE);
    await expect(cells.nth(4)).toContainText("Autres : Transmettre des informations de suivi");
    await expect(cells.nth(5)).toContainText("Objectif atteint en environnement de test");
    await expect(cells.nth(5)).toContainText(PSC_USE);
    await expectAccessible(page);

    await row.getByRole("link", { name: "Chanteclair — Silao" }).click();
    await expect(page).toHaveURL(new RegExp(`${OBJECTIVES}$`));
    await expect(page.getByRole("region", { name: "Ajouter un cas d'usage" })).toHaveCount(0);
    await expectAccessible(page);
  });
});
