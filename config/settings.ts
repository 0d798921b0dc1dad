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
  /** HMAC secret of signed links; the public development default is refused outside development (config/linkSecret). */
  LINK_SIGNING_SECRET: z
    .string()
    .refine((secret) => Buffer.byteLength(secret, 'utf8') >= MIN_LINK_SECRET_BYTES, { message: `must be at least ${MIN_LINK_SECRET_BYTES} bytes: ${HOW_TO_SET_LINK_SECRET}` })
    .default(DEVELOPMENT_LINK_SIGNING_SECRET),
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
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
