import { expect, test } from "@playwright/test";
import { asAt, runWorker, setAppClock, storyOnAppClock } from "./story";
import { ACCOUNTS, expectAccessible, open, receivedMails, waitForMail } from "./support";

/**
 * Issue 11's walk over simulated dates, with the mails a real SMTP server received: the demo
 * pilot (Chanteclair) registers its RPPS+ manager and its technical administrator, opens the
 * manager's steps and records an AUTH_CLI certificate expiring on 15 April 2027. The 30-day
 * reminder reaches the legal entity's service address (and the password keeper) on 16 March at
 * 08:00, Paris time, and not the day before. The manager then leaves: the pilot's people are told
 * and the coordinator in copy, with the steps that depend on him.
 */
storyOnAppClock();

const PILOT = "/segur/pilotes/pe-chanteclair";
/** The demo legal entity's service mailbox (seeds/demo-segur.server.ts). */
const SERVICE = "segur@chanteclair.example";
const MANAGER = { first: "Hugo", last: "Lambert", email: "hugo.lambert@chanteclair.example" };
const KEEPER = { first: "Nora", last: "Vidal", email: "nora.vidal@chanteclair.example" };
const isReminder = (mail: { to: string[]; subject: string }) =>
  mail.to.includes(SERVICE) && mail.subject.includes("AUTH_CLI") && mail.subject.includes("15 avril 2027");

test("the pilot registers its RPPS+ manager and technical administrator, opens their steps and records an AUTH_CLI certificate", async ({
  browser,
  request,
}) => {
  await asAt(request, browser, "2027-03-01T09:00:00Z", ACCOUNTS.piloteSegur, async (page) => {
    await open(page, `${PILOT}/personnes`);
    for (const [role, person] of [
      ["GESTIONNAIRE_RPPS", MANAGER],
      ["ADMINISTRATEUR_TECHNIQUE", KEEPER],
    ] as const) {
      await page.getByLabel("Rôle").selectOption(role);
      await page.getByLabel("Prénom").fill(person.first);
      await page.getByLabel("Nom", { exact: true }).fill(person.last);
      await page.getByLabel("Adresse électronique").fill(person.email);
      await page.getByRole("button", { name: "Inscrire au registre" }).click();
      await expect(page.getByText("La personne est inscrite au registre.")).toBeVisible();
      await expect(page.getByRole("row", { name: new RegExp(`${person.first} ${person.last}`) })).toBeVisible();
    }
    await expectAccessible(page);

    // The manager's own steps (CPE card, enrolment, CPx cards) open with him.
    await open(page, PILOT);
    await page.getByRole("button", { name: "Ouvrir les étapes manquantes" }).click();
    await expect(page.getByText(/étapes? ouvertes?\./)).toBeVisible();
    await expect(page.getByRole("table", { name: new RegExp(`${MANAGER.first} ${MANAGER.last}`) })).toBeVisible();
    await expectAccessible(page);

    await open(page, `${PILOT}/certificats`);
    await page.getByLabel("Type").selectOption("AUTH_CLI");
    await page.getByLabel("Référence").fill("AUTH_CLI INSI-AUTO 2024");
    await page.getByLabel("Délivré le").fill("2024-04-15");
    await page.getByLabel("Expire le").fill("2027-04-15");
    await page
      .getByLabel(/^Gardien du mot de passe/)
      .selectOption({ label: `${KEEPER.first} ${KEEPER.last} (Chanteclair)` });
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByText("Le titre est enregistré : ses rappels d'expiration sont programmés.")).toBeVisible();
    await expectAccessible(page);
  });
});

test("the 30-day expiry reminder reaches the service address on 16 March at 08:00, not the day before", async ({
  request,
}) => {
  await setAppClock(request, "2027-03-15T12:00:00Z", true);
  await runWorker(request);
  expect(receivedMails().filter(isReminder)).toEqual([]);

  // 08:05 in Paris (winter time until 28 March).
  await setAppClock(request, "2027-03-16T07:05:00Z", true);
  await runWorker(request);
  const reminder = await waitForMail(isReminder);
  expect(reminder.to).toContain(KEEPER.email);
  expect(reminder.text).toContain("dans 30 jours");
  expect(receivedMails().filter(isReminder)).toHaveLength(1);
});

test("the RPPS+ manager leaves: the pilot's people and the coordinator are told which steps depend on him", async ({
  browser,
  request,
}) => {
  await asAt(request, browser, "2027-03-17T09:00:00Z", ACCOUNTS.piloteSegur, async (page) => {
    await open(page, `${PILOT}/personnes`);
    const row = page.getByRole("row", { name: new RegExp(`${MANAGER.first} ${MANAGER.last}`) });
    await row.getByLabel(`Date du départ de ${MANAGER.first} ${MANAGER.last}`).fill("2027-03-17");
    await row.getByRole("button", { name: "Signaler le départ" }).click();
    await expect(page).toHaveURL(/fait=DEPART/);
    await expectAccessible(page);
  });
  await runWorker(request);
  const notice = await waitForMail(
    (m) => m.cc.includes(ACCOUNTS.coordinateur) && m.subject.includes(`départ de ${MANAGER.first} ${MANAGER.last}`),
  );
  expect(notice.to).toContain(ACCOUNTS.piloteSegur);
  expect(notice.text).toContain("Carte CPE du gestionnaire RPPS+ : étape à son nom");
  expect(notice.text).toContain("Gestionnaire RPPS+ enrôlé : étape à son nom");
  expect(notice.text).toContain("Professionnels enregistrés dans RPPS+ : attend une étape à son nom");
});
