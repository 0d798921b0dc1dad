import path from 'node:path';
import { withFileLock } from './cacheLock';
import type { ProvisionLog } from './provisionLog';
import { goInstallInto } from './goInstall';
import { findOnPath, isExecutableFile, runQuick } from './systemTools';
import { cachedCliPath, lockPath, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION } from './temporalVersions';
import type { Inspection, ResolvedFrom } from './resolveExecutable';

/**
 * Checks that a file is a working Temporal CLI by running `temporal --version`.
 * A binary from `go install` without ldflags says "0.0.0-DEV"; then the module version is read with `go version -m`.
 * The cache must hold exactly the pinned version; a binary the user chose (env var, PATH) only has to work.
 */
export async function inspectTemporalCli(file: string, from: Exclude<ResolvedFrom, 'download'>): Promise<Inspection> {
  const out = await runQuick(file, ['--version']);
  if (!out.ok) return { usable: false, problem: `\`${file} --version\` failed: ${firstLine(out.stderr)}` };
  const match = /temporal version (\S+)/.exec(out.stdout);
  if (!match) return { usable: false, problem: `\`${file} --version\` printed "${firstLine(out.stdout)}", not a Temporal CLI` };
  let version = match[1];
  if (version.startsWith('0.0.0')) version = (await moduleVersionOf(file)) ?? version;
  const pinned = from === 'cache' || from === 'build';
  if (pinned && version !== TEMPORAL_CLI_VERSION) {
    return { usable: false, version, problem: `it is version ${version}, the project pins ${TEMPORAL_CLI_VERSION}` };
  }
  return { usable: true, version };
}

/** Reads the temporalio/cli module version from a Go binary's build info, if Go is installed. */
async function moduleVersionOf(file: string): Promise<string | undefined> {
  const go = await findOnPath('go');
  if (!go) return undefined;
  const out = await runQuick(go, ['version', '-m', file]);
  const match = new RegExp(`\\bmod\\s+${TEMPORAL_CLI_MODULE.replace(/\./g, '\\.')}\\s+v(\\S+)`).exec(out.stdout);
  return match?.[1];
}

export async function goToolchainPresent(): Promise<boolean> {
  const go = await findOnPath('go');
  return go !== undefined && (await runQuick(go, ['version'])).ok;
}

/**
 * `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into the cache, under a lock, with an atomic rename,
 * so a parallel process never sees a half-written binary and never builds a second time.
 */
export async function buildTemporalCli(cacheDir: string, log: ProvisionLog): Promise<string> {
  const target = cachedCliPath(cacheDir);
  return withFileLock(
    lockPath(cacheDir, 'temporal-cli'),
    async () => {
      if ((await isExecutableFile(target)) && (await inspectTemporalCli(target, 'cache')).usable) {
        log.info({ path: target }, 'another process built the Temporal CLI meanwhile');
        return target;
      }
      const started = Date.now();
      log.info(
        { version: TEMPORAL_CLI_VERSION },
        'building the Temporal CLI with `go install` (the first build takes several minutes on a small machine)',
      );
      await goInstallInto(
        path.dirname(target),
        [
          {
            pkg: `${TEMPORAL_CLI_MODULE}/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
            binary: 'temporal',
            installAs: path.basename(target),
            ldflags: `-X ${TEMPORAL_CLI_MODULE}/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
          },
        ],
        log,
      );
      log.info({ path: target, seconds: Math.round((Date.now() - started) / 1000) }, 'built the Temporal CLI');
      return target;
    },
    { onWait: (holder) => log.info({ holder }, 'another process is building the Temporal CLI, waiting for it') },
  );
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
