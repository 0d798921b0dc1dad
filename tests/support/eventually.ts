/**
 * Waiting for something the product guarantees (a query answer, a row, a message count) on a machine whose
 * speed drifts: poll until the probe returns a value, and give up only after a bound far above any normal run,
 * so that a busy CI machine makes a test slower, never red. The bound exists to name what never happened.
 */
export const PATIENCE_MS = 120_000;

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false | null>, timeoutMs = PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      lastError = error; // e.g. a query before the worker picked the workflow up
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
