import type { FilterNode, FilterValue } from '../spec/filter.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import { dateFields } from './parse-filter.js';

/**
 * Reads a filter field of a record: engine fields by name (dates as epoch milliseconds), metadata by its
 * `metadata.<path>`. Missing fields read as `undefined`.
 */
export function readFilterField(record: MemoryRecord, field: string): unknown {
  if (field.startsWith('metadata.')) {
    let value: unknown = record.metadata;
    for (const segment of field.slice('metadata.'.length).split('.')) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    return value;
  }
  const value = (record as unknown as Record<string, unknown>)[field];
  if (dateFields.has(field) && typeof value === 'string') return Date.parse(value);
  return value;
}

/**
 * Evaluates a parsed filter against a record, in process. Semantics every backend follows:
 * `ne` and `nin` match a missing field; ordering compares numbers with numbers and strings with strings;
 * `contains` is a substring test on strings and a membership test on arrays; `icontains` ignores case.
 */
export function evaluateFilter(node: FilterNode, record: MemoryRecord): boolean {
  switch (node.kind) {
    case 'and':
      return node.nodes.every((child) => evaluateFilter(child, record));
    case 'or':
      return node.nodes.some((child) => evaluateFilter(child, record));
    case 'not':
      return !evaluateFilter(node.node, record);
    case 'exists': {
      const value = readFilterField(record, node.field);
      return value !== undefined && value !== null;
    }
    case 'compare':
      return compare(readFilterField(record, node.field), node.operator, node.value);
  }
}

function compare(actual: unknown, operator: string, expected: FilterValue | FilterValue[]): boolean {
  switch (operator) {
    case 'eq':
      return Array.isArray(actual) ? false : actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return (expected as FilterValue[]).some((value) => value === actual);
    case 'nin':
      return !(expected as FilterValue[]).some((value) => value === actual);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ordered(actual, operator, expected as FilterValue);
    case 'contains':
      if (typeof actual === 'string') return actual.includes(String(expected));
      return Array.isArray(actual) && actual.includes(expected);
    case 'icontains': {
      const needle = String(expected).toLowerCase();
      if (typeof actual === 'string') return actual.toLowerCase().includes(needle);
      return Array.isArray(actual) && actual.some((item) => typeof item === 'string' && item.toLowerCase() === needle);
    }
    default:
      return false;
  }
}

function ordered(actual: unknown, operator: string, expected: FilterValue): boolean {
  if (typeof actual !== typeof expected || (typeof actual !== 'number' && typeof actual !== 'string')) return false;
  const left = actual as number | string;
  const right = expected as number | string;
  if (operator === 'gt') return left > right;
  if (operator === 'gte') return left >= right;
  if (operator === 'lt') return left < right;
  return left <= right;
}
