import { renderMemoryBlock } from '@memzero/core';
import type { HelperInput } from './helper-input.js';
import { type SearchMemoriesOptions, searchMemories } from './search-memories.js';

export interface RetrieveMemoriesOptions extends SearchMemoriesOptions {
  /** Cap on the returned block, in characters. @default 2000 */
  maxCharacters?: number;
  /** Heading line inside the block. @default core's heading */
  heading?: string;
}

/**
 * Mem0's `retrieveMemories`: the memories relevant to `input`, rendered as the same marked, capped block the
 * middleware injects, ready to append to a system prompt. Empty string when nothing is relevant. Throws on failure.
 */
export async function retrieveMemories(input: HelperInput, options: RetrieveMemoriesOptions): Promise<string> {
  const { results } = await searchMemories(input, options);
  return renderMemoryBlock(results, {
    ...(options.maxCharacters === undefined ? {} : { maxCharacters: options.maxCharacters }),
    ...(options.heading === undefined ? {} : { heading: options.heading }),
  });
}
