/**
 * What the database holds for the keys of one batch of rows, read with one query before the rows are upserted one by
 * one in file order (instead of one lookup per row). Each upsert writes its result back, so a later row of the same
 * batch with the same key sees it exactly as a fresh lookup would. A key the batch did not look up is not known here:
 * the caller then asks the database itself.
 */
export class KnownRows<T> {
  private readonly looked = new Set<string>();
  private readonly rows = new Map<string, T>();

  /** Records that `keys` were looked up and which of them were found. */
  lookedUp(keys: Iterable<string>, found: Iterable<[string, T]>): this {
    for (const key of keys) this.looked.add(key);
    for (const [key, row] of found) this.rows.set(key, row);
    return this;
  }

  /** Whether the batch looked this key up (then `get` answers for the database). */
  covers(key: string): boolean {
    return this.looked.has(key);
  }

  /** The stored row under `key`, or null when there is none; only for a key the batch covers. */
  get(key: string): T | null {
    return this.rows.get(key) ?? null;
  }

  set(key: string, row: T): void {
    this.looked.add(key);
    this.rows.set(key, row);
  }

  /** No row has this key any more (a vehicle's VIN or number was changed by an earlier row). */
  delete(key: string): void {
    this.looked.add(key);
    this.rows.delete(key);
  }
}
