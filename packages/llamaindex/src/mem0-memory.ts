import type { ChatMessage } from '@llamaindex/core/llms';
import { Memory as LlamaIndexMemory, type MemoryMessage } from '@llamaindex/core/memory';
import { type StoreMode, turnMessages } from '@memzero/core';
import { isFinalAnswer, latestTurn } from './latest-turn.js';
import { Mem0MemoryBlock, type Mem0MemoryBlockOptions } from './mem0-memory-block.js';

/** LlamaIndex's own `Memory` options (token limits, more memory blocks, ...). */
type LlamaIndexMemoryOptions = NonNullable<ConstructorParameters<typeof LlamaIndexMemory>[1]>;

export interface Mem0MemoryOptions extends Omit<Mem0MemoryBlockOptions, 'id' | 'priority'> {
  /** Passed to LlamaIndex's `Memory`; `memoryBlocks` listed here are added after memzero's block. @default {} */
  llamaIndex?: LlamaIndexMemoryOptions;
  /** Earlier messages of this conversation (short-term memory). @default [] */
  messages?: MemoryMessage[];
}

/**
 * LlamaIndex's `Memory` with long-term memory from memzero: pass it as `memory` to a chat engine
 * (`SimpleChatEngine`, `ContextChatEngine`) or an agent from `@llamaindex/workflow`.
 * - Before each model call, the user's memories relevant to the latest user message are put in front of the
 *   conversation as a system message (memzero's block, see {@link Mem0MemoryBlock}).
 * - Each finished turn (the user's message and the final answer; tool calls and results are left out) is stored
 *   when the answer is added to the memory, in the background: storage never delays or fails the answer.
 *   `flush()` waits for it. With `awaitStorage: true`, `add()` of the answer waits and rethrows a failure (LlamaIndex
 *   awaits `add` in non-streaming chat engines only; streaming chat and agents call it without waiting).
 *
 * Throws `ConfigurationError` / `MissingScopeError` at once for a missing engine or scope.
 */
export class Mem0Memory extends LlamaIndexMemory {
  /** memzero's block in this memory. */
  readonly block: Mem0MemoryBlock;
  readonly #store: StoreMode;

  constructor(options: Mem0MemoryOptions) {
    // The block checks the options (engine, scope) and writes the turns; it never stores on LlamaIndex's overflow,
    // which would store the same messages again.
    const block = new Mem0MemoryBlock({ ...options, store: false, id: 'mem0', priority: 0 });
    const llamaIndex = options.llamaIndex ?? {};
    super(options.messages ?? [], { ...llamaIndex, memoryBlocks: [block, ...(llamaIndex.memoryBlocks ?? [])] });
    this.block = block;
    this.#store = options.store ?? 'turn';
  }

  override async add(message: unknown): Promise<void> {
    await super.add(message);
    if (!isFinalAnswer(message)) return;
    const turn = latestTurn((await this.get()) as ChatMessage<object>[]);
    await this.block.remember(turnMessages(turn.userTexts, turn.assistantText, this.#store));
  }

  /** Resolves when every turn stored so far has been written (or has failed and been reported). */
  flush(): Promise<void> {
    return this.block.flush();
  }

  /** How many turns are still being stored. */
  pending(): number {
    return this.block.pending();
  }
}
