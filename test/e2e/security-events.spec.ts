import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, as, expectAccessible, tryLogin, uniqueEmail } from "./support";

/** Security events as an administrator reads them, and the identity confirmation before a full export (decision 015). */

test("a failed sign-in appears in the journal's security events, without the password typed", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("inconnu");
  await tryLogin(page, email, "Un essai de mot de passe");
  await expect(page.getByRole("alert")).toHaveText("Adresse électronique ou mot de passe incorrect.");
  await as(browser, ACCOUNTS.admin, async (admin) => {
    await expect(async () => {
      await admin.goto("/admin/journal?vue=securite&nature=connexion-echouee");
      await expect(admin.getByRole("row").filter({ hasText: email })).toContainText("Échec de connexion");
    }).toPass({ timeout: 15_000 });
    await expect(admin.locator("main")).not.toContainText("Un essai de mot de passe");
    await expectAccessible(admin);
  });
});

test("the audit journal export asks for the password first, then downloads; the export is recorded with its format", async ({
  browser,
}) => {
  await as(browser, ACCOUNTS.admin, async (page) => {
    await page.goto("/admin/journal");
    await page.getByRole("link", { name: "Exporter en CSV" }).click();
    await expect(page).toHaveURL(/\/confirmer-identite\?retour=%2Fadmin%2Fjournal%2Fexport%3Fformat%3Dcsv$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
    await expectAccessible(page);

    await page.getByLabel("Mot de passe").fill("pas le bon mot de passe");
    await page.getByRole("button", { name: "Confirmer et télécharger" }).click();
    await expect(page.getByRole("alert")).toHaveText("Mot de passe incorrect.");

    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Confirmer et télécharger" }).click();
    expect((await download).suggestedFilename()).toMatch(/^journal-audit-\d{4}-\d{2}-\d{2}\.csv$/);

    // Within ten minutes, the next full export downloads at once.
    await page.goto("/admin/personnes");
    const people = page.waitForEvent("download");
    await page.getByRole("link", { name: "Exporter en Excel (XLSX)" }).click();
    expect((await people).suggestedFilename()).toMatch(/^personnes-.*\.xlsx$/);

    await expect(async () => {
      await page.goto("/admin/journal?vue=securite&nature=export");
      await expect(page.getByRole("row").filter({ hasText: "Journal d'audit" })).toContainText("Thomas Leroy");
      await expect(page.getByRole("row").filter({ hasText: "Journal d'audit" })).toContainText(
        "sans filtre ; format CSV",
      );
      await expect(page.getByRole("row").filter({ hasText: "Personnes" })).toContainText("format XLSX");
    }).toPass({ timeout: 15_000 });
    await page.goto("/admin/journal?vue=securite&nature=confirmation-echouee");
    await expect(page.getByRole("row").filter({ hasText: "Thomas Leroy" })).toContainText(
      "Échec de confirmation d'identité",
    );
    await expect(page.locator("main")).not.toContainText("pas le bon mot de passe");
  });
});
