import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { E2E } from "./environment";

export const DEMO_PASSWORD = "Démonstration Passerelles 2026";

export const ACCOUNTS = {
  coordinateur: "camille.durand@cnsa.example",
  directeur53: "claire.moreau@mdph53.example",
  directeur80: "julien.lefevre@mdph80.example",
  membre: "sophie.bernard@cnaf.example",
  membreDgefp: "paul.girard@dgefp.example",
  pilote: "nicolas.petit@france-travail.example",
  dagemo: "isabelle.roux@dagemo.example",
  stsiRennes: "marc.garnier@men-stsi.example",
  piloteSegur: "elodie.fontaine@essms-demo.example",
  admin: "thomas.leroy@cnsa.example",
} as const;

/** Submits the sign-in form without waiting for the outcome (for refusals). */
export async function tryLogin(page: Page, email: string, password: string = DEMO_PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** Signs in and waits until the app has left the sign-in page (second-factor step included). */
export async function login(page: Page, email: string, password: string = DEMO_PASSWORD) {
  await tryLogin(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/connexion");
}

/** Runs `work` in a fresh browser context signed in as `email`. */
export async function as<T>(browser: Browser, email: string, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}

/** Opens a page and waits until it is hydrated: React's hydration resets radios ticked before it. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page).toHaveURL(/\/connexion/);
}

/** Fails on any serious or critical accessibility violation of the page as it is now. */
export async function expectAccessible(page: Page) {
  // axe cannot enter a sandboxed frame (the mail preview): its content is the mail's own HTML.
  const results = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export type ReceivedMail = {
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number; base64: string }[];
};

export function receivedMails(): ReceivedMail[] {
  if (!existsSync(E2E.mailDir)) return [];
  return readdirSync(E2E.mailDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(E2E.mailDir, file), "utf8")) as ReceivedMail);
}

/** Waits until the real SMTP server has received a mail matching the predicate. */
export async function waitForMail(
  predicate: (mail: ReceivedMail) => boolean,
  timeoutMs = 15_000,
): Promise<ReceivedMail> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = receivedMails().filter(predicate).at(-1);
    if (found) return found;
    if (performance.now() > deadline)
      throw new Error(
        `No matching mail within ${timeoutMs} ms; received: ${receivedMails()
          .map((m) => `${m.to.join(",")}: ${m.subject}`)
          .join(" | ")}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function linkIn(mail: ReceivedMail, path: string) {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path}[^\\s]*`));
  if (!match) throw new Error(`No ${path} link in: ${mail.text}`);
  return new URL(match[0]).pathname;
}

let counter = 0;
/** A unique reserved-domain address for a person a test creates. */
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}.${randomUUID().slice(0, 8)}${counter}@essai.example`;
}
