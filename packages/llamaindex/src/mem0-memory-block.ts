import type { ChatMessage, MessageType } from '@llamaindex/core/llms';
import { BaseMemoryBlock, type MemoryMessage } from '@llamaindex/core/memory';
import type { AddResult, Memory, Scope } from '@memzero/core';
import { MissingScopeError, renderMemoryBlock, scopeKeys } from '@memzero/core';
import { latestTurn, latestUserText, toEngineMessages } from './message-conversion.js';

export interface Mem0MemoryBlockOptions extends Scope {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Pick<Memory, 'add' | 'search'>;
  /** Block id, unique within one LlamaIndex `Memory`. @default 'mem0' */
  id?: string;
  /**
   * LlamaIndex priority. 0 means the memories are always included; a higher number puts the block among the
   * long-term blocks, which LlamaIndex drops first (lowest priority first) when the context window is tight.
   * @default 0
   */
  priority?: number;
  /** Memories retrieved per turn. @default 5 */
  limit?: number;
  /** Minimum relevance score in [0, 1]. @default the engine's default (0) */
  threshold?: number;
  /** Role of the injected message. LlamaIndex's providers send `memory` as a system message. @default 'memory' */
  messageRole?: MessageType;
  /** Heading line of the injected block. @default core's `renderMemoryBlock` heading */
  heading?: string;
  /** Size cap of the injected block. @default 2000 */
  maxCharacters?: number;
  /**
   * Store the messages LlamaIndex hands to `put`. LlamaIndex only calls `put` when short-term memory overflows, so
   * turns are stored late (or never, in short chats). Set to `false` when you store every turn yourself with
   * {@link Mem0MemoryBlock.storeLatestTurn}, to avoid extracting the same messages twice.
   * @default true
   */
  storeOnPut?: boolean;
  /** Stored with every memory this block writes. */
  metadata?: Record<string, unknown>;
}

/**
 * A LlamaIndex memory block backed by memzero: `get` searches the user's memories with the latest user message and
 * returns them as one message; `put` extracts memories from the messages LlamaIndex moves out of short-term memory.
 */
export class Mem0MemoryBlock<O extends object = object> extends BaseMemoryBlock<O> {
  readonly #options: Mem0MemoryBlockOptions;
  readonly #scope: Scope;

  constructor(options: Mem0MemoryBlockOptions) {
    super({ id: options.id ?? 'mem0', priority: options.priority ?? 0, isLongTerm: true });
    this.#options = options;
    this.#scope = pickScope(options);
    // LlamaIndex swallows errors thrown by `get` (it only logs a warning), so a missing scope must fail here.
    if (Object.keys(this.#scope).length === 0) throw new MissingScopeError('mem0MemoryBlock');
  }

  async get(messages: MemoryMessage<O>[] = []): Promise<MemoryMessage<O>[]> {
    const query = latestUserText(messages);
    if (query === undefined) return [];
    const { results } = await this.#options.memory.search(query, {
      ...this.#scope,
      limit: this.#options.limit ?? 5,
      ...(this.#options.threshold === undefined ? {} : { threshold: this.#options.threshold }),
    });
    const block = renderMemoryBlock(results, {
      ...(this.#options.heading === undefined ? {} : { heading: this.#options.heading }),
      ...(this.#options.maxCharacters === undefined ? {} : { maxCharacters: this.#options.maxCharacters }),
    });
    if (block.length === 0) return [];
    return [{ id: `${this.id}:memories`, role: this.#options.messageRole ?? 'memory', content: block }];
  }

  async put(messages: MemoryMessage<O>[]): Promise<void> {
    if (this.#options.storeOnPut === false) return;
    await this.store(messages);
  }

  /**
   * Extracts memories from the user and assistant messages given (system and memory messages are skipped).
   * Returns null when there was nothing to store.
   */
  async store(messages: ReadonlyArray<ChatMessage<object>>): Promise<AddResult | null> {
    const engineMessages = toEngineMessages(messages);
    if (engineMessages.length === 0) return null;
    return this.#options.memory.add(engineMessages, {
      ...this.#scope,
      ...(this.#options.metadata === undefined ? {} : { metadata: this.#options.metadata }),
    });
  }

  /**
   * Stores the latest turn (the last user message and what follows it). Call it after each `chat()`, e.g.
   * `await block.storeLatestTurn(await chatMemory.get())`, so facts are remembered right away instead of when
   * LlamaIndex's short-term memory overflows.
   */
  async storeLatestTurn(messages: ReadonlyArray<ChatMessage<object>>): Promise<AddResult | null> {
    return this.store(latestTurn(messages));
  }
}

/** Creates a {@link Mem0MemoryBlock} for `createMemory({ memoryBlocks: [...] })`. */
export function mem0MemoryBlock<O extends object = object>(options: Mem0MemoryBlockOptions): Mem0MemoryBlock<O> {
  return new Mem0MemoryBlock<O>(options);
}

function pickScope(options: Scope): Scope {
  const scope: Scope = {};
  for (const key of scopeKeys) {
    const value = options[key];
    if (value !== undefined) scope[key] = value;
  }
  return scope;
}
