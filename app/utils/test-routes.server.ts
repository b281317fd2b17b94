/**
 * Guard of the test-only routes (app/routes/essais.*). They are left out of the production
 * build (vite.config.ts); in the test build they also require PASSERELLES_TEST_ROUTES=1 at
 * run time and refuse to work in a production configuration that is not a demo.
 */
import { env } from "./env.server";

export function requireTestRoutes() {
  const config = env();
  if (process.env.PASSERELLES_TEST_ROUTES !== "1" || (config.isProduction && !config.demoData)) {
    throw new Response("Introuvable", { status: 404 });
  }
}
