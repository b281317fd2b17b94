import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { runWorker, setAppClock, storyOnAppClock } from "./story";
import { ACCOUNTS, as, expectAccessible, receivedMails, waitForMail } from "./support";
import { packageFilenames } from "../support/package-files";

/**
 * One ITAC request of the MDPH de la Mayenne walked through every role over simulated dates:
 * signature and request in November, the list leaving on the 25th, the date confirmed by
 * DAGEMO, shipment, reception on 14 December, and tacit acceptance after 15 working days
 * that include Christmas and New Year's Day — with the mails a real SMTP server received.
 */
storyOnAppClock();

const frozenAt = (iso: string) => new Date(iso);

/** On the request's page, fills a step's date, sends the step and waits for the page to confirm it. */
async function sendDatedStep(page: Page, label: string, date: string, button: string, intent: string) {
  await page.getByLabel(label).fill(date);
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(new RegExp(`fait=${intent}`));
}
let requestPath = "";

test("a director records the avenant and submits an ITAC request; the CNSA is told", async ({ browser, request }) => {
  await setAppClock(request, frozenAt("2026-11-02T09:00:00Z"), true);
  await as(browser, ACCOUNTS.directeur53, async (page) => {
    await page.goto("/mdph/reprises/avenant");
    await page.getByLabel("Application concernée par l'avenant").selectOption("ITAC");
    await page.getByLabel("Date de signature").fill("2026-10-20");
    await page.getByLabel("Nom du signataire").fill("Claire Moreau");
    await page.getByLabel("Fonction du signataire").fill("Directrice");
    await page.getByRole("button", { name: "Enregistrer la signature" }).click();
    // The attestation is required: French error, nothing lost.
    await expect(page.getByText("Seule la personne désignée par la commission exécutive")).toBeVisible();
    await expect(page.getByLabel("Nom du signataire")).toHaveValue("Claire Moreau");
    await page.getByLabel("Le signataire est la personne désignée par la commission exécutive de la MDPH").check();
    await page.getByRole("button", { name: "Enregistrer la signature" }).click();
    await expect(page).toHaveURL(/\/mdph\/reprises\?avenant=ITAC/);
    await expectAccessible(page);

    await page.goto("/mdph/reprises/nouvelle");
    await page.getByLabel("Demande de reprise pour l'application").selectOption("ITAC");
    await page.getByLabel("Date de la demande").fill("2026-11-02");
    await page.getByLabel(/^Nom/).fill("Paul Martin");
    await page.getByLabel(/^Fonction/).fill("Responsable du système d'information");
    await page.getByLabel("Téléphone").fill("02 43 00 00 00");
    await page.getByLabel("Adresse électronique").fill("paul.martin@mdph53.example");
    await page.getByLabel("Date souhaitée de la mise à disposition des fichiers de reprise").fill("2026-12-10");
    await page.getByRole("button", { name: "Envoyer la demande à la CNSA" }).click();
    await expect(page).toHaveURL(/\/reprises\/[a-z0-9]+\?fait=demande/);
    requestPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toContainText("ITAC-053-001");
    await expectAccessible(page);
  });
  await runWorker(request);
  await waitForMail(
    (m) =>
      m.to.includes(ACCOUNTS.coordinateur) &&
      /Nouvelle demande de reprise ITAC/.test(m.subject) &&
      m.cc.includes("paul.martin@mdph53.example"),
  );
});

test("another MDPH's director can neither read nor act on the request", async ({ browser }) => {
  await as(browser, ACCOUNTS.directeur80, async (page) => {
    expect((await page.goto(requestPath))?.status()).toBe(404);
    const post = await page.request.post(requestPath, {
      form: { intent: "ANNULER", rowVersion: "0", reason: "malveillance" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(post.status()).toBe(404);
  });
  // Both refusals are security events, counted on one row for that person, address and hour.
  await as(browser, ACCOUNTS.admin, async (page) => {
    await expect(async () => {
      await page.goto("/admin/journal?vue=securite&nature=refus");
      // The platform walk's refusals to the same person, earlier, are on rows of their own.
      const row = page.getByRole("row").filter({ hasText: "Julien Lefèvre" }).filter({ hasText: requestPath });
      await expect(row).toContainText("Accès refusé");
      await expect(row.getByRole("cell").nth(3)).toHaveText("2");
      await expect(row).toContainText(`Dernier refus : 404 POST ${requestPath}`);
    }).toPass({ timeout: 15_000 });
    await expectAccessible(page);
  });
});

test("the list leaves by itself on the 25th with its package, and DAGEMO confirms the date", async ({
  browser,
  request,
}) => {
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await page.goto("/cnsa/reprises");
    await expect(page.getByText("ITAC-053-001").first()).toBeVisible();
    await expectAccessible(page);
  });
  await setAppClock(request, frozenAt("2026-11-25T08:00:30Z"), true);
  await runWorker(request);
  const list = await waitForMail(
    (m) => m.to.includes("reprises-itac@dagemo.example") && /Reprise ITAC : liste de novembre 2026/.test(m.subject),
  );
  expect(list.attachments.map((a) => a.filename).sort()).toEqual(packageFilenames("ITAC-2026-11"));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    Buffer.from(
      list.attachments.find((a) => a.filename.endsWith("liste-priorisee-ITAC-2026-11.xlsx"))!.base64,
      "base64",
    ) as never,
  );
  const row = workbook.worksheets[0].getRow(2).values as unknown[];
  expect(row.slice(1, 5)).toEqual([1, "ITAC-053-001", "53", "MDPH de la Mayenne"]);
  await waitForMail((m) => m.to.includes(ACCOUNTS.directeur53) && /Demande transmise/.test(m.subject));

  await as(browser, ACCOUNTS.dagemo, async (page) => {
    await page.goto("/etat/reprises");
    await expect(page.getByText("ITAC-053-001").first()).toBeVisible();
    await expectAccessible(page);
    await page.goto(requestPath);
    await page.getByRole("button", { name: "Confirmer la date souhaitée" }).click();
    await expect(page.getByText("Date de mise à disposition arrêtée").first()).toBeVisible();
  });
  await runWorker(request);
  await waitForMail((m) => m.to.includes(ACCOUNTS.directeur53) && /Date de mise à disposition arrêtée/.test(m.subject));
});

test("DAGEMO records extraction and shipment; the director records reception and the window opens", async ({
  browser,
  request,
}) => {
  await setAppClock(request, frozenAt("2026-12-10T10:00:00Z"), true);
  await as(browser, ACCOUNTS.dagemo, async (page) => {
    await page.goto(requestPath);
    await sendDatedStep(page, "Date de l'extraction", "2026-12-10", "Enregistrer l'extraction", "EXTRAIRE");
    await page.getByLabel("Support").selectOption("DVD");
    await page.getByLabel("Date d'expédition").fill("2026-12-10");
    await page.getByLabel("Référence de la lettre recommandée").fill("1A 234 567 8901 2");
    await page.getByRole("button", { name: "Enregistrer l'expédition" }).click();
    await expect(page).toHaveURL(/fait=EXPEDIER/);
  });
  await runWorker(request);
  await waitForMail(
    (m) => m.to.includes("paul.martin@mdph53.example") && /Fichiers de reprise expédiés/.test(m.subject),
  );

  await setAppClock(request, frozenAt("2026-12-14T09:00:00Z"), true);
  await as(browser, ACCOUNTS.directeur53, async (page) => {
    await page.goto(requestPath);
    await sendDatedStep(
      page,
      "Date de réception des fichiers",
      "2026-12-14",
      "Enregistrer la réception",
      "RECEPTIONNER",
    );
    // 15 working days from Monday 14 December, Christmas and New Year's Day counted out.
    await expect(page.getByRole("row", { name: /Fin du délai de validation/ })).toContainText("6 janvier 2027 inclus");
    await expectAccessible(page);
  });
  await runWorker(request);
  const reception = await waitForMail(
    (m) => m.to.includes(ACCOUNTS.directeur53) && /Réception des fichiers enregistrée/.test(m.subject),
  );
  expect(reception.text).toContain("6 janvier 2027");
  expect(reception.cc).toContain("reprises-itac@dagemo.example");
});

test("without an answer, the files are accepted tacitly after the window, and everyone is told", async ({
  browser,
  request,
}) => {
  await setAppClock(request, frozenAt("2027-01-06T21:00:00Z"), true); // 22:00 in Paris, last day of the window
  await runWorker(request);
  await as(browser, ACCOUNTS.directeur53, async (page) => {
    await page.goto(requestPath);
    await expect(page.getByText("Reçue, en validation").first()).toBeVisible();
  });
  await setAppClock(request, frozenAt("2027-01-06T23:00:30Z"), true); // just after midnight in Paris
  await runWorker(request);
  const accepted = await waitForMail(
    (m) => m.to.includes(ACCOUNTS.directeur53) && /Fichiers acceptés tacitement/.test(m.subject),
  );
  expect(accepted.to).toContain("paul.martin@mdph53.example");
  expect(accepted.cc).toEqual(expect.arrayContaining([ACCOUNTS.coordinateur, "reprises-itac@dagemo.example"]));
  await as(browser, ACCOUNTS.directeur53, async (page) => {
    await page.goto(requestPath);
    await expect(page.getByText("Acceptée").first()).toBeVisible();
    await expect(page.getByText("Fin du délai de validation").first()).toBeVisible();
  });
  // Each mail of the walk reached the SMTP server exactly once.
  const ids = receivedMails().map((m) => m.messageId);
  expect(new Set(ids).size).toBe(ids.length);
});
