import { defineConfig } from "prisma/config";
import { sqliteAdapter } from "./prisma/sqlite-adapter";

// Prisma 6.19 with its JavaScript engines: nothing is downloaded (../shared/docs/stack.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => sqliteAdapter(),
});
