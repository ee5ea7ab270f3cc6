import type { FilterInput, SearchResult } from '@memzero/core';
import { resolveScope, ValidationError } from '@memzero/core';
import { type HelperInput, toQuery } from './helper-input.js';
import { helperMemory, type Mem0HelperOptions } from './helper-options.js';

export interface SearchMemoriesOptions extends Mem0HelperOptions {
  /** @default 10 */
  limit?: number;
  /** Mem0's name for `limit`. */
  top_k?: number;
  /** Minimum relevance in [0, 1]. @default 0 */
  threshold?: number;
  /** Mem0 filter DSL, applied inside the scope. @default undefined */
  filters?: FilterInput;
}

/**
 * Mem0's `searchMemories`: searches for the text of `input` (the last user message of a prompt) and returns the
 * engine's full result. Throws on any failure (never an empty result that hides an error).
 */
export async function searchMemories(input: HelperInput, options: SearchMemoriesOptions): Promise<SearchResult> {
  const memory = helperMemory('searchMemories', options, ['search']);
  const scope = resolveScope('searchMemories', [options]);
  const query = toQuery(input);
  if (query.trim().length === 0) throw new ValidationError('input', 'pass a string or a prompt with a user message');
  const limit = options.limit ?? options.top_k;
  return memory.search(query, {
    ...scope,
    ...(limit === undefined ? {} : { limit }),
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.filters === undefined ? {} : { filters: options.filters }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
