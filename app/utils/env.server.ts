/**
 * Configuration, read once from the environment and validated with zod. Every setting has
 * an embedded default so that `npm start` works on a fresh machine; production refuses to
 * start without the secrets it needs.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { databaseFile } from "../../prisma/sqlite-adapter";

const booleanish = z
  .enum(["1", "0", "true", "false", "oui", "non"])
  .transform((value) => value === "1" || value === "true" || value === "oui");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default("127.0.0.1"),
  APP_URL: z.string().url().optional(),
  DATABASE_URL: z.string().default("file:./data/passerelles.db"),
  APP_SECRET: z.string().min(32, "APP_SECRET doit compter au moins 32 caractères").optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Passerelles <ne-pas-repondre@passerelles.localhost>"),
  DEMO_DATA: booleanish.optional(),
  REQUIRE_TOTP_FOR_PRIVILEGED: booleanish.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(2).max(240).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  WORKER_ENABLED: booleanish.default("1"),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(200).default(5000),
  TRUST_PROXY: booleanish.default("0"),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  appUrl: string;
  databaseUrl: string;
  appSecret: string;
  smtpUrl: string | null;
  mailFrom: string;
  demoData: boolean;
  requireTotpForPrivileged: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  workerEnabled: boolean;
  workerIntervalMs: number;
  trustProxy: boolean;
  passwordHashConcurrency: number;
};

/** Where the secret generated outside production is kept: beside the database. */
export function localSecretFile(databaseUrl: string) {
  return resolve(dirname(databaseFile(databaseUrl)), "app-secret");
}

/** Outside production, a random secret is generated once and kept beside the database. */
function localSecret(databaseUrl: string) {
  const file = localSecretFile(databaseUrl);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Configuration invalide :\n${details}`);
  }
  const v = parsed.data;
  const isProduction = v.NODE_ENV === "production";
  // The demo (a production build with demo data) is for trying the app on one machine.
  const demoData = v.DEMO_DATA ?? !isProduction;
  if (isProduction && !demoData && !v.APP_SECRET) {
    throw new Error("Configuration invalide : APP_SECRET est obligatoire en production.");
  }
  // Invitation and reset links leave only by mail, to their addressee (docs/decisions/010):
  // a local outbox is for the demo and development, where every account is public anyway.
  if (isProduction && !demoData && !v.SMTP_URL) {
    throw new Error(
      "Configuration invalide : SMTP_URL est obligatoire en production. Sans serveur de courriel, les liens d'invitation et de réinitialisation du mot de passe ne pourraient être remis à leurs destinataires.",
    );
  }
  return {
    nodeEnv: v.NODE_ENV,
    isProduction,
    port: v.PORT,
    host: v.HOST,
    appUrl: (v.APP_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ""),
    databaseUrl: v.DATABASE_URL,
    appSecret: v.APP_SECRET ?? localSecret(v.DATABASE_URL),
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.MAIL_FROM,
    demoData,
    requireTotpForPrivileged: v.REQUIRE_TOTP_FOR_PRIVILEGED ?? (isProduction && !demoData),
    sessionIdleMinutes: v.SESSION_IDLE_MINUTES,
    sessionMaxHours: v.SESSION_MAX_HOURS,
    workerEnabled: v.WORKER_ENABLED,
    workerIntervalMs: v.WORKER_INTERVAL_MS,
    trustProxy: v.TRUST_PROXY,
    // One core stays free for the requests that only read (decision 011).
    passwordHashConcurrency: v.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, availableParallelism() - 1),
  };
}

const store = globalThis as unknown as { __passerellesEnv?: Env };

export function env(): Env {
  return (store.__passerellesEnv ??= parseEnv(process.env));
}
