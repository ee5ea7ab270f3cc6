import { FilterError } from '../errors.js';
import { type DateInput, parseDateInput } from '../spec/date-input.js';
import type { FilterNode, FilterOperator } from '../spec/filter.js';

const maxListLength = 500;

/**
 * One comparison on a date field (`createdAt`, `eventAt`, ...), compared as epoch milliseconds. Values are Dates,
 * epoch milliseconds or ISO 8601 strings read in `timeZone` (see `parseDateInput`). A bare date means its whole
 * day in that zone: `eq '2026-12-01'` is any time that day, `lte` includes the day, `gt` starts after it, `gte` and
 * `lt` compare with its start. `ne` and `nin` also match records without the field, like every `ne`.
 */
export function dateComparison(
  field: string,
  operator: FilterOperator,
  operand: unknown,
  path: string,
  timeZone: string,
): FilterNode {
  const compare = (op: FilterOperator, value: number | number[]): FilterNode => ({
    kind: 'compare',
    field,
    operator: op,
    value,
  });
  if (operator === 'in' || operator === 'nin') {
    if (!Array.isArray(operand) || operand.length === 0) throw new FilterError(path, 'expected a non-empty list');
    if (operand.length > maxListLength) throw new FilterError(path, `lists hold at most ${maxListLength} values`);
    const dates = operand.map((item, index) => readDate(item, `${path}[${index}]`, timeZone));
    const anyOf: FilterNode = dates.every((date) => date.kind === 'instant')
      ? compare(
          'in',
          dates.map((date) => date.time),
        )
      : { kind: 'or', nodes: dates.map((date) => equals(date, compare)) };
    return operator === 'in' ? anyOf : { kind: 'not', node: anyOf };
  }
  const date = readDate(operand, path, timeZone);
  switch (operator) {
    case 'eq':
      return equals(date, compare);
    case 'ne':
      return date.kind === 'instant' ? compare('ne', date.time) : { kind: 'not', node: equals(date, compare) };
    case 'gt':
      return date.kind === 'instant' ? compare('gt', date.time) : compare('gte', date.end);
    case 'gte':
      return compare('gte', date.kind === 'instant' ? date.time : date.start);
    case 'lt':
      return compare('lt', date.kind === 'instant' ? date.time : date.start);
    case 'lte':
      return date.kind === 'instant' ? compare('lte', date.time) : compare('lt', date.end);
    default:
      throw new FilterError(path, 'dates take eq, ne, gt, gte, lt, lte, in or nin');
  }
}

function equals(date: DateInput, compare: (op: FilterOperator, value: number) => FilterNode): FilterNode {
  if (date.kind === 'instant') return compare('eq', date.time);
  return { kind: 'and', nodes: [compare('gte', date.start), compare('lt', date.end)] };
}

function readDate(value: unknown, path: string, timeZone: string): DateInput {
  if (value instanceof Date || typeof value === 'number') {
    const time = value instanceof Date ? value.getTime() : value;
    if (Number.isFinite(time)) return { kind: 'instant', time };
  } else if (typeof value === 'string' && value.length <= 64) {
    const parsed = parseDateInput(value, timeZone);
    if (parsed) return parsed;
  }
  throw new FilterError(
    path,
    'expected a Date, epoch milliseconds or an ISO 8601 date (2026-12-01) or date-time (2026-12-01T13:00, with Z or an offset unless meant in the configured timeZone)',
  );
}
