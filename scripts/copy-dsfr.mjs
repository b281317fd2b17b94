// Copies the parts of the DSFR that the pages load (styles, fonts, icons, favicons, artwork)
// from @codegouvfr/react-dsfr into public/dsfr. Run before dev and build (npm run setup).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve("@codegouvfr/react-dsfr/package.json")), "dsfr");
const target = join(process.cwd(), "public", "dsfr");

rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, "utility", "icons"), { recursive: true });
for (const item of ["dsfr.min.css", "fonts", "icons", "favicon", "artwork"]) {
  cpSync(join(source, item), join(target, item), { recursive: true });
}
cpSync(join(source, "utility", "icons", "icons.min.css"), join(target, "utility", "icons", "icons.min.css"));
if (!existsSync(join(target, "dsfr.min.css"))) throw new Error("DSFR copy failed");
console.log("DSFR copied to public/dsfr");
