/**
 * The production build served for a benchmark's HTTP part, on the demo data, without the
 * worker, resolved once the sign-in page answers (3 minutes at most: the machine is shared).
 */
import { spawn, type StdioOptions } from "node:child_process";

type Options = { port: number; cwd?: string; env?: Record<string, string>; stdio?: StdioOptions };

export async function startProductionServer({ port, cwd, env = {}, stdio = "ignore" }: Options) {
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO_DATA: "1",
      WORKER_ENABLED: "0",
      PORT: String(port),
      APP_URL: base,
      ...env,
    },
    stdio,
  });
  const deadline = performance.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/connexion`)).ok) break;
    } catch {
      // still starting
    }
    if (performance.now() > deadline) {
      server.kill("SIGTERM");
      throw new Error("the server did not start within 3 minutes");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, server };
}
