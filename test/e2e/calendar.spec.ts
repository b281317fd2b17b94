import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, login } from "./support";

test("the calendar shows public holidays in month, week and agenda views, accessibly", async ({ page }) => {
  await login(page, ACCOUNTS.directeur53);
  for (const vue of ["mois", "semaine", "agenda"]) {
    await page.goto(`/calendrier?vue=${vue}&date=2026-05-11`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Calendrier");
    await expect(page.locator("#liste-evenements")).toBeVisible();
    await expectAccessible(page);
  }
  await page.goto("/calendrier?vue=mois&date=2026-05-01");
  await expect(page.getByText("Ascension").first()).toBeVisible();
});

test("the grid gets its entries after a page load, the list and the grid after a client navigation", async ({
  page,
}) => {
  await login(page, ACCOUNTS.directeur53);
  // A page load: the list comes with the page, the grid asks for the entries once mounted.
  await page.goto("/calendrier?vue=mois&date=2026-04-01");
  const list = page.locator("#liste-evenements").locator("..");
  await expect(list.getByRole("link", { name: /Lundi de Pâques/ }).or(list.getByText("Lundi de Pâques"))).toBeVisible();
  await expect(page.locator(".cal-interactive .cal-event", { hasText: "Lundi de Pâques" })).toBeVisible();
  // A client navigation: both from the data.
  await page.getByRole("link", { name: /Suivant/ }).click();
  await expect(page).toHaveURL(/date=2026-05-01/);
  await expect(list.getByText("Ascension")).toBeVisible();
  await expect(page.locator(".cal-interactive .cal-event", { hasText: "Ascension" })).toBeVisible();
  await expect(list.getByRole("heading", { level: 4, name: /Jour férié/ }).first()).toBeVisible();
});

test("the calendar is usable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, ACCOUNTS.directeur53);
  await page.goto("/calendrier?vue=mois&date=2026-05-01");
  await expect(page.locator("body")).toContainText("Lundi de Pentecôte");
  await page.getByRole("link", { name: /Suivant/ }).click();
  await expect(page).toHaveURL(/date=2026-06-01/);
  await context.close();
});

test("a personal ICS feed can be created, read without a session, and revoked", async ({ page, request }) => {
  await login(page, ACCOUNTS.dagemo);
  await page.goto("/compte");
  await page.getByRole("button", { name: /Créer mon lien d'agenda|Générer un nouveau lien/ }).click();
  const url = (await page.locator("code", { hasText: "/calendrier/flux/" }).innerText()).trim();
  const path = new URL(url).pathname;
  const feed = await request.get(path);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const body = await feed.text();
  expect(body).toContain("BEGIN:VCALENDAR");
  expect(body).toMatch(/BEGIN:VEVENT[\s\S]*END:VEVENT/);
  await page.getByRole("button", { name: "Révoquer le lien" }).click();
  await expect(page.getByRole("status")).toContainText("révoqué");
  expect((await request.get(path)).status()).toBe(404);
});
