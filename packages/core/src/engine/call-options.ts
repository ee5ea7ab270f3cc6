import type { Warning } from '../spec/results.js';

/**
 * Per-call options of Mem0's `add` and `search` that memzero does not support. They are ignored with an
 * `unsupported_option` warning in the call's result (never silently): each changes nothing memzero could honour
 * without a feature it does not have (graphs, categories, background processing, output versions).
 */
const unsupported: Readonly<Record<'add' | 'search', Readonly<Record<string, string>>>> = {
  add: {
    includes: 'includes is ignored; pass customInstructions to say what to remember',
    excludes: 'excludes is ignored; pass customInstructions to say what not to remember',
    async_mode: 'async_mode is ignored: add resolves when the memories are written',
    asyncMode: 'asyncMode is ignored: add resolves when the memories are written',
    enable_graph: 'graph memory is not supported; enable_graph is ignored',
    enableGraph: 'graph memory is not supported; enableGraph is ignored',
    custom_categories: 'categories are not assigned; custom_categories is ignored (use metadata)',
    customCategories: 'categories are not assigned; customCategories is ignored (use metadata)',
    output_format: 'output_format is ignored; results have one format',
    version: 'version is ignored; results have one format',
    immutable: 'immutable is ignored; memories can be updated by later calls',
  },
  search: {
    enable_graph: 'graph memory is not supported; enable_graph is ignored',
    enableGraph: 'graph memory is not supported; enableGraph is ignored',
    keyword_search: 'keyword_search is ignored: search is always hybrid (dense + lexical)',
    filter_memories: 'filter_memories is ignored; use filters',
    categories: 'categories are not assigned; filter on metadata instead',
    output_format: 'output_format is ignored; results have one format',
    version: 'version is ignored; results have one format',
  },
};

/** Warnings for Mem0 per-call options this engine ignores (names only, never values). */
export function unsupportedCallOptions(options: unknown, operation: 'add' | 'search'): Warning[] {
  if (typeof options !== 'object' || options === null) return [];
  const table = unsupported[operation];
  return Object.keys(options)
    .filter((key) => Object.hasOwn(table, key) && (options as Record<string, unknown>)[key] !== undefined)
    .map((key) => ({ code: 'unsupported_option', message: table[key]! }));
}
