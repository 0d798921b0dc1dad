import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  resolveExecutable,
  ServerProvisioningError,
  type Inspection,
  type ResolverTools,
  type ServerRecipe,
} from '../../infra/temporal/resolveExecutable';
import { inspectTemporalCli } from '../../infra/temporal/buildTemporalCli';
import { temporalCliRecipe } from '../../infra/temporal/resolveTemporalCli';
import { timeSkippingServerRecipe } from '../../infra/temporal/resolveTimeSkippingServer';

const quietLog = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };

/** A machine described by which files exist and what is on PATH. */
function machine(files: string[], onPath: Record<string, string> = {}): ResolverTools {
  return {
    isExecutableFile: async (file) => files.includes(file),
    findOnPath: async (command) => onPath[command],
  };
}

function cliRecipe(overrides: Partial<ServerRecipe> = {}): ServerRecipe & { buildRuns: jest.Mock } {
  const buildRuns = jest.fn(async () => '/cache/bin/temporal');
  return {
    label: 'Temporal CLI',
    envVar: 'STAMMKUNDE_TEMPORAL_CLI',
    envValue: undefined,
    commandName: 'temporal',
    cachedPath: '/cache/bin/temporal',
    inspect: async (): Promise<Inspection> => ({ usable: true, version: '1.5.1' }),
    build: { toolchain: 'Go', toolchainPresent: async () => true, run: buildRuns },
    download: { downloadDir: '/cache/sdk-download', reachable: async () => false },
    installHint: 'Install Go >= 1.25 or the temporal CLI.',
    ...overrides,
    buildRuns,
  };
}

describe('finding the Temporal servers for a dealer installation', () => {
  it('uses the path the operator set in the env var, even when PATH and the cache have one too', async () => {
    const tools = machine(['/opt/temporal', '/usr/bin/temporal', '/cache/bin/temporal'], { temporal: '/usr/bin/temporal' });
    const found = await resolveExecutable(cliRecipe({ envValue: '/opt/temporal' }), tools, quietLog);
    expect(found).toMatchObject({ from: 'env', executable: { type: 'existing-path', path: '/opt/temporal' } });
  });

  it('prefers a temporal CLI on PATH over the project cache', async () => {
    const tools = machine(['/usr/bin/temporal', '/cache/bin/temporal'], { temporal: '/usr/bin/temporal' });
    const found = await resolveExecutable(cliRecipe(), tools, quietLog);
    expect(found).toMatchObject({ from: 'path', executable: { path: '/usr/bin/temporal' } });
  });

  it('reuses the cached build on a fresh CI clone without building again', async () => {
    const recipe = cliRecipe();
    const found = await resolveExecutable(recipe, machine(['/cache/bin/temporal']), quietLog);
    expect(found).toMatchObject({ from: 'cache', executable: { path: '/cache/bin/temporal' } });
    expect(recipe.buildRuns).not.toHaveBeenCalled();
  });

  it('builds from the registry when nothing is installed or cached and Go is present', async () => {
    const recipe = cliRecipe();
    const found = await resolveExecutable(recipe, machine([]), quietLog);
    expect(found.from).toBe('build');
    expect(recipe.buildRuns).toHaveBeenCalledTimes(1);
  });

  it('rebuilds when the cache holds another version than the pinned one', async () => {
    const recipe = cliRecipe({
      inspect: async (_file, from) =>
        from === 'cache' ? { usable: false, problem: 'it is version 1.4.0' } : { usable: true, version: '1.5.1' },
    });
    const found = await resolveExecutable(recipe, machine(['/cache/bin/temporal']), quietLog);
    expect(found.from).toBe('build');
  });

  it('skips a broken binary on PATH and falls back to the cache', async () => {
    const recipe = cliRecipe({
      inspect: async (file) => (file === '/usr/bin/temporal' ? { usable: false, problem: 'crashes' } : { usable: true }),
    });
    const tools = machine(['/usr/bin/temporal', '/cache/bin/temporal'], { temporal: '/usr/bin/temporal' });
    expect((await resolveExecutable(recipe, tools, quietLog)).from).toBe('cache');
  });

  it("falls back to the SDK's own download where the download host is reachable", async () => {
    const recipe = cliRecipe({
      build: { toolchain: 'Go', toolchainPresent: async () => false, run: jest.fn() },
      download: { downloadDir: '/cache/sdk-download', reachable: async () => true },
    });
    const found = await resolveExecutable(recipe, machine([]), quietLog);
    expect(found).toEqual({ from: 'download', executable: { type: 'cached-download', downloadDir: '/cache/sdk-download' } });
  });

  it('falls through to the download when the build fails', async () => {
    const recipe = cliRecipe({
      build: { toolchain: 'Go', toolchainPresent: async () => true, run: async () => Promise.reject(new Error('no disk')) },
      download: { downloadDir: '/d', reachable: async () => true },
    });
    expect((await resolveExecutable(recipe, machine([]), quietLog)).from).toBe('download');
  });

  it('names the env var and the path when the env var points at a missing file, instead of guessing further', async () => {
    const recipe = cliRecipe({ envValue: '/opt/typo/temporal' });
    const tools = machine(['/cache/bin/temporal'], { temporal: '/usr/bin/temporal' });
    await expect(resolveExecutable(recipe, tools, quietLog)).rejects.toThrow(
      /STAMMKUNDE_TEMPORAL_CLI points at \/opt\/typo\/temporal, which does not exist/,
    );
  });

  it('tells the user to install Go or the temporal CLI when nothing works', async () => {
    const real = temporalCliRecipe('/nowhere');
    const recipe: ServerRecipe = {
      ...real,
      envValue: undefined,
      build: { ...real.build, toolchainPresent: async () => false },
      download: { ...real.download, reachable: async () => false },
    };
    const failure = resolveExecutable(recipe, machine([]), quietLog);
    await expect(failure).rejects.toThrow(ServerProvisioningError);
    await expect(failure).rejects.toThrow(/Install Go >= 1\.25 .*or install the temporal CLI/);
    await expect(failure).rejects.toThrow(/Go not found/);
  });

  it('tells the user to install Java 17 and Maven when the time-skipping server cannot be provided', async () => {
    const real = timeSkippingServerRecipe('/nowhere');
    const recipe: ServerRecipe = {
      ...real,
      envValue: undefined,
      build: { ...real.build, toolchainPresent: async () => false },
      download: { ...real.download, reachable: async () => false },
    };
    await expect(resolveExecutable(recipe, machine([]), quietLog)).rejects.toThrow(
      /Cannot provide the Temporal time-skipping test server: .*Install Java 17 and Maven/,
    );
  });

  it('keeps the test server jars under a versioned folder of the cache dir', () => {
    expect(timeSkippingServerRecipe('/c').cachedPath).toBe('/c/temporal-test-server/1.38.0/temporal-test-server');
    expect(temporalCliRecipe('/c').cachedPath).toBe('/c/bin/temporal');
  });
});

describe('checking a temporal binary with --version', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'temporal-inspect-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function fakeBinary(name: string, output: string): Promise<string> {
    const file = path.join(dir, name);
    await fs.writeFile(file, `#!/bin/sh\necho '${output}'\n`, { mode: 0o755 });
    return file;
  }

  it('trusts a cached CLI only at the pinned version', async () => {
    const pinned = await fakeBinary('pinned', 'temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)');
    const older = await fakeBinary('older', 'temporal version 1.4.0 (Server 1.28.0, UI 2.40.0)');
    expect(await inspectTemporalCli(pinned, 'cache')).toEqual({ usable: true, version: '1.5.1' });
    expect(await inspectTemporalCli(older, 'cache')).toMatchObject({ usable: false, problem: expect.stringMatching(/pins 1\.5\.1/) });
  });

  it("accepts the operator's own newer CLI from PATH", async () => {
    const newer = await fakeBinary('newer', 'temporal version 1.6.0 (Server 1.30.0, UI 2.44.0)');
    expect(await inspectTemporalCli(newer, 'path')).toEqual({ usable: true, version: '1.6.0' });
  });

  it('rejects a program that is not the Temporal CLI', async () => {
    const other = await fakeBinary('other', 'Temporal Tables 3.0');
    expect(await inspectTemporalCli(other, 'path')).toMatchObject({ usable: false, problem: expect.stringMatching(/not a Temporal CLI/) });
  });
});
