import type { MessageType } from '@llamaindex/core/llms';
import { BaseMemoryBlock, type MemoryMessage } from '@llamaindex/core/memory';
import type { Memory, Message, RecallOptions, Scope, StorageOptions } from '@memzero/core';
import {
  BackgroundWrites,
  checkAdapterOptions,
  conversationOption,
  MissingScopeError,
  recallMemories,
  scopeKeys,
} from '@memzero/core';
import { latestUserText, toEngineMessages } from './message-conversion.js';

export interface Mem0MemoryBlockOptions extends Scope, RecallOptions, StorageOptions {
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
  /**
   * Role of the injected message. `system` by default: LlamaIndex's OpenAI provider sends unknown roles (including
   * LlamaIndex's own `memory`) as `user`, which would make memories look like something the user said.
   * @default 'system'
   */
  messageRole?: MessageType;
  /**
   * The conversation's session key (LlamaIndex's `session_id`; the `Mem0ChatStore` key when the chat is kept there),
   * passed as `conversationId`: turns stored one call at a time share neighbour context (what `infer: false`
   * retrieval uses). Not part of the scope. 1 to 256 characters. @default the scope's `runId`, if any
   */
  sessionId?: string;
}

/**
 * A LlamaIndex memory block backed by memzero. `get` searches the user's memories with the latest user message and
 * returns them as one system message (a failed search is reported and returns nothing). `put` stores what LlamaIndex
 * moves out of short-term memory, in the background. LlamaIndex only calls `put` when short-term memory overflows:
 * to store every turn, use {@link Mem0Memory}, which includes this block.
 */
export class Mem0MemoryBlock<O extends object = object> extends BaseMemoryBlock<O> {
  readonly #options: Mem0MemoryBlockOptions;
  readonly #scope: Scope;
  readonly #writes: BackgroundWrites;
  readonly #conversation: { conversationId?: string };

  constructor(options: Mem0MemoryBlockOptions) {
    checkAdapterOptions('mem0MemoryBlock', options, {
      methods: ['search', 'add'],
      example: "mem0MemoryBlock({ memory: new Memory(), userId: 'alice' })",
    });
    super({ id: options.id ?? 'mem0', priority: options.priority ?? 0, isLongTerm: true });
    this.#options = options;
    this.#scope = pickScope(options);
    // LlamaIndex swallows errors thrown by `get` (it only logs a warning), so a missing scope must fail here.
    if (Object.keys(this.#scope).length === 0) throw new MissingScopeError('mem0MemoryBlock');
    this.#conversation = conversationOption(options.sessionId, 'sessionId');
    this.#writes = new BackgroundWrites('@memzero/llamaindex', options);
  }

  async get(messages: MemoryMessage<O>[] = []): Promise<MemoryMessage<O>[]> {
    const query = latestUserText(messages);
    if (query === undefined || this.#options.retrieve === false) return [];
    let block: string;
    try {
      ({ block } = await recallMemories(this.#options.memory, query, this.#scope, this.#options));
    } catch (error) {
      this.#writes.report(error, 'retrieve', this.#scope);
      return [];
    }
    if (block.length === 0) return [];
    return [{ id: `${this.id}:memories`, role: this.#options.messageRole ?? 'system', content: block }];
  }

  async put(messages: MemoryMessage<O>[]): Promise<void> {
    const mode = this.#options.store ?? 'turn';
    if (mode === false) return;
    await this.remember(toEngineMessages(messages).filter((message) => mode === 'turn' || message.role === 'user'));
  }

  /**
   * Stores engine messages in the block's scope with its `metadata`, `infer` and `sessionId`: in the background
   * (failures go to `onError`), or awaited with `awaitStorage`. Nothing happens for an empty list. `Mem0Memory` stores turns with it.
   */
  async remember(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    await this.#writes.store(this.#scope, () =>
      this.#options.memory.add(messages, {
        ...this.#scope,
        ...(this.#options.metadata === undefined ? {} : { metadata: this.#options.metadata }),
        ...(this.#options.infer === undefined ? {} : { infer: this.#options.infer }),
        ...this.#conversation,
      }),
    );
  }

  /** Resolves when every background write started so far has settled (failures went to `onError`). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /** How many background writes are still running. */
  pending(): number {
    return this.#writes.pending();
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
