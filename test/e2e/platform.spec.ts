import { expect, test } from "@playwright/test";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { ACCOUNTS, expectAccessible, linkIn, login, logout, tryLogin, uniqueEmail, waitForMail } from "./support";
import { E2E } from "./environment";

const HOMES: Record<keyof typeof ACCOUNTS, { path: string; heading: RegExp; nav: string[] }> = {
  coordinateur: {
    path: "/cnsa",
    heading: /Coordination CNSA/,
    nav: [
      "Coordination CNSA",
      "Tableau des pilotes Ségur",
      "Reprise des données",
      "Groupes de travail",
      "Appels à commentaires",
      "Inviter une personne",
      "Calendrier",
    ],
  },
  // Both demo MDPHs sit on the steering body: their directors have the work groups' dashboard.
  directeur53: {
    path: "/mdph",
    heading: /MDPH de la Mayenne/,
    nav: ["Ma MDPH", "Mes groupes de travail", "Appels à commentaires", "Calendrier"],
  },
  directeur80: {
    path: "/mdph",
    heading: /MDPH de la Somme/,
    nav: ["Ma MDPH", "Mes groupes de travail", "Appels à commentaires", "Calendrier"],
  },
  membre: {
    path: "/groupes",
    heading: /Mes groupes de travail/,
    nav: ["Mes groupes de travail", "Appels à commentaires", "Calendrier"],
  },
  membreDgefp: {
    path: "/groupes",
    heading: /Mes groupes de travail/,
    nav: ["Mes groupes de travail", "Appels à commentaires", "Calendrier"],
  },
  pilote: {
    path: "/pilotage",
    heading: /Pilotage de groupes/,
    nav: ["Pilotage de groupes", "Mes groupes de travail", "Appels à commentaires", "Calendrier"],
  },
  dagemo: {
    path: "/etat",
    heading: /DAGEMO|Direction de l'administration générale/,
    nav: ["Service de l'État", "Calendrier"],
  },
  stsiRennes: { path: "/etat", heading: /Centre d'exploitation de Rennes/, nav: ["Service de l'État", "Calendrier"] },
  piloteSegur: {
    path: "/segur",
    heading: /Pilotes Ségur/,
    nav: ["Pilotes Ségur", "Tableau des pilotes Ségur", "Calendrier"],
  },
  admin: { path: "/admin", heading: /Administration/, nav: ["Administration", "Calendrier"] },
};

/** The administrator's pages (the invitation page is the coordinator's too). */
const ADMIN_PAGES = [
  "/admin",
  "/admin/personnes",
  "/admin/organisations",
  "/admin/journal",
  "/admin/courriels",
  "/admin/taches",
  "/personnes/inviter",
];

const RESTRICTED = ["/cnsa", "/mdph", "/etat", "/pilotage", "/groupes", "/segur", ...ADMIN_PAGES];

const ALLOWED: Record<keyof typeof ACCOUNTS, string[]> = {
  coordinateur: ["/cnsa", "/personnes/inviter"],
  directeur53: ["/mdph", "/groupes"],
  directeur80: ["/mdph", "/groupes"],
  membre: ["/groupes"],
  membreDgefp: ["/groupes"],
  pilote: ["/pilotage", "/groupes"],
  dagemo: ["/etat"],
  stsiRennes: ["/etat"],
  piloteSegur: ["/segur"],
  admin: ADMIN_PAGES,
};

test("the sign-in page lists one demo account per role and is accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à Passerelles");
  const table = page.getByRole("table", { name: "Un compte par rôle" });
  for (const email of Object.values(ACCOUNTS)) await expect(table).toContainText(email);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Accessibilité : non conforme" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclaration d'accessibilité");
  await expectAccessible(page);
});

for (const [key, email] of Object.entries(ACCOUNTS) as [keyof typeof ACCOUNTS, string][]) {
  test(`${key} lands on their own home page and sees only their navigation`, async ({ page }) => {
    await login(page, email);
    const home = HOMES[key];
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
    const nav = page.getByRole("navigation", { name: "Menu principal" });
    await expect(nav.getByRole("link")).toHaveText(home.nav);
    await expectAccessible(page);
  });

  test(`${key} cannot open another role's pages`, async ({ page }) => {
    await login(page, email);
    await expect(page).toHaveURL(new RegExp(`${HOMES[key].path}$`));
    for (const path of RESTRICTED) {
      const response = await page.goto(path);
      const expected = ALLOWED[key].includes(path) ? 200 : 403;
      expect(response?.status(), `${key} → ${path}`).toBe(expected);
    }
  });
}

test("a page needing a session sends to sign-in and back afterwards", async ({ page }) => {
  await page.goto("/compte");
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fcompte$/);
  await page.getByLabel("Adresse électronique").fill(ACCOUNTS.membre);
  await page.getByLabel("Mot de passe", { exact: true }).fill("Démonstration Passerelles 2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/compte$/);
});

test("a wrong password gets a French error and keeps the typed address; repeated failures are throttled", async ({
  page,
}) => {
  const email = ACCOUNTS.piloteSegur;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await tryLogin(page, email, `mauvais mot de passe ${attempt}`);
    await expect(page.getByRole("alert")).toHaveText("Adresse électronique ou mot de passe incorrect.");
    await expect(page.getByLabel("Adresse électronique")).toHaveValue(email);
  }
  await tryLogin(page, email, "mauvais mot de passe 6");
  await expect(page.getByRole("alert")).toContainText("Trop de tentatives de connexion. Réessayez dans 1 minute");
  // Even the right password waits out the short lock.
  await tryLogin(page, email);
  await expect(page.getByRole("alert")).toContainText("Trop de tentatives");
});

test("a state-changing request from another site is refused", async ({ request }) => {
  const response = await request.post("/deconnexion", { headers: { Origin: "https://malveillant.example" } });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("origine non autorisée");
  const noOrigin = await request.post("/connexion", {
    form: { email: "x@y.example", password: "z" },
    headers: { Origin: "" },
  });
  expect(noOrigin.status()).toBe(403);
});

test("invitation, activation, second factor, password reset and single-use links, with real mails", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("invitee");
  await login(page, ACCOUNTS.coordinateur);
  await page.goto("/personnes/inviter");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Prénom").fill("Aline");
  await page.getByLabel("Nom", { exact: true }).fill("Essai");
  await page.getByLabel("Organisation").selectOption({ label: "MDPH de la Sarthe" });
  await page.getByLabel("Directeur de MDPH").check();
  await page.getByRole("button", { name: /Envoyer l'invitation/ }).click();
  await expect(page.getByText(`Invitation envoyée à ${email}`)).toBeVisible();
  await logout(page);

  const invitation = await waitForMail((m) => m.to.includes(email) && /invitation/i.test(m.subject));
  const invitationPath = linkIn(invitation, "/invitation/");
  await page.goto(invitationPath);
  await page.getByLabel("Nouveau mot de passe").fill("azerty123456");
  await page.getByLabel("Confirmez le mot de passe").fill("azerty123456");
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(page.getByText(/trop facile à deviner/)).toBeVisible();
  const password = "girafe lanterne ciboulette orage";
  await page.getByLabel("Nouveau mot de passe").fill(password);
  await page.getByLabel("Confirmez le mot de passe").fill(password);
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(page).toHaveURL(/message=compte-active/);
  // The invitation link works once.
  await page.goto(invitationPath);
  await expect(page.getByRole("alert")).toContainText("déjà été utilisé");

  await login(page, email, password);
  await expect(page).toHaveURL(/\/mdph$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/MDPH de la Sarthe/);

  // Second factor.
  await page.goto("/compte/double-authentification");
  const manualKey = (await page.locator("ol code").innerText()).replace(/\s+/g, "");
  const key = decodeBase32IgnorePadding(manualKey);
  await page.getByLabel("Code de vérification").fill(generateTOTP(key, 30, 6));
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page).toHaveURL(/\/mdph$/);
  await waitForMail((m) => m.to.includes(email) && /deux étapes|double authentification/i.test(m.subject));
  await logout(page);
  await login(page, email, password);
  await expect(page).toHaveURL(/\/connexion\/double-authentification/);
  await page.getByLabel("Code de vérification").fill("000000");
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByRole("alert")).toContainText("Code incorrect");
  await page.getByLabel("Code de vérification").fill(generateTOTP(key, 30, 6));
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page).toHaveURL(/\/mdph$/);

  // Another device is signed in; a password reset ends every session.
  const other = await browser.newContext({ baseURL: E2E.baseUrl });
  const otherPage = await other.newPage();
  await otherPage.goto("/mot-de-passe-oublie");
  await otherPage.getByLabel("Adresse électronique").fill(email);
  await otherPage.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(otherPage.getByRole("status")).toContainText("Si un compte actif correspond à cette adresse");
  const reset = await waitForMail((m) => m.to.includes(email) && /réinitialis/i.test(m.subject));
  const resetPath = linkIn(reset, "/reinitialisation/");
  await otherPage.goto(resetPath);
  const newPassword = "hérisson parapluie marmelade volcan";
  await otherPage.getByLabel("Nouveau mot de passe").fill(newPassword);
  await otherPage.getByLabel("Confirmez le mot de passe").fill(newPassword);
  await otherPage.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(otherPage).toHaveURL(/message=mot-de-passe-modifie/);
  await otherPage.goto(resetPath);
  await expect(otherPage.getByRole("alert")).toContainText("déjà été utilisé");
  await other.close();

  await page.goto("/mdph");
  await expect(page).toHaveURL(/\/connexion/);

  // The administrators' outbox shows both mails without their links (decision 010).
  const adminContext = await browser.newContext({ baseURL: E2E.baseUrl });
  const adminPage = await adminContext.newPage();
  await login(adminPage, ACCOUNTS.admin);
  for (const [subject, path] of [
    [/Invitation/, invitationPath],
    [/Réinitialisation/, resetPath],
  ] as const) {
    await adminPage.goto("/admin/courriels");
    await adminPage.getByRole("row").filter({ hasText: email }).getByRole("link", { name: subject }).first().click();
    await expect(adminPage.getByRole("heading", { name: "Ce courriel contient un lien personnel" })).toBeVisible();
    await expect(adminPage.getByRole("button", { name: "Créer le lien personnel" })).toHaveCount(0);
    const token = path.split("/").at(-1)!;
    expect(await adminPage.content()).not.toContain(token);
    expect(await adminPage.locator("pre.app-mail-body").innerText()).toContain("{lien-personnel}");
  }
  await adminContext.close();
});

test("an unknown address gets the same answer as a known one and no mail", async ({ page }) => {
  const before = performance.now();
  await page.goto("/mot-de-passe-oublie");
  await page.getByLabel("Adresse électronique").fill("personne.inconnue@essai.example");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status")).toContainText("Si un compte actif correspond à cette adresse");
  await page.waitForTimeout(1500);
  const { receivedMails } = await import("./support");
  expect(receivedMails().filter((m) => m.to.includes("personne.inconnue@essai.example"))).toHaveLength(0);
  expect(performance.now() - before).toBeLessThan(15_000);
});

test("the inactivity warning appears before expiry and the session can be extended", async ({ page }) => {
  await page.clock.install();
  await login(page, ACCOUNTS.membre);
  await expect(page).toHaveURL(/\/groupes$/);
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await page.clock.fastForward("28:30");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Votre session va expirer");
  await dialog.getByRole("button", { name: "Prolonger ma session" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});

test("the production build holds no test-only route", async () => {
  const production = await import(`${process.cwd()}/build/server/index.js`);
  const testBuild = await import(`${process.cwd()}/build-test/server/index.js`);
  expect(Object.keys(production.routes).filter((id) => id.includes("essais"))).toEqual([]);
  expect(
    Object.keys(testBuild.routes)
      .filter((id) => id.includes("essais"))
      .sort(),
  ).toEqual(["routes/essais.horloge", "routes/essais.televersement", "routes/essais.travailleur"]);
});
