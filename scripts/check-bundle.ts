/**
 * Fails when a route of the production build ships more JavaScript than its budget (200 kB
 * gzip, 400 kB with the rich-text editor): run by `npm test` right after `npm run build`
 * (before `build:test` replaces the build). Sizes are bytes of files, so the check does not
 * depend on the machine's speed.
 */
import { overBudget, routeScripts, scriptsTable } from "./route-scripts";

const scripts = routeScripts();
const over = overBudget(scripts);
console.log(scriptsTable(scripts));
if (over.length > 0) {
  console.error(
    `\n${over.length} route(s) over their JavaScript budget: ${over.map((s) => s.route).join(", ")}.` +
      "\nLook for a server-only library pulled into the browser by a shared module (keep it in a *.server.ts file).",
  );
  process.exit(1);
}
