import type { SearchHit } from '@memzero/core';
import type { HelperInput } from './helper-input.js';
import { type SearchMemoriesOptions, searchMemories } from './search-memories.js';

/** Mem0's `getMemories`: the memories relevant to `input`, most relevant first, as an array. Throws on failure. */
export async function getMemories(input: HelperInput, options: SearchMemoriesOptions): Promise<SearchHit[]> {
  return (await searchMemories(input, options)).results;
}
