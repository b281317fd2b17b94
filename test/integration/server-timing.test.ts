import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { timedBuild, withServerTiming } from "../../server/server-timing";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The part of a build the timing reads: routes with or without a loader. */
function buildWith(loaders: Record<string, (() => Promise<unknown>) | undefined>) {
  const routes = Object.fromEntries(
    Object.entries(loaders).map(([id, loader]) => [id, { id, path: id, module: loader ? { loader } : {} }]),
  );
  return timedBuild({ routes } as unknown as ServerBuild);
}

const call = async (build: ServerBuild, id: string): Promise<unknown> =>
  build.routes[id].module.loader!({ request: new Request("http://test/"), params: {}, context: { ip: "127.0.0.1" } });

const durations = (header: string) =>
  Object.fromEntries([...header.matchAll(/(\w+);dur=([\d.]+)/g)].map(([, name, value]) => [name, Number(value)]));

describe("Server-Timing", () => {
  it("tells the wall-clock span of loaders run side by side, not their sum, within the total", async () => {
    const build = buildWith({ root: () => pause(60).then(() => "root"), page: () => pause(60).then(() => "page") });
    const { result, header } = await withServerTiming(async () => {
      const data = await Promise.all([call(build, "root"), call(build, "page")]);
      await pause(30); // rendering
      return data;
    });
    expect(result).toEqual(["root", "page"]);
    const { loaders, total } = durations(header);
    expect(loaders).toBeGreaterThanOrEqual(55);
    expect(loaders).toBeLessThan(110);
    expect(total).toBeGreaterThanOrEqual(loaders + 25);
  });

  it("counts a loader that throws, keeps routes without one, and says 0 when no loader ran", async () => {
    const build = buildWith({
      failing: () => pause(40).then(() => Promise.reject(new Response("Introuvable", { status: 404 }))),
      static: undefined,
    });
    expect(build.routes.static.module.loader).toBeUndefined();
    const failed = await withServerTiming(() => call(build, "failing").catch((response: Response) => response.status));
    expect(failed.result).toBe(404);
    expect(durations(failed.header).loaders).toBeGreaterThanOrEqual(35);
    const none = await withServerTiming(async () => "asset");
    expect(durations(none.header).loaders).toBe(0);
  });

  it("keeps requests apart when they overlap", async () => {
    const build = buildWith({ slow: () => pause(80), quick: () => pause(5) });
    const [slow, quick] = await Promise.all([
      withServerTiming(() => call(build, "slow")),
      withServerTiming(() => call(build, "quick")),
    ]);
    expect(durations(slow.header).loaders).toBeGreaterThanOrEqual(75);
    expect(durations(quick.header).loaders).toBeLessThan(60);
  });
});
