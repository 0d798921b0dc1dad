/**
 * A simulation must never touch what is real: its database, Temporal and SMTP server are its own.
 * Before anything starts, each target is checked; one that looks like production stops the run
 * with a message that says which target and why.
 */
export class UnsafeSimulationTarget extends Error {
  constructor(
    readonly target: 'database' | 'temporal' | 'smtp',
    reason: string,
  ) {
    super(`The simulation refuses to start: its ${target} ${reason}. A simulation only runs against the sandbox it creates itself.`);
    this.name = 'UnsafeSimulationTarget';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const SANDBOX_DATABASE_PREFIX = 'stammkunde_sim_';

export type SandboxTargets = {
  /** postgresql://… of the sandbox database, or a PGlite directory. */
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** The production DATABASE_URL, if any: the sandbox must never be it. */
  productionDatabaseUrl?: string;
  /** Whether the Temporal environment is the time-skipping test server. */
  temporalIsTimeSkipping: boolean;
  smtpUrl: string;
};

export function assertSandboxTargets(targets: SandboxTargets): void {
  const db = targets.database;
  if (db.kind === 'postgres') {
    const url = new URL(db.url);
    if (!LOOPBACK.has(url.hostname)) throw new UnsafeSimulationTarget('database', `is on ${url.hostname}, not on this machine's loopback`);
    const name = url.pathname.replace(/^\//, '');
    if (!name.startsWith(SANDBOX_DATABASE_PREFIX))
      throw new UnsafeSimulationTarget('database', `"${name}" is not a sandbox database (${SANDBOX_DATABASE_PREFIX}…)`);
    if (targets.productionDatabaseUrl && sameDatabase(db.url, targets.productionDatabaseUrl)) {
      throw new UnsafeSimulationTarget('database', 'is the production database (DATABASE_URL)');
    }
  }
  if (!targets.temporalIsTimeSkipping) throw new UnsafeSimulationTarget('temporal', 'is not the time-skipping test server');
  const smtp = new URL(targets.smtpUrl);
  if (!LOOPBACK.has(smtp.hostname)) throw new UnsafeSimulationTarget('smtp', `relay ${smtp.hostname} is not the simulation's own sink`);
}

function sameDatabase(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.hostname === y.hostname && (x.port || '5432') === (y.port || '5432') && x.pathname === y.pathname;
  } catch {
    return false;
  }
}
