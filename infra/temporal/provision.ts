/**
 * Provisions both Temporal servers into the cache and prints what it used.
 * Run: npx tsx infra/temporal/provision.ts   (the bootstrap calls this; exits non-zero with one clear error)
 */
import { provisionLog } from './provisionLog';
import type { Resolution } from './resolveExecutable';
import { resolveTemporalCli } from './resolveTemporalCli';
import { resolveTimeSkippingServer } from './resolveTimeSkippingServer';

function describe(label: string, resolution: Resolution): string {
  const { executable, from, version } = resolution;
  const where = executable.type === 'existing-path' ? executable.path : "the Temporal SDK's download";
  return `${label}: ${where} (from ${from}${version ? `, version ${version}` : ''})`;
}

async function main(): Promise<number> {
  const [cli, testServer] = await Promise.allSettled([resolveTemporalCli(), resolveTimeSkippingServer()]);
  let failed = false;
  for (const [label, outcome] of [
    ['Temporal CLI', cli],
    ['time-skipping test server', testServer],
  ] as const) {
    if (outcome.status === 'fulfilled') {
      console.log(describe(label, outcome.value));
    } else {
      failed = true;
      console.error(`${label}: ${(outcome.reason as Error).message}`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    provisionLog.error({ err: error }, 'provisioning the Temporal servers failed');
    process.exitCode = 1;
  },
);
