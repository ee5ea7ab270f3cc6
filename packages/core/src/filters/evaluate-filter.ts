import type { FilterNode } from '../spec/filter.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import { compileFilter, fieldReader } from './compile-filter.js';

/** Reads a filter field of a record: engine fields by name (dates as epoch milliseconds), metadata by path. */
export function readFilterField(record: MemoryRecord, field: string): unknown {
  return fieldReader(field)(record);
}

/**
 * Evaluates a parsed filter against a record, in process. Semantics every backend follows:
 * `eq` never matches an array field; `ne` and `nin` match a missing field; ordering compares numbers with numbers
 * and strings with strings; `contains` is a substring test on strings and a membership test on arrays;
 * `icontains` ignores case. Stores filtering many records should `compileFilter` once instead.
 */
export function evaluateFilter(node: FilterNode, record: MemoryRecord): boolean {
  return compileFilter(node)(record);
}
