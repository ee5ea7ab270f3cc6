import { FilterError } from '../../../errors.js';
import { type FilterNode, type FilterValue, isMetadataKey } from '../../../spec/filter.js';
import { type Scope, scopeKeys } from '../../../spec/scope.js';
import { encodedFields, encodeText, layoutField, numberFields } from './record-layout.js';

/** A compiled filter: the Upstash filter string and whether it is exact (else the store post-filters). */
export interface CompiledUpstashFilter {
  filter: string;
  /**
   * True when the string matches exactly what `evaluateFilter` matches. When false it matches a superset (never
   * fewer records), and the store applies `evaluateFilter` to what comes back.
   */
  exact: boolean;
}

type Part = { kind: 'true' | 'false' } | { kind: 'atom'; text: string } | { kind: 'and' | 'or'; parts: Part[] };
interface Compiled {
  part: Part;
  exact: boolean;
}

const always: Part = { kind: 'true' };
const never: Part = { kind: 'false' };
const encoded: ReadonlySet<string> = new Set(encodedFields);

/**
 * Compiles scope + filter AST to Upstash's filter language. Safety rules:
 * - identifiers come only from an allowlist (engine fields) or `metadata.` paths of strict identifiers, else
 *   {@link FilterError};
 * - engine strings (scope, id, hash, type, status) are compared in their base64url form, which needs no quoting;
 * - a metadata string is quoted with a quote character it does not contain, and only if it has no backslash or
 *   control character (no escaping is relied on, since Upstash does not document it); any other value, and every
 *   operator Upstash cannot express exactly (string ordering, `icontains`, negated `contains`, ...), compiles to a
 *   superset and the store post-filters;
 * - numbers are plain decimals; `NOT` is pushed down with De Morgan (Upstash has no general `NOT`); a predicate on a
 *   missing field is false in Upstash, so negations add `HAS NOT FIELD`.
 * The scope part is always exact and always ANDed, so nothing in `filter` can widen it.
 */
export function compileUpstashFilter(scope: Scope, filter?: FilterNode): CompiledUpstashFilter {
  const scopeParts: Part[] = [];
  for (const key of scopeKeys) {
    const value = scope[key];
    if (value !== undefined) scopeParts.push(atom(`${key} = '${encodeText(value)}'`));
  }
  const compiled = filter ? compileNode(filter, false) : { part: always, exact: true };
  const part = and([...scopeParts, compiled.part]);
  return { filter: render(part, true), exact: compiled.exact };
}

function compileNode(node: FilterNode, negated: boolean): Compiled {
  switch (node.kind) {
    case 'not':
      return compileNode(node.node, !negated);
    case 'and':
    case 'or': {
      const children = node.nodes.map((child) => compileNode(child, negated));
      const parts = children.map((child) => child.part);
      const conjunction = (node.kind === 'and') !== negated;
      return { part: conjunction ? and(parts) : or(parts), exact: children.every((child) => child.exact) };
    }
    case 'exists':
      return compileExists(node.field, negated);
    case 'compare':
      return compileCompare(node.field, node.operator, node.value, negated);
  }
}

function fieldKind(field: string): 'encoded' | 'number' | 'metadata' | 'other' {
  if (encoded.has(field)) return 'encoded';
  if (numberFields.has(field)) return 'number';
  if (field.startsWith('metadata.')) {
    if (!field.slice('metadata.'.length).split('.').every(isMetadataKey)) {
      throw new FilterError(
        'filters',
        'metadata field names must be metadata keys (letters, digits, _ or -), dot-separated',
      );
    }
    return 'metadata';
  }
  return 'other';
}

function compileExists(field: string, negated: boolean): Compiled {
  const kind = fieldKind(field);
  if (kind === 'other') return { part: always, exact: false };
  // Engine fields are never stored as null, so HAS FIELD is exact for them; a metadata value may be null, which
  // Upstash counts as present and `exists` does not.
  if (kind !== 'metadata') return { part: atom(`HAS ${negated ? 'NOT ' : ''}FIELD ${field}`), exact: true };
  return negated ? { part: always, exact: false } : { part: atom(`HAS FIELD ${field}`), exact: false };
}

function compileCompare(
  field: string,
  operator: string,
  value: FilterValue | FilterValue[],
  negated: boolean,
): Compiled {
  const kind = fieldKind(field);
  if (kind === 'other') return { part: always, exact: false };
  const literal = (item: FilterValue): string | undefined => toLiteral(kind, item);
  const missingOr = (text: string): Part => or([atom(`HAS NOT FIELD ${field}`), atom(text)]);
  switch (operator) {
    case 'eq':
    case 'ne': {
      const item = literal(value as FilterValue);
      if (item === undefined)
        return typeMismatchOrResidual(kind, value as FilterValue, (operator === 'ne') !== negated);
      return (operator === 'ne') !== negated
        ? { part: missingOr(`${field} != ${item}`), exact: true }
        : { part: atom(`${field} = ${item}`), exact: true };
    }
    case 'in':
    case 'nin': {
      const values = value as FilterValue[];
      const items = values.map(literal);
      const exclude = (operator === 'nin') !== negated;
      if (items.some((item, index) => item === undefined && !isTypeMismatch(kind, values[index]!))) {
        return { part: always, exact: false };
      }
      const usable = items.filter((item): item is string => item !== undefined);
      if (usable.length === 0) return { part: exclude ? always : never, exact: true };
      return exclude
        ? { part: missingOr(`${field} NOT IN (${usable.join(', ')})`), exact: true }
        : { part: atom(`${field} IN (${usable.join(', ')})`), exact: true };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof value !== 'number' || kind === 'encoded') return { part: always, exact: false };
      const number = formatNumber(value);
      if (number === undefined) return { part: always, exact: false };
      const symbols: Record<string, [string, string]> = {
        gt: ['>', '<='],
        gte: ['>=', '<'],
        lt: ['<', '>='],
        lte: ['<=', '>'],
      };
      const [positive, complement] = symbols[operator]!;
      if (!negated) return { part: atom(`${field} ${positive} ${number}`), exact: true };
      // Engine number fields hold only numbers, so the complement is exact; metadata may hold anything.
      return kind === 'number'
        ? { part: missingOr(`${field} ${complement} ${number}`), exact: true }
        : { part: always, exact: false };
    }
    case 'contains': {
      if (negated || kind !== 'metadata' || typeof value !== 'string') {
        return kind === 'number' ? { part: negated ? always : never, exact: true } : { part: always, exact: false };
      }
      const member = quote(value);
      const substring = quote(`*${value.replace(/[*?[]/g, (char) => `[${char}]`)}*`);
      if (member === undefined || substring === undefined) return { part: always, exact: false };
      return { part: or([atom(`${field} CONTAINS ${member}`), atom(`${field} GLOB ${substring}`)]), exact: true };
    }
    default:
      // icontains: missing fields never match, which is all Upstash can say exactly.
      if (!negated && kind === 'metadata') return { part: atom(`HAS FIELD ${field}`), exact: false };
      if (kind === 'number') return { part: negated ? always : never, exact: true };
      return { part: always, exact: false };
  }
}

/** A value that can never equal the field's stored type (a number for an encoded string field, ...). */
function isTypeMismatch(kind: string, value: FilterValue): boolean {
  return (kind === 'encoded' && typeof value !== 'string') || (kind === 'number' && typeof value !== 'number');
}

function typeMismatchOrResidual(kind: string, value: FilterValue, excluding: boolean): Compiled {
  if (isTypeMismatch(kind, value)) return { part: excluding ? always : never, exact: true };
  return { part: always, exact: false };
}

function toLiteral(kind: string, value: FilterValue): string | undefined {
  if (kind === 'encoded') return typeof value === 'string' ? `'${encodeText(value)}'` : undefined;
  if (kind === 'number') return typeof value === 'number' ? formatNumber(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return formatNumber(value);
  return quote(value);
}

/** Quotes with a quote character the text does not contain; `undefined` when that needs escaping. */
export function quote(text: string): string | undefined {
  if (text.length > 2048 || /[\\\p{Cc}]/u.test(text)) return undefined;
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return undefined;
}

/** A plain decimal that parses back to the same number; `undefined` when there is none. */
export function formatNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const plain = text.includes('e') ? expandExponent(text) : text;
  return Number(plain) === value ? plain : undefined;
}

/** `1.5e-7` → `0.00000015`, `1e21` → `1000000000000000000000` (shortest round-trip digits, shifted). */
function expandExponent(text: string): string {
  const [mantissa = '', exponentText = '0'] = text.split('e');
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const dot = unsigned.indexOf('.');
  const digits = unsigned.replace('.', '');
  const point = (dot < 0 ? unsigned.length : dot) + Number(exponentText);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${negative ? '-' : ''}${body}`;
}

function atom(text: string): Part {
  return { kind: 'atom', text };
}

function and(parts: Part[]): Part {
  const kept = parts
    .flatMap((part) => (part.kind === 'and' ? part.parts : [part]))
    .filter((part) => part.kind !== 'true');
  if (kept.some((part) => part.kind === 'false')) return never;
  if (kept.length === 0) return always;
  return kept.length === 1 ? kept[0]! : { kind: 'and', parts: kept };
}

function or(parts: Part[]): Part {
  const kept = parts
    .flatMap((part) => (part.kind === 'or' ? part.parts : [part]))
    .filter((part) => part.kind !== 'false');
  if (kept.some((part) => part.kind === 'true')) return always;
  if (kept.length === 0) return never;
  return kept.length === 1 ? kept[0]! : { kind: 'or', parts: kept };
}

function render(part: Part, top = false): string {
  switch (part.kind) {
    case 'true':
      return `HAS FIELD ${layoutField}`;
    case 'false':
      return `HAS NOT FIELD ${layoutField}`;
    case 'atom':
      return part.text;
    default: {
      const text = part.parts.map((child) => render(child)).join(part.kind === 'and' ? ' AND ' : ' OR ');
      return top ? text : `(${text})`;
    }
  }
}
