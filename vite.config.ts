import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { resolve } from "node:path";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The test-only routes (e.g. setting the clock) exist only in a build made with
// PASSERELLES_TEST_ROUTES=1 (`build-test/`), never in the production build (`build/`).
const withTestRoutes = process.env.PASSERELLES_TEST_ROUTES === "1";

export default defineConfig({
  resolve: { alias: { "~": resolve(__dirname, "app") } },
  ssr: { noExternal: ["@codegouvfr/react-dsfr"] },
  // @node-rs/argon2 is server-only (a native addon): its browser build must not be pre-bundled.
  optimizeDeps: { include: ["@codegouvfr/react-dsfr", "tsafe"], exclude: ["@node-rs/argon2"] },
  server: { hmr: { port: 24679 } },
  plugins: [
    remix({
      buildDirectory: withTestRoutes ? "build-test" : "build",
      ignoredRouteFiles: withTestRoutes ? ["**/*.css"] : ["**/*.css", "**/essais.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        unstable_optimizeDeps: true,
      },
    }),
  ],
});
