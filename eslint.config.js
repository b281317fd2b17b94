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
  // The one module that reads the system clock.
  { files: ["app/utils/clock.server.ts"], rules: { "no-restricted-syntax": "off" } },
);
