import { settings } from '../../config/settings';
import { buildTestServer, inspectTestServer, mavenToolchainPresent } from './buildTestServer';
import { provisionLog } from './provisionLog';
import { resolveExecutable, type Resolution, type ServerRecipe } from './resolveExecutable';
import { systemResolverTools } from './resolveTemporalCli';
import { hostResolves } from './systemTools';
import {
  cachedTestServerPath,
  readTemporalOverrides,
  SDK_DOWNLOAD_HOST,
  sdkDownloadDir,
  TEST_SERVER_ARTIFACT,
  TEST_SERVER_VERSION,
} from './temporalVersions';

/** How to find the Java time-skipping test server. */
export function timeSkippingServerRecipe(cacheDir = settings().STAMMKUNDE_CACHE_DIR): ServerRecipe {
  return {
    label: 'Temporal time-skipping test server',
    envVar: 'STAMMKUNDE_TEMPORAL_TEST_SERVER',
    envValue: readTemporalOverrides().STAMMKUNDE_TEMPORAL_TEST_SERVER,
    commandName: 'temporal-test-server',
    cachedPath: cachedTestServerPath(cacheDir),
    inspect: inspectTestServer,
    build: { toolchain: 'Java + Maven', toolchainPresent: mavenToolchainPresent, run: () => buildTestServer(cacheDir, provisionLog) },
    download: { downloadDir: sdkDownloadDir(cacheDir), reachable: () => hostResolves(SDK_DOWNLOAD_HOST) },
    installHint:
      `Install Java 17 and Maven (the project then fetches ${TEST_SERVER_ARTIFACT}:${TEST_SERVER_VERSION} from Maven Central), ` +
      'or set STAMMKUNDE_TEMPORAL_TEST_SERVER to a temporal-test-server executable.',
  };
}

let resolving: Promise<Resolution> | undefined;

/** The time-skipping test server for `createTimeSkipping`; resolved once per process. */
export function resolveTimeSkippingServer(): Promise<Resolution> {
  resolving ??= resolveExecutable(timeSkippingServerRecipe(), systemResolverTools, provisionLog).catch((error: unknown) => {
    resolving = undefined;
    throw error;
  });
  return resolving;
}
