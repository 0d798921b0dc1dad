import fs from 'node:fs';
import path from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };
import { componentLogger } from '../config/logger';
import type { MigrationAdapterFactory } from './migrationAdapters';
import { nativeGlobalThis, nodeRequire } from './nativeRequire';
import { adjustEngineImports, clearTimersWhenIdle, type EngineActivity } from './schemaEngineImports';

export type { SchemaEngine };

/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the same engine as
 * the native `schema-engine` binary, which cannot be downloaded here). See shared/notes/prisma-offline.md.
 */
type SchemaEngineBindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg', {
  with: { 'resolution-mode': 'import' },
});

const log = componentLogger('schema-engine');
export const SCHEMA_PATH = path.resolve(__dirname, '..', 'prisma', 'schema.prisma');

/**
 * The wasm is instantiated once per process and kept on Node's own global: the glue module is shared
 * (Node's require cache), and instantiating it a second time (e.g. once in jest's globalSetup and again
 * in a test file's module registry) corrupts it.
 */
interface EngineRuntime {
  bindings: SchemaEngineBindings;
  activity: EngineActivity;
  panic: { message: string; set_message(message: string): void };
}
const RUNTIME_KEY = Symbol.for('stammkunde.schemaEngineRuntime');

type NativeGlobal = typeof globalThis & { [RUNTIME_KEY]?: EngineRuntime };

/** The little of the WebAssembly API used here (tsconfig's lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

function engineRuntime(): EngineRuntime {
  const nativeGlobal = nativeGlobalThis() as NativeGlobal;
  return (nativeGlobal[RUNTIME_KEY] ??= instantiateEngine(nativeGlobal));
}

/** The package's own entry imports a .wasm file, which Node cannot; so instantiate it here. */
function instantiateEngine(nativeGlobal: typeof globalThis): EngineRuntime {
  // Without this registry a Rust panic surfaces as an unrelated TypeError. The glue reads it from Node's global.
  const panic = {
    message: '',
    set_message(message: string) {
      this.message = message;
    },
  };
  (nativeGlobal as unknown as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = panic;
  const { WebAssembly } = nativeGlobal as unknown as { WebAssembly: WasmApi };
  const activity: EngineActivity = { timers: new Set(), openEngines: 0 };
  const bindings = nodeRequire('@prisma/schema-engine-wasm/schema_engine_bg') as SchemaEngineBindings;
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const imports = adjustEngineImports(bindings as unknown as Record<string, unknown>, activity, nativeGlobal);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), { './schema_engine_bg.js': imports });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return { bindings, activity, panic };
}

export interface SchemaEngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection and shadow database its adapter opened. */
  close(): Promise<void>;
}

/** Starts the engine over a (fixed) driver adapter, with the schema file it should migrate to. */
export async function openSchemaEngine(adapter: MigrationAdapterFactory, schemaPath = SCHEMA_PATH): Promise<SchemaEngineSession> {
  const runtime = engineRuntime();
  const { SchemaEngine } = runtime.bindings;
  const onLogLine = (line: string) => log.debug({ engine: safeJson(line) }, 'schema engine log');
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, fs.readFileSync(schemaPath, 'utf8')]] },
    onLogLine,
    bindForEngine(adapter),
  ).catch(async (error: unknown) => {
    await adapter.closeAll();
    throw engineError(error);
  });
  runtime.activity.openEngines++;
  let closed = false;
  return {
    engine,
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      runtime.activity.openEngines--;
      clearTimersWhenIdle(runtime.activity, nativeGlobalThis());
      await adapter.closeAll();
    },
  };
}

/**
 * Wraps the factory the way the engine expects (raw factories fail). The wrapper comes from Node's own
 * module instance: built in a jest test realm, the engine does not recognise its shadow-database support.
 */
function bindForEngine(adapter: MigrationAdapterFactory): object {
  const utils = nodeRequire('@prisma/driver-adapter-utils') as typeof import('@prisma/driver-adapter-utils');
  return utils.bindMigrationAwareSqlAdapterFactory(adapter);
}

/** Engine errors arrive as objects or JSON strings; turn them into readable Errors. */
export function engineError(error: unknown): Error {
  if (Object.prototype.toString.call(error) === '[object Error]') return error as Error; // from any realm
  const panic = (nativeGlobalThis() as NativeGlobal)[RUNTIME_KEY]?.panic;
  if (panic?.message) return new Error(`Schema engine panicked: ${panic.message}`);
  const detail = typeof error === 'string' ? safeJson(error) : error;
  const message = (detail as { message?: string })?.message ?? JSON.stringify(detail);
  return new Error(`Schema engine error: ${message}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
