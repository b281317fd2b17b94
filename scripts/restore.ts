/**
 * Restores a backup written by `npm run backup`, while the app is stopped.
 *   npm run restore -- <file>
 * Checks the file first (integrity, hash chains, migrations), refuses while the server or a
 * worker runs on the database, keeps the replaced database under backups/. Exit code 0 when
 * restored, 1 when refused (the database in service is then untouched).
 */
import { describeCheck } from "~/modules/backup/check.server";
import { describeSecret, restoreBackup, RestoreError } from "~/modules/backup/restore.server";
import { prisma } from "~/utils/db.server";

const [backup] = process.argv.slice(2);
let code = 0;
if (!backup) {
  code = 1;
  console.error("Indiquez la sauvegarde à restaurer : npm run restore -- <fichier>");
} else {
  try {
    const result = await restoreBackup({ backup });
    console.log(`Base restaurée en ${result.ms} ms : ${result.database}, depuis ${backup}`);
    console.log(describeCheck(result.check));
    if (result.check.migrations && result.check.migrations.pending.length > 0) {
      console.log(`  migrations à appliquer au prochain démarrage : ${result.check.migrations.pending.join(", ")}`);
    }
    console.log(
      result.replacedKeptAt
        ? `La base remplacée est conservée ici : ${result.replacedKeptAt}`
        : "Il n'y avait pas de base à remplacer.",
    );
    console.log(describeSecret(result.secret, result.database));
  } catch (error) {
    code = 1;
    console.error(error instanceof RestoreError ? error.message : `Restauration impossible : ${String(error)}`);
  }
}
await prisma.$disconnect();
process.exit(code);
