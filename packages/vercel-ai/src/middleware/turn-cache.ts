/**
 * A small LRU map of promises keyed by turn: the first step of a turn starts the work, later steps of the same turn
 * (tool loops call the middleware once per step) share it. Bounded, so abandoned turns cannot grow it forever.
 */
export class TurnCache<Value> {
  readonly #entries = new Map<string, Promise<Value>>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = Math.max(1, Math.floor(maxEntries));
  }

  /** The entry for `key`, created with `create` when missing. */
  getOrCreate(key: string, create: () => Promise<Value>): Promise<Value> {
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, existing);
      return existing;
    }
    const created = create();
    this.#entries.set(key, created);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return created;
  }

  get(key: string): Promise<Value> | undefined {
    return this.#entries.get(key);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
