import type { FilterNode, FilterValue } from '../spec/filter.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import { dateFields } from './date-fields.js';

/** A compiled filter: the same semantics as `evaluateFilter`, with the tree walked once instead of per record. */
export type RecordPredicate = (record: MemoryRecord) => boolean;

/** Compiles a parsed filter into a predicate (for stores that filter in process, on every candidate). */
export function compileFilter(node: FilterNode): RecordPredicate {
  switch (node.kind) {
    case 'and': {
      const parts = node.nodes.map(compileFilter);
      return (record) => parts.every((part) => part(record));
    }
    case 'or': {
      const parts = node.nodes.map(compileFilter);
      return (record) => parts.some((part) => part(record));
    }
    case 'not': {
      const inner = compileFilter(node.node);
      return (record) => !inner(record);
    }
    case 'exists': {
      const read = fieldReader(node.field);
      return (record) => {
        const value = read(record);
        return value !== undefined && value !== null;
      };
    }
    case 'compare':
      return compileComparison(fieldReader(node.field), node.operator, node.value);
  }
}

/** Reads an engine field (dates as epoch milliseconds) or a `metadata.<path>` of a record. */
export function fieldReader(field: string): (record: MemoryRecord) => unknown {
  if (field.startsWith('metadata.')) {
    const path = field.slice('metadata.'.length).split('.');
    return (record) => {
      let value: unknown = record.metadata;
      for (const segment of path) {
        if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
        value = (value as Record<string, unknown>)[segment];
      }
      return value;
    };
  }
  if (dateFields.has(field)) {
    return (record) => {
      const value = (record as unknown as Record<string, unknown>)[field];
      return typeof value === 'string' ? Date.parse(value) : value;
    };
  }
  return (record) => (record as unknown as Record<string, unknown>)[field];
}

function compileComparison(
  read: (record: MemoryRecord) => unknown,
  operator: string,
  expected: FilterValue | FilterValue[],
): RecordPredicate {
  switch (operator) {
    case 'eq':
      return (record) => read(record) === expected;
    case 'ne':
      return (record) => read(record) !== expected;
    case 'in': {
      const values = new Set(expected as FilterValue[]);
      return (record) => values.has(read(record) as FilterValue);
    }
    case 'nin': {
      const values = new Set(expected as FilterValue[]);
      return (record) => !values.has(read(record) as FilterValue);
    }
    case 'contains':
      return (record) => {
        const actual = read(record);
        if (typeof actual === 'string') return actual.includes(String(expected));
        return Array.isArray(actual) && actual.includes(expected);
      };
    case 'icontains': {
      const needle = String(expected).toLowerCase();
      return (record) => {
        const actual = read(record);
        if (typeof actual === 'string') return actual.toLowerCase().includes(needle);
        return (
          Array.isArray(actual) && actual.some((item) => typeof item === 'string' && item.toLowerCase() === needle)
        );
      };
    }
    default:
      return (record) => {
        const actual = read(record);
        if (typeof actual !== typeof expected || (typeof actual !== 'number' && typeof actual !== 'string'))
          return false;
        const left = actual as number | string;
        const right = expected as number | string;
        if (operator === 'gt') return left > right;
        if (operator === 'gte') return left >= right;
        if (operator === 'lt') return left < right;
        return left <= right;
      };
  }
}
