import type { FilterInput, SearchResult } from '@memzero/core';
import { resolveScope, ValidationError } from '@memzero/core';
import type { MemoryScopeOptions } from '../spec/scope-options.js';
import { type HelperInput, toQuery } from './helper-input.js';

export interface SearchMemoriesOptions extends MemoryScopeOptions {
  /** @default 10 */
  limit?: number;
  /** Minimum relevance in [0, 1]. @default 0 */
  threshold?: number;
  /** Mem0 filter DSL, applied inside the scope. @default undefined */
  filters?: FilterInput;
  signal?: AbortSignal;
}

/**
 * Mem0's `searchMemories`: searches for the text of `input` (the last user message of a prompt) and returns the
 * engine's full result. Throws on any failure (never an empty result that hides an error).
 */
export async function searchMemories(input: HelperInput, options: SearchMemoriesOptions): Promise<SearchResult> {
  const scope = resolveScope('searchMemories', [options]);
  const query = toQuery(input);
  if (query.trim().length === 0) throw new ValidationError('input', 'pass a string or a prompt with a user message');
  return options.memory.search(query, {
    ...scope,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.filters === undefined ? {} : { filters: options.filters }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
