import { defineConfig } from "vitest/config";
import { resolve } from "node:path";

export default defineConfig({
  resolve: { alias: { "~": resolve(__dirname, "app") } },
  test: {
    include: [
      "app/**/*.test.ts",
      "workflows/**/*.test.ts",
      "seeds/**/*.test.ts",
      "test/integration/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    setupFiles: ["test/setup/vitest.setup.ts"],
    globalSetup: ["test/setup/global-db.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
