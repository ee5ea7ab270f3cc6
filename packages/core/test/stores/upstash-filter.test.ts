import { matchesFilter, parseFilterExpression, startUpstashVectorEmulator } from '@memzero/test-tooling';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { inScope } from '../../src/engine/scope.js';
import { FilterError } from '../../src/errors.js';
import { evaluateFilter } from '../../src/filters/evaluate-filter.js';
import { parseFilter } from '../../src/filters/parse-filter.js';
import type { FilterNode, FilterValue } from '../../src/spec/filter.js';
import type { MemoryRecord } from '../../src/spec/memory-record.js';
import { compileUpstashFilter, formatNumber, quote } from '../../src/stores/upstash/vector/compile-upstash-filter.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { toStoredMetadata } from '../../src/stores/upstash/vector/record-layout.js';
import { axisVector, makeRecord } from '../../src/testing/fixtures.js';

const crafted = fc.oneof(
  fc.constantFrom(
    "a' OR userId != 'x",
    'a" OR userId != "x',
    "x') OR (HAS FIELD v",
    '\\',
    "\\' OR 1 = 1 OR '",
    `both ' and " quotes`,
    '*',
    '?',
    '[a-z]',
    '[*]',
    ']',
    '日本語',
    'É',
    '💥',
    '',
    'alice',
    'bob',
    'food',
    'Trip',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ minLength: 1000, maxLength: 1100 }),
);
const number = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e-7, 1e21, 0.1, -0),
);
const scalar: fc.Arbitrary<FilterValue> = fc.oneof(crafted, number, fc.boolean());
const metadataValue = fc.oneof(
  scalar,
  fc.constant(null),
  fc.array(crafted, { maxLength: 3 }),
  fc.record({ city: crafted }),
);

const record: fc.Arbitrary<MemoryRecord> = fc
  .record({
    userId: fc.constantFrom('alice', 'bob', "a' OR userId != 'x", 'a" OR userId != "x'),
    agentId: fc.option(crafted, { nil: undefined }),
    metadata: fc.dictionary(fc.constantFrom('topic', 'title', 'priority', 'tags', 'done', 'nested'), metadataValue, {
      maxKeys: 4,
    }),
    expiresAt: fc.option(fc.constantFrom('2026-01-01T00:00:00.000Z', '2031-06-01T12:00:00.000Z'), { nil: undefined }),
    status: fc.constantFrom('active' as const, 'invalidated' as const),
  })
  .map(({ agentId, expiresAt, ...rest }) =>
    makeRecord({
      ...rest,
      ...(agentId === undefined ? {} : { agentId }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    }),
  );

const fields = [
  'metadata.topic',
  'metadata.title',
  'metadata.priority',
  'metadata.tags',
  'metadata.done',
  'metadata.nested.city',
  'metadata.missing',
  'userId',
  'agentId',
  'status',
  'id',
  'version',
  'createdAt',
  'expiresAt',
];
const operators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'icontains'] as const;
const leaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({ kind: fc.constant('exists' as const), field: fc.constantFrom(...fields) }),
  fc
    .record({
      field: fc.constantFrom(...fields),
      operator: fc.constantFrom(...operators),
      value: scalar,
      list: fc.array(scalar, { minLength: 1, maxLength: 4 }),
    })
    .map(({ field, operator, value, list }): FilterNode => {
      if (operator === 'in' || operator === 'nin') return { kind: 'compare', field, operator, value: list };
      if (operator === 'contains' || operator === 'icontains')
        return { kind: 'compare', field, operator, value: String(value) };
      const dated = field === 'createdAt' || field === 'expiresAt';
      return {
        kind: 'compare',
        field,
        operator,
        value: dated ? Date.UTC(2026, 0, 1) + (typeof value === 'number' ? value : 0) : value,
      };
    }),
);
const filter: fc.Arbitrary<FilterNode> = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      nodes: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant('not' as const), node: tie('node') }),
  ),
})).node;
const scope = fc.constantFrom(
  { userId: 'alice' },
  { userId: "a' OR userId != 'x" },
  { userId: 'a" OR userId != "x', agentId: '💥' },
);

describe("compileUpstashFilter against the emulator's Upstash filter evaluator", () => {
  it('always parses, never widens scope, never drops a match, and is exact when it says so', () => {
    fc.assert(
      fc.property(
        scope,
        fc.option(filter, { nil: undefined }),
        fc.array(record, { minLength: 1, maxLength: 6 }),
        (scope, node, records) => {
          const compiled = compileUpstashFilter(scope, node);
          const expression = parseFilterExpression(compiled.filter);
          for (const candidate of records) {
            const upstash = matchesFilter(expression, toStoredMetadata(candidate));
            const expected = inScope(candidate, scope) && (!node || evaluateFilter(node, candidate));
            if (!inScope(candidate, scope)) expect(upstash).toBe(false);
            if (expected) expect(upstash).toBe(true);
            if (compiled.exact) expect(upstash).toBe(expected);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('escapes GLOB metacharacters in contains', () => {
    for (const [title, needle] of [
      ['abc', '[a-z]'],
      ['x[a-z]y', '[a-z]'],
      ['abc', '?'],
      ['a?c', '?'],
      ['plain', '*'],
      ['a*b', '*'],
      ['[', '['],
    ] as const) {
      const node = parseFilter({ title: { contains: needle } })!;
      const candidate = makeRecord({ metadata: { title } });
      const compiled = compileUpstashFilter({ userId: 'alice' }, node);
      expect(compiled.exact).toBe(true);
      expect(matchesFilter(parseFilterExpression(compiled.filter), toStoredMetadata(candidate))).toBe(
        evaluateFilter(node, candidate),
      );
    }
  });

  it('keeps crafted values inside their literal', () => {
    const attack = parseFilter({ topic: "food' OR userId != 'x" })!;
    const compiled = compileUpstashFilter({ userId: 'alice' }, attack);
    expect(compiled.filter).toBe(`userId = 'YWxpY2U' AND metadata.topic = "food' OR userId != 'x"`);
    const both = compileUpstashFilter({ userId: 'alice' }, parseFilter({ topic: `it's "x"` }));
    expect(both).toEqual({ filter: "userId = 'YWxpY2U'", exact: false });
    const backslash = compileUpstashFilter({ userId: 'alice' }, parseFilter({ topic: 'a\\' }));
    expect(backslash.exact).toBe(false);
  });

  it('pushes NOT down with De Morgan and treats missing fields like the engine', () => {
    const node = parseFilter({ NOT: [{ AND: [{ topic: 'food' }, { done: true }] }] })!;
    expect(compileUpstashFilter({ userId: 'alice' }, node)).toEqual({
      filter:
        "userId = 'YWxpY2U' AND (HAS NOT FIELD metadata.topic OR metadata.topic != 'food' OR HAS NOT FIELD metadata.done OR metadata.done != true)",
      exact: true,
    });
    // A negated numeric comparison on metadata cannot be expressed exactly (strings are not numbers): superset.
    const residual = parseFilter({ NOT: [{ priority: { gt: 2 } }] })!;
    expect(compileUpstashFilter({ userId: 'alice' }, residual)).toEqual({ filter: "userId = 'YWxpY2U'", exact: false });
    const dates = parseFilter({ created_at: { gte: '2026-01-01T00:00:00.000Z' }, NOT: { expires_at: '*' } })!;
    expect(compileUpstashFilter({ runId: 'r' }, dates).filter).toBe(
      `runId = 'cg' AND createdAt >= ${Date.UTC(2026, 0, 1)} AND HAS NOT FIELD expiresAt`,
    );
  });

  it('rejects identifiers that are not strict identifiers', () => {
    const node: FilterNode = { kind: 'compare', field: 'metadata.a = 1 OR b', operator: 'eq', value: 1 };
    expect(() => compileUpstashFilter({ userId: 'alice' }, node)).toThrow(FilterError);
  });

  it('writes numbers as plain decimals and quotes only what needs no escaping', () => {
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1.5e-7)).toBe('-0.00000015');
    expect(formatNumber(5e-324)).toMatch(/^0\.0{323}5$/);
    expect(quote("it's")).toBe(`"it's"`);
    expect(quote('a\u0000b')).toBeUndefined();
  });
});

describe('the Upstash Vector store over HTTP returns exactly what the engine evaluator selects', () => {
  it('for random scopes, crafted records and random filters (query and list)', async () => {
    const emulator = await startUpstashVectorEmulator();
    onTestFinished(() => emulator.close());
    const store = createUpstashVectorStore({
      url: emulator.url,
      token: emulator.token,
      namespace: 'property',
      redis: false,
    });
    await fc.assert(
      fc.asyncProperty(
        scope,
        fc.option(filter, { nil: undefined }),
        fc.array(record, { minLength: 1, maxLength: 6 }),
        async (scope, node, records) => {
          await store.reset();
          await store.upsert(records.map((item, axis) => ({ record: item, vector: axisVector(axis) })));
          const expected = records
            .filter((item) => inScope(item, scope) && (!node || evaluateFilter(node, item)))
            .map((item) => item.id)
            .sort();
          const queried = await store.query({
            scope,
            vector: axisVector(0),
            topK: 50,
            ...(node ? { filter: node } : {}),
          });
          expect(queried.dense.map((hit) => hit.record.id).sort()).toEqual(expected);
          const listed = await store.list({ scope, ...(node ? { filter: node } : {}) });
          expect(listed.records.map((item) => item.id).sort()).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
