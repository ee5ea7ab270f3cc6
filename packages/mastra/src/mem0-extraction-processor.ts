import type { MastraDBMessage } from '@mastra/core/agent';
import { parseMemoryRequestContext } from '@mastra/core/memory';
import type { ProcessOutputResultArgs, Processor } from '@mastra/core/processors';
import type { Memory, StorageOptions } from '@memzero/core';
import {
  BackgroundWrites,
  checkAdapterOptions,
  conversationOption,
  MissingScopeError,
  turnMessages,
} from '@memzero/core';
import { missingResourceHint } from './mem0-recall-processor.js';
import { messageText } from './message-text.js';
import { type Mem0ScopeOptions, readMastraContext, resolveScope } from './resolve-scope.js';

export interface Mem0ExtractionProcessorOptions extends Mem0ScopeOptions, StorageOptions {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Pick<Memory, 'add'>;
  /** Processor id; Mastra skips a processor whose id is already configured. @default 'mem0-extraction' */
  id?: string;
  /** Shared with the recall processor by `mem0Processors`. @default its own */
  writes?: BackgroundWrites;
}

/**
 * Output processor: after the agent's final answer, stores the user's input of this call and the assistant's answer
 * (extraction runs in the engine), with Mastra's `threadId` as the conversation (`conversationId`: turns of one
 * thread share neighbour context across calls). Storage runs in the background and never delays or fails the answer
 * (`awaitStorage: true` waits instead); `flush()` waits for it. Stores nothing when Mastra's memory is `readOnly`.
 * A run without a resource is reported as `MissingScopeError` to `onError` (the answer is kept).
 */
export class Mem0ExtractionProcessor implements Processor {
  readonly id: string;
  readonly name = 'memzero extraction';
  readonly #options: Mem0ExtractionProcessorOptions;
  readonly #writes: BackgroundWrites;

  constructor(options: Mem0ExtractionProcessorOptions) {
    checkAdapterOptions('Mem0ExtractionProcessor', options, {
      methods: ['add'],
      example: 'new Mem0ExtractionProcessor({ memory: new Memory() })',
    });
    this.id = options.id ?? 'mem0-extraction';
    this.#options = options;
    this.#writes = options.writes ?? new BackgroundWrites('@memzero/mastra', options);
  }

  async processOutputResult(args: ProcessOutputResultArgs): Promise<MastraDBMessage[]> {
    const { messages, messageList, result, requestContext } = args;
    if (parseMemoryRequestContext(requestContext)?.memoryConfig?.readOnly === true) return messages;
    const context = readMastraContext(requestContext);
    const scope = resolveScope(context, this.#options);
    if (scope === undefined) {
      if (this.#options.resolveScope === undefined) {
        this.#writes.report(new MissingScopeError(`Mem0ExtractionProcessor (${missingResourceHint})`), 'store', {});
      }
      return messages;
    }
    const userTexts = messageList.get.input
      .db()
      .filter((message) => message.role === 'user')
      .map(messageText);
    const turn = turnMessages(userTexts, result.text, this.#options.store ?? 'turn');
    if (turn.length === 0) return messages;
    const metadata = {
      ...this.#options.metadata,
      ...(context.threadId === undefined ? {} : { threadId: context.threadId }),
    };
    await this.#writes.store(scope, () =>
      this.#options.memory.add(turn, {
        ...scope,
        metadata,
        ...(this.#options.infer === undefined ? {} : { infer: this.#options.infer }),
        // The thread is the conversation (neighbour context across turns); only `scope: 'thread'` makes it a scope.
        ...conversationOption(context.threadId),
      }),
    );
    return messages;
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
