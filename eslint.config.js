// Lint rules that guard the project's own conventions (the type checker does the rest).
import tseslint from "typescript-eslint";

const readsTheSystemClock = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message:
      "Lire l'heure par now() de app/utils/clock.server.ts (horloge injectable), jamais new Date() sans argument.",
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "Lire l'heure par now() de app/utils/clock.server.ts ; pour mesurer une durée, performance.now().",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "build-test/",
      "app/generated/",
      "public/",
      "data/",
      "test-results/",
      "playwright-report/",
      ".cache/",
    ],
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { parser: tseslint.parser },
    // export.server.ts keeps its no-control-regex directives for when that rule is on.
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: { "no-restricted-syntax": ["error", ...readsTheSystemClock] },
  },
  // The one module that reads the system clock.
  { files: ["app/utils/clock.server.ts"], rules: { "no-restricted-syntax": "off" } },
);
