import { settings } from '../../config/settings';
import { buildTemporalCli, goToolchainPresent, inspectTemporalCli } from './buildTemporalCli';
import { provisionLog } from './provisionLog';
import { resolveExecutable, type Resolution, type ResolverTools, type ServerRecipe } from './resolveExecutable';
import { findOnPath, hostResolves, isExecutableFile } from './systemTools';
import { cachedCliPath, readTemporalOverrides, SDK_DOWNLOAD_HOST, sdkDownloadDir, TEMPORAL_CLI_VERSION } from './temporalVersions';

/** How to find the Temporal CLI (dev server with Web UI and SQLite persistence). */
export function temporalCliRecipe(cacheDir = settings().STAMMKUNDE_CACHE_DIR): ServerRecipe {
  return {
    label: 'Temporal CLI',
    envVar: 'STAMMKUNDE_TEMPORAL_CLI',
    envValue: readTemporalOverrides().STAMMKUNDE_TEMPORAL_CLI,
    commandName: 'temporal',
    cachedPath: cachedCliPath(cacheDir),
    inspect: inspectTemporalCli,
    build: { toolchain: 'Go', toolchainPresent: goToolchainPresent, run: () => buildTemporalCli(cacheDir, provisionLog) },
    download: { downloadDir: sdkDownloadDir(cacheDir), reachable: () => hostResolves(SDK_DOWNLOAD_HOST) },
    installHint:
      `Install Go >= 1.25 (the project then builds the Temporal CLI v${TEMPORAL_CLI_VERSION} itself), ` +
      'or install the temporal CLI (https://docs.temporal.io/cli) on PATH, or set STAMMKUNDE_TEMPORAL_CLI to its path.',
  };
}

export const systemResolverTools: ResolverTools = { isExecutableFile, findOnPath: (command) => findOnPath(command) };

let resolving: Promise<Resolution> | undefined;

/** The Temporal CLI for `createLocal` / `startDevServer`; resolved once per process. */
export function resolveTemporalCli(): Promise<Resolution> {
  resolving ??= resolveExecutable(temporalCliRecipe(), systemResolverTools, provisionLog).catch((error: unknown) => {
    resolving = undefined;
    throw error;
  });
  return resolving;
}
