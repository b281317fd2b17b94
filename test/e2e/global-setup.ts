import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { E2E } from "./environment";

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => process.env.E2E_VERBOSE && process.stdout.write(`[${name}] ${chunk}`));
  child.stderr?.on("data", (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  return child;
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export default async function globalSetup() {
  rmSync(E2E.dir, { recursive: true, force: true });
  mkdirSync(E2E.mailDir, { recursive: true });
  const smtp = start("smtp", ["test/support/smtp-capture.ts", String(E2E.smtpPort), E2E.mailDir], {});
  const app = start("app", ["server/index.ts"], {
    NODE_ENV: "production",
    BUILD_DIR: "build-test",
    PASSERELLES_TEST_ROUTES: "1",
    PASSERELLES_CLOCK_START: E2E.clockStart,
    DEMO_DATA: "1",
    DATABASE_URL: `file:${E2E.dir}/app.db`,
    PORT: String(E2E.port),
    HOST: "127.0.0.1",
    APP_URL: E2E.baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${E2E.smtpPort}`,
    WORKER_INTERVAL_MS: "300",
    APP_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
  });
  await waitFor(`${E2E.baseUrl}/connexion`, 180_000);
  // Specs that measure the server process (its memory) find it here.
  writeFileSync(E2E.serverPidFile, String(app.pid));
  return async () => {
    app.kill("SIGTERM");
    smtp.kill("SIGTERM");
  };
}
