import { FilterError } from '../errors.js';
import {
  type FilterInput,
  type FilterNode,
  type FilterOperator,
  type FilterValue,
  isMetadataKey,
} from '../spec/filter.js';
import { dateComparison } from './date-condition.js';
import { dateFields } from './date-fields.js';

const operators: ReadonlySet<string> = new Set<FilterOperator>([
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'icontains',
]);

/** Caller spellings of engine fields (Mem0 uses snake_case, we use camelCase; both are accepted). */
const engineFields: ReadonlyMap<string, string> = new Map(
  Object.entries({
    userId: 'userId',
    user_id: 'userId',
    agentId: 'agentId',
    agent_id: 'agentId',
    runId: 'runId',
    run_id: 'runId',
    appId: 'appId',
    app_id: 'appId',
    id: 'id',
    memoryType: 'memoryType',
    memory_type: 'memoryType',
    createdAt: 'createdAt',
    created_at: 'createdAt',
    updatedAt: 'updatedAt',
    updated_at: 'updatedAt',
    expiresAt: 'expiresAt',
    expires_at: 'expiresAt',
    expirationDate: 'expiresAt',
    expiration_date: 'expiresAt',
    eventAt: 'eventAt',
    event_at: 'eventAt',
    timestamp: 'eventAt',
  }),
);

export { dateFields };

interface ParseState {
  nodes: number;
  /** Zone of dates without an offset. */
  timeZone: string;
}
const limits = { depth: 12, nodes: 400, stringLength: 1024, listLength: 500 };

/**
 * Parses Mem0's filter DSL into a {@link FilterNode}, once, with strict checks: metadata keys must pass
 * `isMetadataKey` (dotted paths allowed; `constructor`, `__proto__` and the like are refused), operators must be known, values must be scalars of a sensible size. Returns `undefined` for
 * an empty filter. Throws {@link FilterError} naming the offending path; the message never echoes values. Dates
 * without an offset are read in `timeZone` (see `dateComparison`).
 */
export function parseFilter(input: unknown, path = 'filters', timeZone = 'UTC'): FilterNode | undefined {
  const state: ParseState = { nodes: 0, timeZone };
  if (input === undefined || input === null) return undefined;
  const node = parseObject(input, path, 0, state);
  return node;
}

function parseObject(input: unknown, path: string, depth: number, state: ParseState): FilterNode | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FilterError(path, 'expected an object such as { topic: "food" } or { AND: [...] }');
  }
  if (depth > limits.depth) throw new FilterError(path, `nested deeper than ${limits.depth} levels`);
  const nodes: FilterNode[] = [];
  for (const [key, value] of Object.entries(input as FilterInput)) {
    const keyPath = `${path}.${key}`;
    if (key === 'AND' || key === 'OR') {
      const children = parseList(value, keyPath, depth, state);
      nodes.push(children.length === 1 ? children[0]! : { kind: key === 'AND' ? 'and' : 'or', nodes: children });
    } else if (key === 'NOT') {
      const children = Array.isArray(value)
        ? parseList(value, keyPath, depth, state)
        : [parseObject(value, keyPath, depth + 1, state)].filter((node) => node !== undefined);
      if (children.length === 0) throw new FilterError(keyPath, 'NOT needs at least one condition');
      nodes.push({ kind: 'not', node: children.length === 1 ? children[0]! : { kind: 'or', nodes: children } });
    } else if (key === 'metadata' && isPlainObject(value) && !hasOperatorKeys(value)) {
      for (const [metadataKey, metadataValue] of Object.entries(value)) {
        nodes.push(...parseCondition(`metadata.${metadataKey}`, metadataValue, `${keyPath}.${metadataKey}`, state));
      }
    } else {
      nodes.push(...parseCondition(resolveField(key, keyPath), value, keyPath, state));
    }
  }
  count(state, nodes.length, path);
  if (nodes.length === 0) return undefined;
  return nodes.length === 1 ? nodes[0] : { kind: 'and', nodes };
}

function parseList(value: unknown, path: string, depth: number, state: ParseState): FilterNode[] {
  if (!Array.isArray(value) || value.length === 0) throw new FilterError(path, 'expected a non-empty list of filters');
  return value
    .map((child, index) => parseObject(child, `${path}[${index}]`, depth + 1, state))
    .filter((node): node is FilterNode => node !== undefined);
}

function resolveField(key: string, path: string): string {
  const engineField = engineFields.get(key);
  if (engineField) return engineField;
  const metadataPath = key.startsWith('metadata.') ? key.slice('metadata.'.length) : key;
  if (!metadataPath.split('.').every(isMetadataKey)) {
    throw new FilterError(
      path,
      'field names must be metadata keys (letters, digits, _ or -; not an inherited name such as constructor), dot-separated',
    );
  }
  return `metadata.${metadataPath}`;
}

function parseCondition(field: string, value: unknown, path: string, state: ParseState): FilterNode[] {
  if (field.startsWith('metadata.')) resolveField(field, path);
  if (value === '*') return [{ kind: 'exists', field }];
  const isDate = dateFields.has(field);
  if (Array.isArray(value)) {
    if (isDate) return [dateComparison(field, 'in', value, path, state.timeZone)];
    return [{ kind: 'compare', field, operator: 'in', value: parseList_(value, path) }];
  }
  if (!isPlainObject(value)) {
    if (isDate) return [dateComparison(field, 'eq', value, path, state.timeZone)];
    return [{ kind: 'compare', field, operator: 'eq', value: parseScalar(value, path) }];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) throw new FilterError(path, 'expected an operator such as { eq: ... }');
  count(state, entries.length, path);
  return entries.map(([operator, operand]): FilterNode => {
    const operatorPath = `${path}.${operator}`;
    if (!operators.has(operator)) {
      throw new FilterError(operatorPath, `unknown operator; use one of ${[...operators].join(', ')}`);
    }
    if (isDate) return dateComparison(field, operator as FilterOperator, operand, operatorPath, state.timeZone);
    if (operator === 'in' || operator === 'nin') {
      return { kind: 'compare', field, operator, value: parseList_(operand, operatorPath) };
    }
    const scalar = parseScalar(operand, operatorPath);
    if ((operator === 'contains' || operator === 'icontains') && typeof scalar !== 'string') {
      throw new FilterError(operatorPath, `${operator} takes a string`);
    }
    if (['gt', 'gte', 'lt', 'lte'].includes(operator) && typeof scalar === 'boolean') {
      throw new FilterError(operatorPath, `${operator} takes a number, a string or a date`);
    }
    return { kind: 'compare', field, operator: operator as FilterOperator, value: scalar };
  });
}

function parseList_(value: unknown, path: string): FilterValue[] {
  if (!Array.isArray(value) || value.length === 0) throw new FilterError(path, 'expected a non-empty list');
  if (value.length > limits.listLength) throw new FilterError(path, `lists hold at most ${limits.listLength} values`);
  return value.map((item, index) => parseScalar(item, `${path}[${index}]`));
}

function parseScalar(value: unknown, path: string): FilterValue {
  if (typeof value === 'string') {
    if (value.length > limits.stringLength) {
      throw new FilterError(path, `strings are at most ${limits.stringLength} characters`);
    }
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FilterError(path, 'numbers must be finite');
    return value;
  }
  if (typeof value === 'boolean') return value;
  throw new FilterError(path, 'expected a string, number or boolean');
}

function count(state: ParseState, added: number, path: string): void {
  state.nodes += added;
  if (state.nodes > limits.nodes) throw new FilterError(path, `filters hold at most ${limits.nodes} conditions`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function hasOperatorKeys(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => operators.has(key));
}
