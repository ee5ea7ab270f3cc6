import { renderMemoryBlock } from '../prompting/memory-block.js';
import type { Message } from '../spec/messages.js';
import type { SearchOptions } from '../spec/options.js';
import type { SearchHit, SearchResult } from '../spec/results.js';
import type { Scope } from '../spec/scope.js';
import type { RecallOptions, StoreMode } from './adapter-options.js';

/** Memories an adapter injects per turn unless told otherwise. */
export const defaultRecallLimit = 5;

/**
 * The adapters' default minimum score. Scores are calibrated (comparable across queries): with the offline lexical
 * embedder a memory sharing a word with the message scores about 0.25 or more, an unrelated one below 0.08 (often
 * 0.01); with OpenAI embeddings unrelated memories stay below about 0.08 and related ones without a shared word
 * reach 0.12 or more. 0.1 keeps the first and drops the noise. `engine.search` itself keeps its own default (0).
 */
export const defaultRecallThreshold = 0.1;

/** The part of the engine that recall needs. */
export interface RecallEngine {
  search(query: string, options: SearchOptions): Promise<SearchResult>;
}

/** What recall found: the hits and the marked block to inject ('' when there is nothing to inject). */
export interface Recall {
  memories: SearchHit[];
  block: string;
}

/**
 * Searches the memories relevant to `query` in `scope` with an adapter's {@link RecallOptions} (and their
 * defaults), and renders the memory block. Throws what the engine throws; adapters decide how a failure surfaces.
 */
export async function recallMemories(
  memory: RecallEngine,
  query: string,
  scope: Scope,
  options: RecallOptions,
  signal?: AbortSignal,
): Promise<Recall> {
  const result = await memory.search(query, {
    ...scope,
    limit: options.limit ?? defaultRecallLimit,
    threshold: options.threshold ?? defaultRecallThreshold,
    ...(options.filters === undefined ? {} : { filters: options.filters }),
    ...(options.rerank === undefined ? {} : { rerank: options.rerank }),
    ...(signal === undefined ? {} : { signal }),
  });
  const block = renderMemoryBlock(result.results, {
    ...(options.maxCharacters === undefined ? {} : { maxCharacters: options.maxCharacters }),
    ...(options.heading === undefined ? {} : { heading: options.heading }),
  });
  return { memories: result.results, block };
}

/**
 * The messages to store for a finished turn under `mode`: the user's texts, then the assistant's final text for
 * `'turn'`. Blank texts are left out; an empty array means there is nothing to store.
 */
export function turnMessages(userTexts: readonly string[], assistantText: string, mode: StoreMode): Message[] {
  if (mode === false) return [];
  const messages: Message[] = [];
  for (const text of userTexts) if (text.trim().length > 0) messages.push({ role: 'user', content: text.trim() });
  if (messages.length === 0) return [];
  if (mode === 'turn' && assistantText.trim().length > 0) {
    messages.push({ role: 'assistant', content: assistantText.trim() });
  }
  return messages;
}
