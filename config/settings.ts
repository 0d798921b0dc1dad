import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEVELOPMENT_LINK_SIGNING_SECRET, HOW_TO_SET_LINK_SECRET, MIN_LINK_SECRET_BYTES } from './linkSecret';

/**
 * Every setting of the engine, read once from the environment.
 * Production means pointing these at a Temporal cluster, a managed PostgreSQL and an SMTP relay;
 * no code changes.
 */
const settingsSchema = z.object({
  /** postgresql://… for a PostgreSQL server; unset means the embedded PGlite database in dataDir. */
  DATABASE_URL: z.string().url().optional(),
  STAMMKUNDE_DATA_DIR: z.string().default(path.resolve(process.cwd(), '.data')),
  STAMMKUNDE_CACHE_DIR: z.string().default(path.join(os.homedir(), '.cache', 'stammkunde')),
  /** Explicit paths to the Temporal CLI and the time-skipping test server launcher (first in the resolution order). */
  STAMMKUNDE_TEMPORAL_CLI: z.string().min(1).optional(),
  STAMMKUNDE_TEMPORAL_TEST_SERVER: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  /**
   * `stammkunde temporal-server`: the PostgreSQL server (postgresql://user:password@host:port/database, the database
   * only for CREATE DATABASE) that holds Temporal's two databases; unset: a throwaway PostgreSQL that is gone after the stop.
   */
  TEMPORAL_POSTGRES_URL: z.string().url().optional(),
  /** Ports of the embedded Temporal dev server that `stammkunde start` runs (frontend gRPC and Web UI). */
  TEMPORAL_DEV_PORT: z.coerce.number().int().positive().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('stammkunde'),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  SMTP_URL: z.string().default('smtp://127.0.0.1:2525'),
  MAIL_FROM: z.string().default('Autohaus <service@autohaus.example>'),
  /** Where customers' replies go (Reply-To of customer mail); unset: reply@<domain of MAIL_FROM>. */
  MAIL_REPLY_TO: z.string().optional(),
  /** Domain of the per-message envelope sender (bounce+<token>@…) that bounces come back to; unset: MAIL_FROM's domain. */
  BOUNCE_DOMAIN: z.string().optional(),
  /**
   * DKIM signing (see mail/dkim.ts): one selector and key for MAIL_FROM's domain (or DKIM_DOMAIN), the
   * key as PEM in DKIM_PRIVATE_KEY or as a file in DKIM_PRIVATE_KEY_PATH; DKIM_KEYS_FILE names a JSON
   * file [{ "domain", "selector", "privateKeyPath" }] for several dealer domains.
   */
  DKIM_SELECTOR: z.string().optional(),
  DKIM_DOMAIN: z.string().optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  DKIM_PRIVATE_KEY_PATH: z.string().optional(),
  DKIM_KEYS_FILE: z.string().optional(),
  /** The inbound SMTP endpoint (replies, bounces, complaints) that `stammkunde start` and `stammkunde inbound` run. */
  INBOUND_SMTP_HOST: z.string().default('127.0.0.1'),
  INBOUND_SMTP_PORT: z.coerce.number().int().nonnegative().default(2526),
  /** Largest inbound message in bytes (default 25 MB); a larger one is refused with 552 and logged. */
  INBOUND_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** Soft bounces (4.x.x) of one address before it is suppressed like a hard bounce. */
  SOFT_BOUNCE_LIMIT: z.coerce.number().int().positive().default(3),
  /** HMAC secret of signed links; the public development default is refused outside development (config/linkSecret). */
  LINK_SIGNING_SECRET: z
    .string()
    .refine((secret) => Buffer.byteLength(secret, 'utf8') >= MIN_LINK_SECRET_BYTES, {
      message: `must be at least ${MIN_LINK_SECRET_BYTES} bytes: ${HOW_TO_SET_LINK_SECRET}`,
    })
    .default(DEVELOPMENT_LINK_SIGNING_SECRET),
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /**
   * Wraps the per-customer keys that encrypt Temporal payloads (privacy/): 32 bytes as base64 or hex.
   * The default is a development value. PAYLOAD_MASTER_KEY_PREVIOUS is the old one during a rotation.
   */
  PAYLOAD_MASTER_KEY: z.string().min(1).default('dev-only-payload-master-key-change-me'),
  PAYLOAD_MASTER_KEY_PREVIOUS: z.string().min(1).optional(),
  /** Origins of the Temporal Web UI allowed to call the codec endpoint (comma-separated). */
  TEMPORAL_UI_ORIGINS: z.string().default('http://127.0.0.1:8233,http://localhost:8233'),
  /**
   * When marketing email may go out: 'default' = Mon–Sat 09:00–19:00, not on public holidays;
   * 'always' = around the clock (the local demo, so emails show up at once). Unset: `start` uses
   * 'always', production workers 'default'.
   */
  SENDING_WINDOW: z.enum(['default', 'always']).optional(),
  API_PORT: z.coerce.number().int().positive().default(3000),
  INBOX_PORT: z.coerce.number().int().positive().default(8025),
  /** A repeat lead request (same person, kind and vehicle) within this many minutes is the same lead. */
  LEAD_REPEAT_WINDOW_MINUTES: z.coerce.number().int().min(0).max(10_080).default(30),
  /**
   * The prebuilt workflow bundle (`npm run build` writes dist/workflow-bundle.js) a production worker loads instead of
   * bundling workflows/ with webpack at every start. Unset: the compiled worker uses dist/workflow-bundle.js, the dev
   * worker (tsx) bundles on the fly.
   */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** On SIGTERM the worker stops polling and gives running activities this long to finish (then cancels them). */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /**
   * Workflow runs a worker keeps in memory between their tasks. A lifecycle sleeps for weeks between them, so caching it
   * only costs memory (the SDK's default sizes the cache to the heap, ~2,300 runs here); an evicted run replays its
   * bounded history when its timer fires. 0 turns the cache off.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(250),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

let cached: Settings | undefined;
/** The process-wide settings, read on first use. */
export function settings(): Settings {
  cached ??= readSettings();
  return cached;
}
