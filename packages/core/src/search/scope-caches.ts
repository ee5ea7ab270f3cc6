import type { MemoryRecord } from '../spec/memory-record.js';
import { type Scope, scopeKeys } from '../spec/scope.js';
import { ScopeIndex } from './scope-index.js';
import type { TermCounts } from './term-counts.js';

/** The key of the index that serves a scope: its first field in `scopeKeys` order, or `*` for no field. */
export function cacheKeyOf(scope: Scope): string {
  for (const key of scopeKeys) {
    const value = scope[key];
    if (value !== undefined) return `${key}\u0000${value}`;
  }
  return '*';
}

/** Keys of every index a record (or a scope) can appear in: one per field it has, and `*`. */
export function cacheKeysOf(scope: Scope): string[] {
  const keys = ['*'];
  for (const key of scopeKeys) {
    const value = scope[key];
    if (value !== undefined) keys.push(`${key}\u0000${value}`);
  }
  return keys;
}

/**
 * Per-scope search indexes built lazily and kept up to date by the store's writes, with a budget on the records
 * they hold: past it, the least recently used indexes are dropped (and rebuilt on their next use).
 */
export class ScopeCaches {
  private readonly indexes = new Map<string, ScopeIndex>();
  private held = 0;

  constructor(
    private readonly store: string,
    private readonly contextWeight: number,
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * The index serving `scope`, built with `load` when it is not held (entries in list order, `createdAt` then `id`,
   * make the build linear; `terms` skips tokenizing).
   */
  get(
    scope: Scope,
    load: () => Iterable<{ record: MemoryRecord; vector: Float32Array; terms?: TermCounts | undefined }>,
  ): ScopeIndex {
    const key = cacheKeyOf(scope);
    let index = this.indexes.get(key);
    if (index) {
      this.indexes.delete(key);
      this.indexes.set(key, index);
      return index;
    }
    index = new ScopeIndex(this.store, this.contextWeight);
    for (const { record, vector, terms } of load()) index.set(record, vector, terms);
    this.indexes.set(key, index);
    this.held += index.size;
    this.evict(key);
    return index;
  }

  /** Whether an index is held for any of these keys (so a change under them must be applied). */
  holdsAny(keys: string[]): boolean {
    return keys.some((key) => this.indexes.has(key));
  }

  /** Applies an inserted or replaced record to the held indexes it belongs to (remove it first if it moved). */
  set(record: MemoryRecord, vector: Float32Array, terms?: TermCounts): void {
    for (const key of cacheKeysOf(record)) {
      const index = this.indexes.get(key);
      if (!index) continue;
      this.held -= index.size;
      index.set(record, vector, terms);
      this.held += index.size;
    }
  }

  /** Removes a record from the held indexes under `keys` (the {@link cacheKeysOf} of the scope it had). */
  remove(id: string, keys: string[]): void {
    for (const key of keys) {
      const index = this.indexes.get(key);
      if (!index?.has(id)) continue;
      index.remove(id);
      this.held -= 1;
    }
  }

  isEmpty(): boolean {
    return this.indexes.size === 0;
  }

  clear(): void {
    this.indexes.clear();
    this.held = 0;
  }

  private evict(keep: string): void {
    for (const [key, index] of this.indexes) {
      if (this.held <= this.budget) return;
      if (key === keep) continue;
      this.indexes.delete(key);
      this.held -= index.size;
    }
  }
}
