/**
 * Backup and restore beside the real production server (decision 016): a backup is taken
 * while people use the app, and a restore is refused as long as the server runs.
 */
import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { E2E } from "./environment";
import { ACCOUNTS, login } from "./support";

type Run = { code: number; stdout: string; stderr: string };

function script(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", file, ...args],
      { env: { ...process.env, DATABASE_URL: `file:${join(E2E.dir, "app.db")}` }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test("a backup is taken while an administrator works, and a restore is refused while the server runs", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await login(page, ACCOUNTS.admin);
  const backupFile = join(E2E.dir, `sauvegarde-${test.info().workerIndex}-${test.info().retry}.db`);

  const [backup] = await Promise.all([
    script("scripts/backup.ts", [backupFile]),
    // Keep the server busy (sign-in audits, journal checks) while the copy is made.
    (async () => {
      for (let n = 0; n < 3; n++) {
        await page.goto("/admin/journal");
        await page.getByRole("button", { name: "Vérifier l'intégrité" }).click();
        await expect(page.getByRole("heading", { name: "Journaux intègres" })).toBeVisible();
      }
    })(),
  ]);
  expect(backup.stderr).toBe("");
  expect(backup.code).toBe(0);
  expect(backup.stdout).toContain(`Sauvegarde écrite et vérifiée`);
  expect(backup.stdout).toContain(backupFile);
  expect(existsSync(backupFile)).toBe(true);

  const restore = await script("scripts/restore.ts", [backupFile]);
  expect(restore.code).toBe(1);
  expect(restore.stderr).toContain(
    `Restauration refusée : Passerelles tourne sur ${join(E2E.dir, "app.db")} (serveur ou travailleur).`,
  );
  expect(
    existsSync(join(E2E.dir, "backups"))
      ? readdirSync(join(E2E.dir, "backups")).filter((name) => name.startsWith("remplacee-"))
      : [],
  ).toEqual([]);

  // The server did not notice: the administrator is still signed in and the journals are whole.
  await page.goto("/admin/journal");
  await page.getByRole("button", { name: "Vérifier l'intégrité" }).click();
  await expect(page.getByRole("heading", { name: "Journaux intègres" })).toBeVisible();
});
