import { expect, test } from "@playwright/test";
import { asAt, runWorker, setAppClock, storyOnAppClock } from "./story";
import { ACCOUNTS, as, open, expectAccessible, waitForMail } from "./support";

/**
 * The sphère emploi group of the 2007 meeting goes from proposed to validated: its pilot
 * (France Travail, "à valider") writes the mission letter in the editor, the CNSA validates the
 * pilot and the group; a meeting is held and decides an action that falls overdue, which the
 * owners are told about and the coordinator sees. Every page passes axe.
 *
 * The specs share one database and one application clock and run in file-name order; this one
 * comes after reprise.spec.ts and rfc.spec.ts and its dates (March 2027) after theirs, so that
 * moving the clock forward never fires another spec's jobs before that spec expects them.
 */
storyOnAppClock();

const WRITTEN = "2027-03-01T08:00:00Z";
const AFTER_DUE_DAY = "2027-03-17T08:00:00Z"; // the action is due on 15 March

test("the pilot writes the mission letter in the editor: perimeter, each organisation's role, deliverables", async ({
  browser,
  request,
}) => {
  await asAt(request, browser, WRITTEN, ACCOUNTS.pilote, async (page) => {
    await open(page, "/groupes/sphere-emploi");
    await expect(page.getByText("À valider", { exact: true }).first()).toBeVisible();
    await open(page, "/groupes/sphere-emploi/lettre");
    await expect(page.getByRole("toolbar").first()).toBeVisible();
    await page.getByRole("textbox", { name: /^Périmètre, contexte et méthode de travail/ }).click();
    await page.keyboard.type(
      "Le groupe définit les échanges entre les MDPH et le service public de l'emploi : décisions d'orientation professionnelle et suivi des RQTH.",
    );
    for (const role of await page.getByRole("textbox", { name: /^Rôle de / }).all())
      await role.fill("Exprime ses besoins et valide les spécifications.");
    await page.locator("#livrable-0-titre").fill("Spécification du flux d'orientation professionnelle");
    await page.locator("#livrable-0-date").fill("2027-06-30");
    await page.locator("#livrable-0-delai").fill("15");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Enregistrer la lettre de mission" }).click();
    await expect(page).toHaveURL(/\/groupes\/sphere-emploi\?fait=lettre/);
    await expect(page.getByText("Lettre de mission rédigée").first()).toBeVisible();
    await expect(page.getByText("décisions d'orientation professionnelle et suivi des RQTH")).toBeVisible();
    await expectAccessible(page);
  });
});

test("the coordinator validates the pilot, then the group; the members are told", async ({ browser, request }) => {
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, "/cnsa/groupes");
    await expect(page.getByRole("link", { name: "Sphère emploi" })).toBeVisible();
    await expectAccessible(page);
    await open(page, "/groupes/sphere-emploi");
    await page.getByRole("button", { name: /Valider le pilote/ }).click();
    await expect(page).toHaveURL(/fait=VALIDER_PILOTE/);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Valider le groupe" }).click();
    await expect(page).toHaveURL(/fait=VALIDER/);
    await expect(page.getByText("Validé").first()).toBeVisible();
    await expectAccessible(page);
  });
  await runWorker(request);
  await waitForMail((m) => m.subject.startsWith("[Sphère emploi]") && m.to.includes(ACCOUNTS.membreDgefp));
});

test("a meeting decides an action; once overdue its owners are told and the coordinator sees it", async ({
  browser,
  request,
}) => {
  // Three people, seven pages checked with axe and a worker run: more than the default minute on a loaded machine.
  test.slow();
  let meetingPath = "";
  await as(browser, ACCOUNTS.pilote, async (page) => {
    await open(page, "/groupes/sphere-emploi/reunions/nouvelle");
    await page.getByLabel("Date", { exact: true }).fill("2027-03-04");
    await page.getByLabel("Lieu").fill("CNSA, 66 avenue du Maine, Paris — salle 4");
    await page.getByRole("textbox", { name: /^Ordre du jour/ }).click();
    await page.keyboard.type("Relecture de la spécification du flux d'orientation.");
    await page.getByLabel("Paul Girard").check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Enregistrer la réunion" }).click();
    await expect(page).toHaveURL(/\/groupes\/sphere-emploi\/reunions\/[a-z0-9]+\?fait=creee/);
    meetingPath = new URL(page.url()).pathname;
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Action à engager").fill("Fournir la liste des codes de décision");
    await page
      .locator("#champ-organisationIds")
      .getByRole("checkbox", { name: /Délégation générale à l'emploi/ })
      .check();
    await page.locator("#champ-dueOn").fill("2027-03-15");
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await expect(page.getByText("Fournir la liste des codes de décision").first()).toBeVisible();
    await expectAccessible(page);
  });

  await setAppClock(request, AFTER_DUE_DAY, true);
  await runWorker(request);
  const overdue = await waitForMail(
    (m) => m.subject.includes("Action en retard") && m.subject.includes("Fournir la liste des codes de décision"),
  );
  expect(overdue.to).toContain(ACCOUNTS.membreDgefp);

  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, "/cnsa");
    const panel = page.getByRole("region", { name: "Groupes de travail" });
    await expect(panel.getByRole("link", { name: "Fournir la liste des codes de décision" })).toBeVisible();
    await expectAccessible(page);
    await open(page, "/livrables");
    await expect(page.getByRole("table").first()).toContainText("Spécification du flux d'orientation professionnelle");
    await expectAccessible(page);
    await open(page, meetingPath);
    await expectAccessible(page);
  });
  await as(browser, ACCOUNTS.membreDgefp, async (page) => {
    await open(page, "/groupes");
    await expect(page.getByRole("region", { name: "Actions à mener" })).toContainText(/En retard de 2 jours/);
    await expectAccessible(page);
    await open(page, "/compte/notifications");
    await expectAccessible(page);
  });
});

test("the RFC list, an adopted RFC and the cycle settings are accessible", async ({ browser }) => {
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, "/rfc");
    await expectAccessible(page);
    await page
      .getByRole("link", { name: /Sécurisation des échanges de fichiers/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Sécurisation des échanges de fichiers");
    await expectAccessible(page);
    await open(page, "/rfc/parametres");
    await expectAccessible(page);
  });
});
