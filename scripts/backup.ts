/**
 * Online backup of the database, safe while the app runs and writes.
 *   npm run backup              → <database folder>/backups/passerelles-<app clock time>.db
 *   npm run backup -- <file>    → that file (never overwritten)
 * Exit code 0 once the copy is written and verified, 1 otherwise (nothing is left behind).
 */
import { BackupError, createBackup } from "~/modules/backup/backup.server";
import { describeCheck } from "~/modules/backup/check.server";
import { localSecretFile } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import { databaseUrl } from "../prisma/sqlite-adapter";

const [destination] = process.argv.slice(2);
let code = 0;
try {
  const { file, check, ms } = await createBackup({ destination });
  console.log(`Sauvegarde écrite et vérifiée en ${ms} ms : ${file}`);
  console.log(describeCheck(check));
  console.log(
    `Pour la restaurer il faudra le même APP_SECRET (les clés TOTP sont chiffrées avec lui ; hors production : ${localSecretFile(databaseUrl())}). ` +
      "Conservez-le avec vos sauvegardes, mais pas dans le même fichier.",
  );
} catch (error) {
  code = 1;
  console.error(error instanceof BackupError ? error.message : `Sauvegarde impossible : ${String(error)}`);
}
await prisma.$disconnect();
process.exit(code);
