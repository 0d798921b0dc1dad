import type { ProvisionLog } from './provisionLog';

/**
 * The resolution order shared by both Temporal servers:
 *   1. an explicit env var path, 2. PATH, 3. the project cache, 4. a build from the registries (go / mvn),
 *   5. the SDK's own download.
 * Everything that touches the OS comes in through `ResolverTools`, so tests drive it with fakes.
 */

/** What the SDK's TestWorkflowEnvironment accepts as `server.executable`. */
export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download'; downloadDir?: string };

export type ResolvedFrom = 'env' | 'path' | 'cache' | 'build' | 'download';

export interface Resolution {
  executable: ServerExecutable;
  from: ResolvedFrom;
  /** Human readable version, when known. */
  version?: string;
}

export interface Inspection {
  usable: boolean;
  version?: string;
  /** Why it is not usable. */
  problem?: string;
}

/** One server and how to find, check and build it. */
export interface ServerRecipe {
  /** e.g. "Temporal CLI" */
  label: string;
  envVar: string;
  envValue: string | undefined;
  commandName: string;
  cachedPath: string;
  /** Checks a candidate binary found at `from`. */
  inspect(path: string, from: Exclude<ResolvedFrom, 'download'>): Promise<Inspection>;
  /** The registry build; `toolchain` names what it needs, e.g. "Go". */
  build: {
    toolchain: string;
    toolchainPresent(): Promise<boolean>;
    /** Builds into the cache (under a lock) and returns the binary's path. */
    run(): Promise<string>;
  };
  download: {
    downloadDir: string;
    /** True when the SDK's download host is reachable from here. */
    reachable(): Promise<boolean>;
  };
  /** The one sentence telling the user what to install when everything failed. */
  installHint: string;
}

export interface ResolverTools {
  isExecutableFile(path: string): Promise<boolean>;
  findOnPath(command: string): Promise<string | undefined>;
}

export class ServerProvisioningError extends Error {
  override name = 'ServerProvisioningError';
}

export async function resolveExecutable(recipe: ServerRecipe, tools: ResolverTools, log: ProvisionLog): Promise<Resolution> {
  const { label } = recipe;
  const tried: string[] = [];

  if (recipe.envValue) return useExplicitPath(recipe, tools, log);
  tried.push(`${recipe.envVar} is not set`);

  const onPath = await tools.findOnPath(recipe.commandName);
  if (onPath) {
    const found = await recipe.inspect(onPath, 'path');
    if (found.usable) return used(log, label, onPath, 'path', found.version);
    log.warn({ path: onPath, problem: found.problem }, `${label} on PATH is not usable, looking further`);
    tried.push(`${onPath} (on PATH) is not usable: ${found.problem}`);
  } else {
    tried.push(`no \`${recipe.commandName}\` on PATH`);
  }

  if (await tools.isExecutableFile(recipe.cachedPath)) {
    const cached = await recipe.inspect(recipe.cachedPath, 'cache');
    if (cached.usable) return used(log, label, recipe.cachedPath, 'cache', cached.version);
    log.warn({ path: recipe.cachedPath, problem: cached.problem }, `cached ${label} is not usable, rebuilding`);
    tried.push(`the cached ${recipe.cachedPath} is not usable: ${cached.problem}`);
  } else {
    tried.push(`nothing cached at ${recipe.cachedPath}`);
  }

  const built = await tryBuild(recipe, log, tried);
  if (built) return built;

  if (await recipe.download.reachable()) {
    log.info({ downloadDir: recipe.download.downloadDir }, `using the Temporal SDK's own download for the ${label}`);
    return { executable: { type: 'cached-download', downloadDir: recipe.download.downloadDir }, from: 'download' };
  }
  tried.push("the SDK's download host is not reachable");

  const message = `Cannot provide the ${label}: ${tried.join('; ')}. ${recipe.installHint}`;
  log.debug({ tried }, 'no way to provide the server');
  throw new ServerProvisioningError(message);
}

async function useExplicitPath(recipe: ServerRecipe, tools: ResolverTools, log: ProvisionLog): Promise<Resolution> {
  const file = recipe.envValue as string;
  if (!(await tools.isExecutableFile(file))) {
    throw new ServerProvisioningError(
      `${recipe.envVar} points at ${file}, which does not exist or is not an executable file. ` +
        `Fix the path or unset ${recipe.envVar} to let the project find the ${recipe.label} itself.`,
    );
  }
  const found = await recipe.inspect(file, 'env');
  if (!found.usable) {
    throw new ServerProvisioningError(`${recipe.envVar} points at ${file}, which is not a usable ${recipe.label}: ${found.problem}`);
  }
  return used(log, recipe.label, file, 'env', found.version);
}

async function tryBuild(recipe: ServerRecipe, log: ProvisionLog, tried: string[]): Promise<Resolution | undefined> {
  const { label, build } = recipe;
  if (!(await build.toolchainPresent())) {
    log.info(`${build.toolchain} not found, cannot build the ${label} from the registry`);
    tried.push(`${build.toolchain} not found`);
    return undefined;
  }
  try {
    const file = await build.run();
    const fresh = await recipe.inspect(file, 'build');
    if (fresh.usable) return used(log, label, file, 'build', fresh.version);
    tried.push(`the freshly built ${file} is not usable: ${fresh.problem}`);
  } catch (error) {
    log.error({ err: error }, `building the ${label} with ${build.toolchain} failed`);
    tried.push(`building with ${build.toolchain} failed: ${(error as Error).message.split('\n')[0]}`);
  }
  return undefined;
}

function used(log: ProvisionLog, label: string, file: string, from: ResolvedFrom, version?: string): Resolution {
  const where = { env: 'the env var', path: 'PATH', cache: 'the project cache', build: 'a fresh build' }[
    from as Exclude<ResolvedFrom, 'download'>
  ];
  log.info({ path: file, version }, `using the ${label} from ${where}`);
  return { executable: { type: 'existing-path', path: file }, from, version };
}
