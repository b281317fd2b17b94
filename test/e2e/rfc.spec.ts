import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./environment";
import { asAt, runWorker, setAppClock, storyOnAppClock } from "./story";
import { ACCOUNTS, as, open, expectAccessible, receivedMails, waitForMail } from "./support";

/**
 * One RFC of the sphère emploi group walked through its comment cycle over simulated dates:
 * the pilot (France Travail) writes it in the editor and opens it to the DGEFP and two MDPHs;
 * the DGEFP comments on a selected passage and the MDPH de la Mayenne on the whole text; the
 * reminder reaches only the MDPH de la Somme, which has not answered, on the real SMTP
 * server; the cycle closes by itself at the deadline; the pilot disposes of both comments and
 * adopts the RFC as a proposal; both directors record their MDPH's position, and the CNSA
 * coordinator sees them on the national view.
 *
 * The specs share one database and one application clock and run in file-name order: this
 * one's dates (February 2027) come after reprise.spec.ts's (November 2026 – January 2027).
 */
storyOnAppClock();

// Paris times, frozen at each step (February: UTC+1).
const OPENED = "2027-02-01T08:00:00Z"; // 09:00
const COMMENTED = "2027-02-03T09:30:00Z";
const AFTER_FIRST_REMINDER = "2027-02-15T11:30:00Z"; // the 7-day reminder was due on the 15th at 12:00 Paris
const ONE_SECOND_LATE = "2027-02-22T11:00:01Z"; // the deadline is 22 February at 12:00 Paris
const PASSAGE = "sous huit jours ouvrés";

let number = "";
let versionPath = "";

test("the pilot writes an RFC in the editor and opens it for comments to three organisations", async ({
  browser,
  request,
}) => {
  await asAt(request, browser, OPENED, ACCOUNTS.pilote, async (page) => {
    await open(page, "/groupes/sphere-emploi");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Sphère emploi");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Rédiger une RFC" }).click();
    await page
      .getByRole("textbox", { name: /^Titre/ })
      .fill("Transmission des décisions d'orientation professionnelle");
    // The editor replaces the plain textarea once hydrated.
    await expect(page.getByRole("toolbar")).toBeVisible();
    const editor = page.getByRole("textbox", { name: "Texte de la version 1" });
    await editor.click();
    await page.keyboard.type(
      `La MDPH transmet la décision d'orientation à France Travail ${PASSAGE} après la séance de la CDAPH.`,
    );
    await page.keyboard.press("Enter");
    await page.keyboard.type("Le format d'échange est décrit en annexe.");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Créer la RFC" }).click();
    await expect(page).toHaveURL(/\/rfc\/RFC-2027-\d{3}\/v\/1/);
    versionPath = new URL(page.url()).pathname;
    number = versionPath.split("/")[2];
    await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
    await expect(page.locator("#texte-version")).toContainText(PASSAGE);

    // Invite the DGEFP and the two demo MDPHs only.
    const invitees = page.locator("#invitees-choix");
    for (const box of await invitees.getByRole("checkbox").all()) await box.uncheck();
    await invitees.getByLabel(/Délégation générale à l'emploi/).check();
    await invitees.getByLabel(/Mayenne/).check();
    await invitees.getByLabel(/Somme/).check();
    await page.locator("#ouverture-date").fill("2027-02-22");
    await page.locator("#ouverture-heure").fill("12:00");
    await page.getByRole("button", { name: "Ouvrir aux commentaires" }).click();
    await expect(page.getByText("Ouverte aux commentaires").first()).toBeVisible();
    await expectAccessible(page);
  });
  await runWorker(request);
  const opening = await waitForMail((m) => m.subject.startsWith(`[${number}]`) && m.to.includes(ACCOUNTS.directeur80));
  expect(opening.text).toContain(versionPath);
});

test("a DGEFP member comments on a selected passage and the MDPH de la Mayenne on the whole text", async ({
  browser,
  request,
}) => {
  await asAt(request, browser, COMMENTED, ACCOUNTS.membreDgefp, async (page) => {
    await open(page, "/groupes");
    await expect(page.getByRole("link", { name: new RegExp(number) })).toBeVisible();
    await open(page, versionPath);
    // Select the passage in the rendered text, as a reader would with the mouse.
    await page.evaluate((passage) => {
      const container = document.getElementById("texte-version")!;
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(passage);
        if (at >= 0) {
          window.getSelection()!.setBaseAndExtent(node, at, node, at + passage.length);
          return;
        }
      }
      throw new Error("passage not found");
    }, PASSAGE);
    await expect(page.getByLabel("Passage commenté (facultatif)")).toHaveValue(PASSAGE);
    await page.getByLabel("Objection").check();
    await page
      .getByLabel("Votre commentaire")
      .fill("Huit jours ouvrés ne suffisent pas aux MDPH qui notifient par courrier : proposer quinze jours.");
    await page.getByRole("button", { name: "Publier le commentaire" }).click();
    const comment = page.getByRole("article", { name: /Commentaire n° 1/ });
    await expect(comment).toContainText(`« ${PASSAGE} »`);
    await expect(page.locator("#texte-version mark")).toHaveText(PASSAGE);
    await expectAccessible(page);
  });
  await as(browser, ACCOUNTS.directeur53, async (page) => {
    await open(page, versionPath);
    await page.getByLabel("Soutien").check();
    await page.getByLabel("Votre commentaire").fill("La MDPH de la Mayenne applique déjà ce délai.");
    await page.getByRole("button", { name: "Publier le commentaire" }).click();
    await expect(page.getByRole("article", { name: /Commentaire n° 2/ })).toContainText("Sur le texte entier");
  });
});

test("the reminder reaches only the organisation that has not answered", async ({ request }) => {
  await setAppClock(request, AFTER_FIRST_REMINDER, true);
  await runWorker(request);
  const reminder = await waitForMail((m) => m.subject.startsWith(`[${number}] Rappel`));
  expect(reminder.to).toContain(ACCOUNTS.directeur80);
  const reminded = receivedMails()
    .filter((m) => m.subject.startsWith(`[${number}] Rappel`))
    .flatMap((m) => [...m.to, ...m.cc]);
  expect(reminded).not.toContain(ACCOUNTS.membreDgefp);
  expect(reminded).not.toContain(ACCOUNTS.directeur53);
});

test("one second after the deadline the cycle is closed and a comment posted directly is refused", async ({
  browser,
  request,
}) => {
  await asAt(request, browser, ONE_SECOND_LATE, ACCOUNTS.directeur80, async (page) => {
    // Whether or not the close job has run yet, the deadline itself refuses it (the service
    // test covers the case where the job has not run).
    const response = await page.request.post(versionPath, {
      form: {
        intent: "commenter",
        kind: "QUESTION",
        body: "Une question arrivée trop tard.",
        passage: "",
        passagePrefix: "",
        passageSuffix: "",
      },
      headers: { Origin: E2E.baseUrl },
    });
    expect(await response.text()).toContain("les commentaires ne sont plus acceptés sur cette version");
    await runWorker(request);
    await open(page, versionPath);
    await expect(page.getByText("Close, réponses aux commentaires en cours").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Publier le commentaire" })).toHaveCount(0);
    await expect(page.getByText("Une question arrivée trop tard.")).toHaveCount(0);
  });
  await waitForMail((m) => m.subject.startsWith(`[${number}] Cycle de commentaires clos`));
});

test("the pilot disposes of every comment, then adopts the RFC as a proposal", async ({ browser }) => {
  await as(browser, ACCOUNTS.pilote, async (page) => {
    await open(page, versionPath);
    // Concluding before every comment has a disposition is refused.
    await adopt(page);
    await expect(
      page.getByRole("alert").filter({ hasText: /2 commentaires n'ont pas encore de réponse/ }),
    ).toBeVisible();
    await page.waitForLoadState("networkidle");

    await dispose(
      page,
      1,
      "Partiellement accepté",
      "Le délai est porté à quinze jours ouvrés pour les notifications par courrier.",
      /Disposition : partiellement accepté/i,
    );
    await dispose(page, 2, /pris en note/i, "Merci pour ce retour d'expérience.", "Disposition :");
    await expectAccessible(page);

    await open(page, `${versionPath}/dispositions`);
    await expect(page.getByRole("table")).toContainText(PASSAGE);
    await expect(page.getByRole("table")).toContainText("Délégation générale à l'emploi");
    await expectAccessible(page);
    const csv = await page.request.get(`${versionPath}/dispositions/export?format=csv`);
    expect(csv.ok()).toBe(true);
    expect(await csv.text()).toContain(PASSAGE);

    await open(page, versionPath);
    await adopt(page);
    await expect(page.getByText("Conclue").first()).toBeVisible();
  });
  await waitForMail(
    (m) =>
      m.subject.startsWith(`[${number}]`) &&
      m.subject.includes("adoptée comme proposition") &&
      m.to.includes(ACCOUNTS.directeur53),
  );
});

test("two MDPH directors record their positions and the coordinator sees them across the départements", async ({
  browser,
}) => {
  await as(browser, ACCOUNTS.directeur53, async (page) => {
    await open(page, "/mdph");
    await page
      .getByRole("link", { name: new RegExp(number) })
      .first()
      .click();
    await page.getByLabel("La MDPH adopte la proposition").check();
    await page.getByRole("button", { name: "Enregistrer la position" }).click();
    await expect(page).toHaveURL(/fait=position/);
    await expectAccessible(page);
  });
  await as(browser, ACCOUNTS.directeur80, async (page) => {
    await open(page, `/rfc/${number}`);
    await page.getByLabel("La MDPH l'adoptera plus tard").check();
    await page
      .getByRole("textbox", { name: /^Commentaire/ })
      .fill("Après la migration de notre logiciel, prévue en juin.");
    await page.getByRole("button", { name: "Enregistrer la position" }).click();
    await expect(page).toHaveURL(/fait=position/);
  });
  await as(browser, ACCOUNTS.membre, async (page) => {
    // A CNAF member may not record a position, even by posting directly.
    const response = await page.request.post(`/rfc/${number}?index`, {
      form: { intent: "position", position: "ADOPTE", comment: "" },
      headers: { Origin: E2E.baseUrl },
    });
    expect([403, 404]).toContain(response.status());
  });
  await as(browser, ACCOUNTS.coordinateur, async (page) => {
    await open(page, `/rfc/${number}/positions`);
    const table = page.getByRole("table").filter({ hasText: "Mayenne" });
    await expect(table.getByRole("row", { name: /Mayenne/ })).toContainText(/adopte/i);
    await expect(table.getByRole("row", { name: /Somme/ })).toContainText(/plus tard/i);
    await expect(table.getByRole("row", { name: /Somme/ })).toContainText("migration de notre logiciel");
    await expectAccessible(page);
    await page.screenshot({ path: "test-results/rfc-positions.png", fullPage: true });
  });
});

/** The pilot's conclusion of the cycle: adoption as a proposal. */
async function adopt(page: Page) {
  await page.getByLabel("Adoption comme proposition").check();
  await page.getByRole("textbox", { name: /^Conclusion/ }).fill("Adoptée avec un délai porté à quinze jours ouvrés.");
  await page.getByRole("button", { name: "Conclure le cycle" }).click();
}

/** The pilot's disposition of comment n° `rank`, then what its article shows once recorded. */
async function dispose(page: Page, rank: number, choice: string | RegExp, reply: string, shown: string | RegExp) {
  const comment = page.getByRole("article", { name: new RegExp(`Commentaire n° ${rank}\\b`) });
  await comment.getByLabel(choice).check();
  await comment.getByLabel("Réponse du pilote").fill(reply);
  await comment.getByRole("button", { name: "Enregistrer la disposition" }).click();
  await expect(comment).toContainText(shown);
}
