// Lint rules that guard the project's own conventions (the type checker does the rest).
import { fileURLToPath } from "node:url";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
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
  // No import cycle (decision 022): registries are filled by app/composition.server.ts, so no
  // module needs to import the modules that register into it. `import type` does not count: it
  // leaves no trace at run time. The resolver maps `~/` like tsconfig.json and vite.config.ts.
  {
    files: [
      "app/**/*.{ts,tsx}",
      "server/**/*.ts",
      "scripts/**/*.ts",
      "workflows/**/*.ts",
      "seeds/**/*.ts",
      "prisma/**/*.ts",
    ],
    plugins: { "import-x": importX },
    settings: {
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
          alias: { "~": [fileURLToPath(new URL("./app", import.meta.url))] },
          conditionNames: ["import", "node", "default"],
        }),
      ],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // The one module that reads the system clock.
  { files: ["app/utils/clock.server.ts"], rules: { "no-restricted-syntax": "off" } },
);
