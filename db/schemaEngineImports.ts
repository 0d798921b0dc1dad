/**
 * Adjustments to the JavaScript functions the schema engine's wasm imports (wasm-bindgen glue).
 *
 * 1. Timers: the engine arms 10 s timers and never clears them, which keeps a process alive after
 *    the work is done. Its timers are tracked and cleared once no engine is open.
 * 2. Type checks: the glue uses `x instanceof Promise` (and Map, Uint8Array, ArrayBuffer). Under jest,
 *    the adapters' promises come from the test's own JavaScript realm, fail that check, and the engine
 *    waits forever. The checks here recognise values from any realm by their built-in tag.
 */
export interface EngineActivity {
  timers: Set<NodeJS.Timeout>;
  openEngines: number;
}

const builtinTags: Record<string, string> = {
  Promise: '[object Promise]',
  Map: '[object Map]',
  Uint8Array: '[object Uint8Array]',
  ArrayBuffer: '[object ArrayBuffer]',
};

/** `timers` are Node's own setTimeout/clearTimeout, so jest's fake timers never touch the engine. */
export function adjustEngineImports(
  imports: Record<string, unknown>,
  activity: EngineActivity,
  timers: Pick<typeof globalThis, 'setTimeout'>,
): Record<string, unknown> {
  const adjusted: Record<string, unknown> = { ...imports };
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) adjusted[name] = trackedSetTimeout(activity, timers);
    const checked = /^__wbg_instanceof_([A-Za-z0-9]+)_[0-9a-f]+$/.exec(name)?.[1];
    if (checked && builtinTags[checked]) adjusted[name] = isBuiltin(builtinTags[checked]);
  }
  return adjusted;
}

function isBuiltin(tag: string): (value: unknown) => boolean {
  return (value) => Object.prototype.toString.call(value) === tag;
}

function trackedSetTimeout(activity: EngineActivity, timers: Pick<typeof globalThis, 'setTimeout'>) {
  return (callback: () => void, ms: number): NodeJS.Timeout => {
    const timer = timers.setTimeout(() => {
      activity.timers.delete(timer);
      callback();
    }, ms >>> 0);
    activity.timers.add(timer);
    return timer;
  };
}

/** Call when an engine is freed; clears the engine's leftover timers once none is open. */
export function clearTimersWhenIdle(activity: EngineActivity, timers: Pick<typeof globalThis, 'clearTimeout'>): void {
  if (activity.openEngines > 0) return;
  for (const timer of activity.timers) timers.clearTimeout(timer);
  activity.timers.clear();
}
