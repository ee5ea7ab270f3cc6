/**
 * Upstash Vector's metadata filter language (docs: vector/features/filtering), parsed and evaluated the way the
 * service is documented and observed to behave:
 * - `AND` binds tighter than `OR`; keywords and booleans are case-insensitive; parentheses group;
 * - predicates: `= != < <= > >=`, `[NOT] GLOB`, `[NOT] IN (...)`, `[NOT] CONTAINS`, `HAS [NOT] FIELD`;
 * - identifiers are dot paths with `[n]` and `[#-n]` (from the end) array indexes;
 * - a predicate on a missing field is false (even `!=`), `null` counts as present for `HAS FIELD`;
 * - comparisons of mismatched types are false, except `!=` / `NOT IN`, which hold for any present value that is
 *   not equal; there is no general `NOT (...)`;
 * - literals: 'single' or "double" quoted strings (a backslash escapes the next character), plain decimal numbers
 *   (no exponent), true / false.
 */
export type FilterExpression =
  | { kind: 'or' | 'and'; nodes: FilterExpression[] }
  | { kind: 'compare'; path: PathSegment[]; operator: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'glob'; path: PathSegment[]; negated: boolean; pattern: RegExp }
  | { kind: 'in'; path: PathSegment[]; negated: boolean; values: Literal[] }
  | { kind: 'contains'; path: PathSegment[]; negated: boolean; value: Literal }
  | { kind: 'has'; path: PathSegment[]; negated: boolean };

export type Literal = string | number | boolean;
export type PathSegment = { key: string } | { index: number } | { fromEnd: number };

/** A filter string the service would reject; the message is the HTTP 400 body. */
export class FilterSyntaxError extends Error {}

type Token =
  | { type: 'word'; text: string }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'symbol'; text: string };

const wordPattern = /[a-zA-Z_][a-zA-Z_0-9.[\]#-]*/y;
const numberPattern = /-?\d+(?:\.\d+)?(?![\w.])/y;
const symbolPattern = /!=|<=|>=|=|<|>|\(|\)|,/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < source.length) {
    const char = source[position]!;
    if (/\s/.test(char)) {
      position++;
      continue;
    }
    if (char === "'" || char === '"') {
      let value = '';
      let cursor = position + 1;
      for (; cursor < source.length && source[cursor] !== char; cursor++) {
        if (source[cursor] === '\\' && cursor + 1 < source.length) cursor++;
        value += source[cursor];
      }
      if (cursor >= source.length) throw new FilterSyntaxError(`Unterminated string literal at ${position}`);
      tokens.push({ type: 'string', value });
      position = cursor + 1;
      continue;
    }
    const match = [
      ['number', numberPattern],
      ['word', wordPattern],
      ['symbol', symbolPattern],
    ].find(([, pattern]) => {
      (pattern as RegExp).lastIndex = position;
      return (pattern as RegExp).test(source);
    });
    if (!match) throw new FilterSyntaxError(`Unexpected character ${JSON.stringify(char)} at ${position}`);
    const pattern = match[1] as RegExp;
    const text = source.slice(position, pattern.lastIndex);
    position = pattern.lastIndex;
    if (match[0] === 'number') tokens.push({ type: 'number', value: Number(text) });
    else if (match[0] === 'word') tokens.push({ type: 'word', text });
    else tokens.push({ type: 'symbol', text });
  }
  return tokens;
}

/** Parses a filter string; throws {@link FilterSyntaxError} for anything the grammar does not accept. */
export function parseFilterExpression(source: string): FilterExpression {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const isKeyword = (token: Token | undefined, keyword: string): boolean =>
    token?.type === 'word' && token.text.toUpperCase() === keyword;
  const expectKeyword = (keyword: string): void => {
    if (!isKeyword(tokens[index], keyword)) throw new FilterSyntaxError(`Expected ${keyword}`);
    index++;
  };
  const expectSymbol = (symbol: string): void => {
    const token = tokens[index];
    if (token?.type !== 'symbol' || token.text !== symbol) throw new FilterSyntaxError(`Expected '${symbol}'`);
    index++;
  };
  const literal = (): Literal => {
    const token = tokens[index++];
    if (token?.type === 'string' || token?.type === 'number') return token.value;
    if (isKeyword(token, 'TRUE')) return true;
    if (isKeyword(token, 'FALSE')) return false;
    throw new FilterSyntaxError('Expected a literal');
  };
  const path = (): PathSegment[] => {
    const token = tokens[index++];
    if (token?.type !== 'word') throw new FilterSyntaxError('Expected a field name');
    return parsePath(token.text);
  };
  const or = (): FilterExpression => {
    const nodes = [and()];
    while (isKeyword(peek(), 'OR')) {
      index++;
      nodes.push(and());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  };
  const and = (): FilterExpression => {
    const nodes = [term()];
    while (isKeyword(peek(), 'AND')) {
      index++;
      nodes.push(term());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
  };
  const term = (): FilterExpression => {
    const token = peek();
    if (token?.type === 'symbol' && token.text === '(') {
      index++;
      const inner = or();
      expectSymbol(')');
      return inner;
    }
    if (isKeyword(token, 'HAS')) {
      index++;
      const negated = isKeyword(peek(), 'NOT');
      if (negated) index++;
      expectKeyword('FIELD');
      return { kind: 'has', path: path(), negated };
    }
    const fieldPath = path();
    const next = peek();
    if (next?.type === 'symbol' && ['=', '!=', '<', '<=', '>', '>='].includes(next.text)) {
      index++;
      const value = literal();
      const operator = next.text as '=' | '!=' | '<' | '<=' | '>' | '>=';
      if (operator !== '=' && operator !== '!=' && typeof value !== 'number') {
        throw new FilterSyntaxError(`${operator} needs a number`);
      }
      return { kind: 'compare', path: fieldPath, operator, value };
    }
    const negated = isKeyword(next, 'NOT');
    if (negated) index++;
    if (isKeyword(peek(), 'GLOB')) {
      index++;
      const pattern = literal();
      if (typeof pattern !== 'string') throw new FilterSyntaxError('GLOB needs a string');
      return { kind: 'glob', path: fieldPath, negated, pattern: globToRegExp(pattern) };
    }
    if (isKeyword(peek(), 'IN')) {
      index++;
      expectSymbol('(');
      const values = [literal()];
      while (peek()?.type === 'symbol' && (peek() as { text: string }).text === ',') {
        index++;
        values.push(literal());
      }
      expectSymbol(')');
      return { kind: 'in', path: fieldPath, negated, values };
    }
    if (isKeyword(peek(), 'CONTAINS')) {
      index++;
      return { kind: 'contains', path: fieldPath, negated, value: literal() };
    }
    throw new FilterSyntaxError('Expected an operator');
  };
  const expression = or();
  if (index !== tokens.length) throw new FilterSyntaxError('Unexpected input after the filter');
  return expression;
}

function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of text.split('.')) {
    const match = /^([a-zA-Z_][a-zA-Z_0-9#\]-]*)((?:\[(?:\d+|#-\d+)\])*)$/.exec(part);
    if (!match) throw new FilterSyntaxError(`Invalid field name ${JSON.stringify(text)}`);
    segments.push({ key: match[1]! });
    for (const [, index] of match[2]!.matchAll(/\[([^\]]+)\]/g)) {
      segments.push(index!.startsWith('#-') ? { fromEnd: Number(index!.slice(2)) } : { index: Number(index) });
    }
  }
  return segments;
}

/** GLOB (case-sensitive): `*`, `?`, `[abc]`, `[a-z]`, `[^...]` / `[!...]`. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(index + 1, close);
      const negate = body.startsWith('^') || body.startsWith('!');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&').replace(/^\^/, '\\^')}]`;
      index = close;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

const missing = Symbol('missing');

function resolve(metadata: unknown, path: PathSegment[]): unknown {
  let value: unknown = metadata;
  for (const segment of path) {
    if ('key' in segment) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment.key)) {
        return missing;
      }
      value = (value as Record<string, unknown>)[segment.key];
    } else {
      if (!Array.isArray(value)) return missing;
      const position = 'index' in segment ? segment.index : value.length - segment.fromEnd;
      if (position < 0 || position >= value.length) return missing;
      value = value[position];
    }
  }
  return value;
}

const equal = (actual: unknown, expected: Literal): boolean => typeof actual === typeof expected && actual === expected;

/** Whether a record's metadata matches a parsed filter. */
export function matchesFilter(expression: FilterExpression, metadata: unknown): boolean {
  switch (expression.kind) {
    case 'or':
      return expression.nodes.some((node) => matchesFilter(node, metadata));
    case 'and':
      return expression.nodes.every((node) => matchesFilter(node, metadata));
    case 'has':
      return (resolve(metadata, expression.path) !== missing) !== expression.negated;
  }
  const actual = resolve(metadata, expression.path);
  if (actual === missing) return false;
  switch (expression.kind) {
    case 'compare': {
      const { operator, value } = expression;
      if (operator === '=') return equal(actual, value);
      if (operator === '!=') return !equal(actual, value);
      if (typeof actual !== 'number' || typeof value !== 'number') return false;
      if (operator === '<') return actual < value;
      if (operator === '<=') return actual <= value;
      if (operator === '>') return actual > value;
      return actual >= value;
    }
    case 'glob':
      return typeof actual === 'string' && expression.pattern.test(actual) !== expression.negated;
    case 'in':
      return expression.values.some((value) => equal(actual, value)) !== expression.negated;
    case 'contains':
      return Array.isArray(actual) && actual.some((item) => equal(item, expression.value)) !== expression.negated;
  }
}
