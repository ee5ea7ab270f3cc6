/** A sparse vector: parallel arrays of non-negative integer indices and their values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** A stored vector, as the service keeps it. */
export interface StoredVector {
  id: string;
  vector?: number[];
  sparseVector?: SparseVector;
  metadata?: Record<string, unknown>;
  data?: string;
}

interface PendingChange {
  visibleAt: number;
  id: string;
  /** `undefined` deletes. */
  value: StoredVector | undefined;
}

/**
 * One namespace with two views: `committed` (what fetch reads, immediately consistent) and `visible` (what query,
 * range and filtered delete read). Writes reach `visible` after the emulator's visibility delay, in write order,
 * like Upstash's asynchronous indexing.
 */
export class VectorNamespace {
  readonly committed = new Map<string, StoredVector>();
  readonly #visible = new Map<string, StoredVector>();
  #pending: PendingChange[] = [];

  /** Records a write (or a delete, with `undefined`) that queries see after `delayMs`. */
  write(id: string, value: StoredVector | undefined, delayMs: number): void {
    if (value === undefined) this.committed.delete(id);
    else this.committed.set(id, value);
    if (delayMs <= 0 && this.#pending.length === 0) this.#apply(id, value);
    else this.#pending.push({ visibleAt: Date.now() + delayMs, id, value });
  }

  /** The indexed view, after applying every change whose time has come (or all of them with `flush`). */
  visible(flush = false): Map<string, StoredVector> {
    const now = Date.now();
    while (this.#pending.length > 0 && (flush || this.#pending[0]!.visibleAt <= now)) {
      const change = this.#pending.shift()!;
      this.#apply(change.id, change.value);
    }
    return this.#visible;
  }

  get pendingCount(): number {
    this.visible();
    return this.#pending.length;
  }

  clear(): void {
    this.committed.clear();
    this.#visible.clear();
    this.#pending = [];
  }

  #apply(id: string, value: StoredVector | undefined): void {
    if (value === undefined) this.#visible.delete(id);
    else this.#visible.set(id, value);
  }
}
