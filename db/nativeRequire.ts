import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { PrismaPGlite } from 'pglite-prisma-adapter';

/**
 * Node's own require, also when running inside jest. Jest's module registry cannot run ES modules
 * or dynamic `import()` without --experimental-vm-modules, and two packages here need them:
 *  - @prisma/schema-engine-wasm is an ES module (Node 20.19+ can require() it: no top-level await);
 *  - PGlite's CommonJS build loads node:fs and friends with `import()`.
 * Outside jest this is the ordinary require, sharing the ordinary module cache.
 */
export function nodeRequire(id: string): unknown {
  return process.getBuiltinModule('node:module').createRequire(__filename)(id);
}

export interface PgliteModules {
  PGlite: typeof PGlite;
  PrismaPGlite: typeof PrismaPGlite;
}

/**
 * PGlite and its Prisma adapter as the schema engine uses them: from Node's own module instance, so
 * migrations run under plain jest too, and the adapter recognises this PGlite's errors.
 */
export function pgliteModules(): PgliteModules {
  const { PGlite } = nodeRequire('@electric-sql/pglite') as { PGlite: typeof import('@electric-sql/pglite').PGlite };
  const { PrismaPGlite } = nodeRequire('pglite-prisma-adapter') as { PrismaPGlite: typeof import('pglite-prisma-adapter').PrismaPGlite };
  return { PGlite, PrismaPGlite };
}

/** Opens (creating if needed) a PGlite data directory with Node's own PGlite module. */
export async function openPgliteNatively(dataDir: string): Promise<PGlite> {
  fs.mkdirSync(dataDir, { recursive: true });
  return pgliteModules().PGlite.create(dataDir);
}

/** Node's own global object (under jest, `globalThis` is the test's sandbox instead). */
export function nativeGlobalThis(): typeof globalThis {
  return (nodeRequire('node:vm') as typeof import('node:vm')).runInThisContext('globalThis');
}
