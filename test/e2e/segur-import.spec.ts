import { expect, test, type Page } from "@playwright/test";
import { withFinessKey } from "~/utils/finess";
import { ACCOUNTS, as, expectAccessible, open } from "./support";

/**
 * Issue 12's import: the coordinator sends an extract with bad lines (none imported, the report
 * names them and downloads), then the corrected file (its progress, then the counts), then the
 * same file again (nothing changes); a PDF named .csv is refused for its content. Axe on each step.
 */
const HEADER = "finess_geographique;finess_juridique;nom;nom_entite_juridique;departement;categorie;secteur";
const LINES = Array.from(
  { length: 1_200 },
  (_, i) =>
    `${withFinessKey(`86${String(i).padStart(6, "0")}`)};${withFinessKey("86900000")};Établissement ${i};Association Vienne;86;MECS;AUTRE`,
);

async function send(page: Page, name: string, text: string, mimeType = "text/csv") {
  await page.getByLabel(/^Extrait des établissements/).setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Importer" }).click();
}

test("the coordinator imports an extract: bad lines refused with their report, then applied, then unchanged", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, "/segur/pilotes");
    await page.getByRole("link", { name: "Registre des établissements" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registre des établissements");
    await expectAccessible(page);

    await send(page, "extrait.csv", "%PDF-1.7\n%%EOF\n");
    await expect(page.getByText(/son contenu est celui d'un document PDF/).first()).toBeVisible();
    await expectAccessible(page);

    const bad = [...LINES];
    bad[10] = bad[10]!.replace(";86;", ";99;");
    await send(page, "extrait.csv", [HEADER, ...bad].join("\n"));
    await expect(page.getByText("Refusé : aucune ligne importée").first()).toBeVisible({ timeout: 30_000 });
    const problems = page.getByRole("table", { name: "Problèmes du fichier" });
    await expect(
      problems.getByRole("row", { name: /^12 departement 99 un code de département existant/ }),
    ).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /CSV/ }).first().click();
    expect((await download).suggestedFilename()).toBe("rapport-import-extrait.csv");
    await expectAccessible(page);

    await send(page, "extrait-corrige.csv", [HEADER, ...LINES].join("\n"));
    await expect(page.getByText("Appliqué").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("1 200 établissement(s) ajouté(s)")).toBeVisible();
    await expect(page.getByText("1 200 établissements au registre, selon le dernier import appliqué.")).toBeVisible();
    await expectAccessible(page);

    await send(page, "extrait-corrige.csv", [HEADER, ...LINES].join("\n"));
    await expect(page.getByText("Sans changement").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("1 200 inchangé(s)")).toBeVisible();
  });
});
