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

// Decision 020: inside writeTransaction the app's client `prisma` *is* the transaction, so no
// function chooses between the global client and one passed in. A `db = prisma` default, a
// `db ?? prisma` fallback or a `tx as unknown as Db` cast would bring that choice back.
const transactions = {
  rules: {
    "one-client": {
      meta: {
        type: "problem",
        messages: {
          fallback:
            "Pas de client par défaut : `prisma` (app/utils/db.server.ts) est déjà la transaction ouverte, utilisez-le directement (décision 020).",
          cast: "Pas de conversion de transaction en client : appelez la fonction sans client, `prisma` est la transaction (décision 020).",
        },
        schema: [],
      },
      create(context) {
        const isPrisma = (node) => node?.type === "Identifier" && node.name === "prisma";
        return {
          AssignmentPattern(node) {
            if (isPrisma(node.right)) context.report({ node, messageId: "fallback" });
          },
          LogicalExpression(node) {
            if ((node.operator === "??" || node.operator === "||") && isPrisma(node.right))
              context.report({ node, messageId: "fallback" });
          },
          TSAsExpression(node) {
            const target = node.typeAnnotation;
            if (
              node.expression.type === "TSAsExpression" &&
              node.expression.typeAnnotation.type === "TSUnknownKeyword" &&
              target.type === "TSTypeReference" &&
              ["Db", "PrismaClient"].includes(target.typeName.name)
            )
              context.report({ node, messageId: "cast" });
          },
        };
      },
    },
  },
};

// Decision 017: the engine alone reads snapshots; everything else queries tags and projected fields.
const parsesASnapshot = [
  {
    selector:
      "CallExpression[callee.object.name='JSON'][callee.property.name='parse'][arguments.0.property.name='snapshot']",
    message:
      "Seul le moteur (app/modules/workflow/) lit un snapshot : interrogez les tags et champs projetés, ou contextOf().",
  },
  {
    selector: "CallExpression[callee.object.name='JSON'][callee.property.name='parse'][arguments.0.name='snapshot']",
    message:
      "Seul le moteur (app/modules/workflow/) lit un snapshot : interrogez les tags et champs projetés, ou contextOf().",
  },
];

// Decision 019: services refuse with a Result; the route boundary alone turns a refusal into a
// Response (orRefusal, refused, answer in app/utils/intent.server.ts).
const throwsAResponse = [
  {
    selector: "ThrowStatement > NewExpression[callee.name='Response']",
    message: "Un service ne lève pas de Response : il renvoie un refus (Result, décision 019) que la route traduit.",
  },
  {
    selector: "ThrowStatement > CallExpression[callee.name=/^(forbidden|notFound|redirect|json|data|unknownIntent)$/]",
    message: "Un service ne lève pas de Response : il renvoie un refus (Result, décision 019) que la route traduit.",
  },
];

// Access policy (decision 018): who holds which role is read in the policy modules only; every
// other file asks `can(user, "verb:entity")` or a domain policy.
const isRolesList = (node) =>
  (node.type === "MemberExpression" && !node.computed && node.property.name === "roles") ||
  (node.type === "Identifier" && node.name === "roles");
const accessRules = {
  "roles-only-in-policy": {
    meta: {
      type: "problem",
      messages: {
        roles:
          'Pas de roles.includes / roles.some hors des politiques d\'accès : demander can(user, "verbe:entité") (app/utils/permissions.ts) ou la politique du domaine (app/modules/<domaine>/policy.server.ts).',
      },
    },
    create: (context) => ({
      "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(includes|some)$/]"(node) {
        if (isRolesList(node.callee.object)) context.report({ node, messageId: "roles" });
      },
    }),
  },
};

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
  // Decision 020: one client, the transaction's inside a transaction (rule above).
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { transactions },
    rules: { "transactions/one-client": "error" },
  },
  // Decision 021: page read models run on the read connection (readDb), not on the app's client.
  {
    files: ["app/modules/*/queries/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/utils/db.server",
              importNames: ["prisma", "writeTransaction"],
              message: "Un modèle de lecture lit par readDb() de ~/utils/read-db.server (décision 021).",
            },
          ],
        },
      ],
    },
  },
  // Decision 017: no snapshot parsing outside the engine (tests included: they go through contextOf()).
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["app/modules/workflow/**"],
    rules: { "no-restricted-syntax": ["error", ...readsTheSystemClock, ...parsesASnapshot] },
  },
  // Decision 019: no service throws a Response (the rules above still apply: one list per file set).
  {
    files: ["app/modules/**/*.ts"],
    ignores: ["app/modules/workflow/**", "**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...readsTheSystemClock, ...parsesASnapshot, ...throwsAResponse] },
  },
  {
    files: ["app/modules/workflow/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...readsTheSystemClock, ...throwsAResponse] },
  },
  // Machines stay pure (decisions 003, 017): nothing from the app but its pure date helpers
  // (Paris calendar and French date words, no I/O), no database client.
  {
    files: ["workflows/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~/|(\\.\\./)+app/)(?!utils/(working-days|format)$)",
              message: "Une machine n'importe rien de l'application hormis app/utils/working-days et app/utils/format.",
            },
            {
              group: ["@prisma/**", "**/generated/**", "better-sqlite3", "kysely"],
              message: "Une machine n'accède pas à la base de données.",
            },
          ],
        },
      ],
    },
  },
  // Access policy: role checks live in the policy index and the domain policies only.
  {
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "seeds/**/*.ts", "workflows/**/*.ts"],
    // Tests pick their cast by role.
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    plugins: { access: { rules: accessRules } },
    rules: { "access/roles-only-in-policy": "error" },
  },
  {
    files: ["app/utils/permissions.ts", "app/modules/*/policy.server.ts"],
    rules: { "access/roles-only-in-policy": "off" },
  },
  // Routes stay thin (decision 019): they reach the database through a service, never a client.
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/utils/db.server",
              message: "Une route n'interroge pas la base : appeler un service de app/modules/<domaine>/.",
            },
          ],
          patterns: [
            {
              group: ["~/generated/prisma/*", "**/generated/prisma/*", "@prisma/*"],
              message: "Une route n'importe pas le client Prisma : appeler un service de app/modules/<domaine>/.",
            },
          ],
        },
      ],
    },
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
