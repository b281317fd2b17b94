/** Runs the background worker alone (jobs and mail), without the web server. */
import { applyMigrations } from "../server/migrate";
import { startBackground } from "~/modules/worker/background.server";
import { composeApplication } from "~/composition.server";
import { holdAppLockOrExit } from "~/utils/app-lock.server";
import { databaseFile } from "../prisma/sqlite-adapter";

// As the server does: npm run restore refuses while this process lives.
holdAppLockOrExit(databaseFile());
applyMigrations();
composeApplication();
const worker = startBackground();
console.log("Travailleur Passerelles démarré (tâches planifiées et envoi des courriels).");
const stop = async () => {
  await worker.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
