import path from 'node:path';
import { z } from 'zod';

/**
 * Pinned versions of the Temporal servers the project provisions, and where they live in the cache.
 *
 * - Temporal CLI v1.5.1 is the newest tag whose go.mod has no `replace` directive, so `go install pkg@version` works.
 * - io.temporal:temporal-test-server 1.38.0 is the newest release on Maven Central (checked 2026-11-22) and runs the
 *   TS SDK 1.24 time-skipping tests.
 */
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli';
/**
 * Temporal's own server (PostgreSQL persistence, SQL visibility) for the production topology: v1.29.1 builds with
 * `go install` from the module proxy, like the CLI, and ships the PostgreSQL schema files its SQL tool applies.
 */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
export const TEST_SERVER_VERSION = '1.38.0';
export const TEST_SERVER_ARTIFACT = 'io.temporal:temporal-test-server';

/** The SDK's own download host; used only as the last resort, where there is internet. */
export const SDK_DOWNLOAD_HOST = 'temporal.download';

export function cachedCliPath(cacheDir: string): string {
  return path.join(cacheDir, 'bin', 'temporal');
}

/** ~/.cache/stammkunde/temporal-server/1.29.1: temporal-server, temporal-sql-tool and schema/postgresql/v12. */
export function temporalServerDir(cacheDir: string, version = TEMPORAL_SERVER_VERSION): string {
  return path.join(cacheDir, 'temporal-server', version);
}

export function testServerDir(cacheDir: string, version = TEST_SERVER_VERSION): string {
  return path.join(cacheDir, 'temporal-test-server', version);
}

export function cachedTestServerPath(cacheDir: string, version = TEST_SERVER_VERSION): string {
  return path.join(testServerDir(cacheDir, version), 'temporal-test-server');
}

export function lockPath(cacheDir: string, name: string): string {
  return path.join(cacheDir, 'locks', `${name}.lock`);
}

export function sdkDownloadDir(cacheDir: string): string {
  return path.join(cacheDir, 'sdk-download');
}

/**
 * Explicit paths a user can set to skip all lookup.
 * TODO(lead): move these two optional fields into config/settings.ts and read them via settings().
 */
const overridesSchema = z.object({
  STAMMKUNDE_TEMPORAL_CLI: z.string().min(1).optional(),
  STAMMKUNDE_TEMPORAL_TEST_SERVER: z.string().min(1).optional(),
});
export type TemporalOverrides = z.infer<typeof overridesSchema>;

export function readTemporalOverrides(env: NodeJS.ProcessEnv = process.env): TemporalOverrides {
  const parsed = overridesSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
