import type { MemoryRecord, VectorEntry } from '../spec/memory-record.js';

let counter = 0;

/** A memory record for store tests, with sensible defaults. Ids are unique per process. */
export function makeRecord(overrides: Partial<MemoryRecord> = {}): MemoryRecord {
  counter += 1;
  const createdAt = new Date(Date.UTC(2026, 0, 1) + counter * 1_000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    memory: `memory number ${counter}`,
    hash: `hash-${counter}`,
    userId: 'alice',
    metadata: {},
    memoryType: 'semantic_memory',
    status: 'active',
    version: 1,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** A unit vector of `dimension` pointing mostly along `axis`, for predictable dense rankings. */
export function axisVector(axis: number, dimension = 8, spill = 0.1): number[] {
  const vector = Array.from({ length: dimension }, (_, index) => (index === axis % dimension ? 1 : spill));
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/** A vector entry for store tests. */
export function makeEntry(overrides: Partial<MemoryRecord> = {}, axis = 0): VectorEntry {
  return { record: makeRecord(overrides), vector: axisVector(axis) };
}
