import { expect, test } from "@playwright/test";
import { ACCOUNTS, as, open } from "./support";

/**
 * A stale form answers 409 (decision 019) and the page keeps the French message and what was
 * typed. The second save posts the settings unchanged: it only moves the group's row version.
 */
const SETTINGS = "/groupes/sphere-education/parametres";

test("a form saved over someone else's change answers 409 and keeps the text typed", async ({ browser }) => {
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, SETTINGS);
    const name = page.getByLabel("Nom du groupe");
    const typed = `${await name.inputValue()} (nom retapé)`;
    await name.fill(typed);

    // Meanwhile the same settings are saved from another tab.
    const other = await page.context().newPage();
    await open(other, SETTINGS);
    await other.getByRole("button", { name: "Enregistrer les paramètres" }).click();
    await expect(other).toHaveURL(/\/groupes\/sphere-education\?fait=parametres/);
    await other.close();

    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Enregistrer les paramètres" }).click(),
    ]);
    expect(answer.status()).toBe(409);
    await expect(page.getByText("a été modifié par quelqu'un d'autre")).toBeVisible();
    await expect(page.getByLabel("Nom du groupe")).toHaveValue(typed);
    await expect(page).toHaveURL(new RegExp(`${SETTINGS}$`));
  });
});
