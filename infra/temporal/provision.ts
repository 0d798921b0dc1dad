/**
 * Provisions the Temporal servers into the cache (with `--for test` also Temporal's real server) and prints what it used.
 * Run: npx tsx infra/temporal/provision.ts   (the bootstrap calls this; exits non-zero with one clear error)
 */
import { resolveTemporalServer } from './buildTemporalServer';
import { provisionLog } from './provisionLog';
import type { Resolution } from './resolveExecutable';
import { resolveTemporalCli } from './resolveTemporalCli';
import { resolveTimeSkippingServer } from './resolveTimeSkippingServer';

function describe(label: string, resolution: Resolution): string {
  const { executable, from, version } = resolution;
  const where = executable.type === 'existing-path' ? executable.path : "the Temporal SDK's download";
  return `${label}: ${where} (from ${from}${version ? `, version ${version}` : ''})`;
}

/** `--for test`: the production-topology test needs Temporal's real server (a cold Go build takes ~15 min here). */
const forTests = process.argv.includes('--for') && process.argv[process.argv.indexOf('--for') + 1] === 'test';

async function main(): Promise<number> {
  const [cli, testServer, realServer] = await Promise.allSettled([
    resolveTemporalCli(),
    resolveTimeSkippingServer(),
    forTests ? resolveTemporalServer() : Promise.resolve(undefined),
  ]);
  let failed = false;
  if (realServer.status === 'rejected') {
    failed = true;
    console.error(`Temporal server: ${(realServer.reason as Error).message}`);
  } else if (realServer.value) {
    console.log(`Temporal server: ${realServer.value.server} (version ${realServer.value.version}, with temporal-sql-tool)`);
  }
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
