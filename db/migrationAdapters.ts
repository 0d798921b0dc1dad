import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { pgliteModules } from './nativeRequire';

/**
 * Driver adapters for the wasm schema engine, with the fixes it needs (shared/notes/prisma-offline.md).
 * Prisma's own CLI never drives the engine this way, so @prisma/adapter-pg 7.10 and pglite-prisma-adapter
 * have bugs on this path; each fix below is one small wrapper.
 */
export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every connection, pool and shadow database this factory opened. */
  closeAll(): Promise<void>;
}

// ───────────── PostgreSQL over @prisma/adapter-pg ─────────────

const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_constraint.contype …)
const TEXT_OID = 25;

interface PgQueryResult {
  fields: Array<{ name: string; dataTypeID: number }>;
  rows: unknown[][];
}
/** The parts of adapter-pg's queryable the fixes reach into. */
interface PgQueryableInternals {
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  performIO(query: SqlQuery): Promise<PgQueryResult>;
  onError(error: unknown): never;
}

/** Fix 1: adapter-pg cannot map "char" (OID 18); read it as Text, then report it as Character. */
function mapCharColumns<T extends SqlQueryable>(queryable: T): T {
  const internal = queryable as unknown as PgQueryableInternals;
  const originalQueryRaw = internal.queryRaw;
  internal.queryRaw = async (query) => {
    const result = await internal.performIO(query);
    const charColumns = new Set(result.fields.flatMap((f, i) => (f.dataTypeID === CHAR_OID ? [i] : [])));
    const patched = { ...result, fields: result.fields.map((f) => (f.dataTypeID === CHAR_OID ? { ...f, dataTypeID: TEXT_OID } : f)) };
    const replay = Object.create(queryable, { performIO: { value: async () => patched } });
    const resultSet: SqlResultSet = await originalQueryRaw.call(replay, query);
    return { ...resultSet, columnTypes: resultSet.columnTypes.map((t, i) => (charColumns.has(i) ? ColumnTypeEnum.Character : t)) };
  };
  return queryable;
}

/** Fix 2: adapter-pg splits scripts on every ";" and runs the pieces outside a transaction. */
function runScriptsAsOneQuery(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internal = adapter as unknown as PgQueryableInternals;
  const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script); // simple protocol: PostgreSQL runs it as one implicit transaction
    } catch (error) {
      internal.onError(error);
    }
  };
  return adapter;
}

function fixPgAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  mapCharColumns(runScriptsAsOneQuery(adapter));
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => mapCharColumns<Transaction>(await startTransaction(isolationLevel));
  return adapter;
}

/** The URL of another database on the same server. */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Runs one statement (CREATE/DROP DATABASE …) on its own short-lived connection. */
export async function runAdminStatement(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Fixes 3 and 4 for PostgreSQL: the shadow database is a temporary database whose pool is closed
 * before it is dropped, and every pool is closed at the end.
 */
export function postgresMigrationAdapter(url: string): MigrationAdapterFactory {
  const opened: SqlDriverAdapter[] = [];
  const open = async (connectionString: string) => {
    const adapter = fixPgAdapter(await new PrismaPg({ connectionString }).connect());
    adapter.dispose = onceOnly(adapter.dispose.bind(adapter)); // the engine may dispose it too
    opened.push(adapter);
    return adapter;
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => open(url),
    async connectToShadowDb() {
      const name = `stammkunde_shadow_${randomUUID().replace(/-/g, '')}`;
      await runAdminStatement(url, `CREATE DATABASE "${name}"`);
      const adapter = await open(urlForDatabase(url, name));
      const dispose = adapter.dispose;
      adapter.dispose = onceOnly(async () => {
        await dispose();
        await runAdminStatement(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
      return adapter;
    },
    async closeAll() {
      for (const adapter of opened.splice(0).reverse()) await adapter.dispose();
    },
  };
}

// ───────────── PGlite over pglite-prisma-adapter ─────────────

/** Its executeScript does not await, so a failing migration would be recorded as applied. */
function awaitScripts(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  const internal = adapter as unknown as PgQueryableInternals;
  adapter.executeScript = async (script) => {
    try {
      await pglite.exec(script);
    } catch (error) {
      internal.onError(error);
    }
  };
  return adapter;
}

/**
 * The engine over an open PGlite. The shadow database is one in-memory PGlite, wiped before each use
 * (the adapter's default makes a fresh one per call, 2 to 4 s each) and closed at the end.
 */
export function pgliteMigrationAdapter(pglite: PGlite): MigrationAdapterFactory {
  const { PGlite, PrismaPGlite } = pgliteModules();
  let shadow: PGlite | undefined;
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    connect: async () => awaitScripts(await new PrismaPGlite(pglite).connect(), pglite),
    async connectToShadowDb() {
      shadow ??= new PGlite();
      await shadow.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      return awaitScripts(await new PrismaPGlite(shadow).connect(), shadow);
    },
    async closeAll() {
      await shadow?.close();
      shadow = undefined;
    },
  };
}

function onceOnly(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}
