import type { ScopeKey } from './scope.js';

/** `procedural_memory` stores a summary of an agent's run as one memory (Mem0's `memoryType`). */
export type MemoryType = 'semantic_memory' | 'procedural_memory';

/**
 * Lifecycle of a memory. An LLM-decided DELETE does not remove data: it sets `invalidated`, which hides the memory
 * from search and getAll while its text stays in `history(id)`. Only the application's explicit
 * `delete`/`deleteAll`/`reset` removes data.
 */
export type MemoryStatus = 'active' | 'invalidated';

/** A stored memory, as every store keeps it and as the engine returns it. */
export interface MemoryRecord extends Partial<Record<ScopeKey, string>> {
  /** Stable id (a UUID). An UPDATE keeps the id and bumps `version`. */
  id: string;
  /** The memory text. */
  memory: string;
  /**
   * Neighbouring conversation text of a verbatim memory (`infer: false`): searched by the lexical signal with a
   * lower weight, so a turn is found through the question it answers. Not part of the memory itself.
   */
  context?: string;
  /** Hash of the normalised text, used to deduplicate. */
  hash: string;
  /** The application's metadata. Never holds scope or engine fields. */
  metadata: Record<string, unknown>;
  /** @default 'semantic_memory' */
  memoryType: MemoryType;
  /** See {@link MemoryStatus}. */
  status: MemoryStatus;
  /** Incremented on every change; 1 on creation. */
  version: number;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** ISO 8601; after this instant the memory is hidden from search and getAll (not deleted). */
  expiresAt?: string;
  /**
   * ISO 8601: when the conversation the memory comes from happened (the `timestamp` given to `add`), as opposed to
   * when it was written (`createdAt`). Absent when `add` had no timestamp. Filterable as `eventAt` / `event_at` /
   * `timestamp`.
   */
  eventAt?: string;
  /** ISO 8601; set when the memory was invalidated. */
  invalidatedAt?: string;
}

/** A memory and its embedding, as written to a vector store. */
export interface VectorEntry {
  record: MemoryRecord;
  vector: number[];
}
