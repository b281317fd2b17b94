/**
 * How long a request spent in its loaders, told in a `Server-Timing` header (seen in the
 * browser's developer tools, read by `npm run bench`). Remix runs a page's loaders side by
 * side, so the measure is their wall-clock span, from the first start to the last end; the
 * rest of the request (rendering, the session, the HTTP layer) is the header's `total` less it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import type { ServerBuild } from "@remix-run/node";

type Span = { start: number; end: number };

const spans = new AsyncLocalStorage<Span>();

type Loader = NonNullable<ServerBuild["routes"][string]["module"]["loader"]>;

function timedLoader(loader: Loader): Loader {
  return async (args) => {
    const span = spans.getStore();
    const start = performance.now();
    try {
      return await loader(args);
    } finally {
      if (span) {
        span.start = Math.min(span.start, start);
        span.end = Math.max(span.end, performance.now());
      }
    }
  };
}

/** The same build, each route's loader timed into the request's span. */
export function timedBuild(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const loader = route.module.loader;
      return [id, loader ? { ...route, module: { ...route.module, loader: timedLoader(loader) } } : route];
    }),
  );
  return { ...build, routes };
}

/** Runs `handle` with a fresh span and returns the header that tells it, with the total. */
export async function withServerTiming<T>(handle: () => Promise<T>): Promise<{ result: T; header: string }> {
  const span: Span = { start: Infinity, end: -Infinity };
  const start = performance.now();
  const result = await spans.run(span, handle);
  const total = performance.now() - start;
  const loaders = span.end >= span.start ? span.end - span.start : 0;
  return { result, header: `loaders;dur=${loaders.toFixed(2)}, total;dur=${total.toFixed(2)}` };
}
