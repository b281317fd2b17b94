/**
 * One establishment import, run in a process of its own (decision 043): the worker forks it so
 * that parsing and checking 40,000 lines never holds the web server's event loop. Arguments:
 * the import's id, the path of its kept file, its encoding. Exit code 0 when the import ended
 * (applied, refused or unchanged, written on its row), 1 when it failed (ECHEC, written too).
 */
import { runImport } from "~/modules/segur/import/staging.server";

const [importId, path, encoding] = process.argv.slice(2);
if (!importId || !path || (encoding !== "utf-8" && encoding !== "windows-1252")) {
  console.error("Usage : import-establishments <importId> <fichier> <utf-8|windows-1252>");
  process.exit(2);
}
const started = performance.now();
try {
  const summary = await runImport(importId, { path, encoding });
  // One line for the logs (and the import benchmark): outcome, size, time, peak memory.
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `[import ${importId}] ${summary.status} : ${summary.lines} lignes en ${seconds} s, mémoire max ${peak} Mo`,
  );
  process.exit(0);
} catch (error) {
  console.error(`[import ${importId}]`, error);
  process.exit(1);
}
