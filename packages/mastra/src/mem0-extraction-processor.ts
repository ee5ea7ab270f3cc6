import type { MastraDBMessage } from '@mastra/core/agent';
import { parseMemoryRequestContext } from '@mastra/core/memory';
import type { ProcessOutputResultArgs, Processor } from '@mastra/core/processors';
import type { Memory, Message } from '@memzero/core';
import { MemoryError } from '@memzero/core';
import { messageText } from './message-text.js';
import { type Mem0ScopeOptions, readMastraContext, resolveScope } from './resolve-scope.js';

export interface Mem0ExtractionProcessorOptions extends Mem0ScopeOptions {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Pick<Memory, 'add'>;
  /** Processor id; Mastra skips a processor whose id is already configured. @default 'mem0-extraction' */
  id?: string;
  /** Stored with every memory; the thread id is added as `threadId` when known. */
  metadata?: Record<string, unknown>;
  /**
   * Store without delaying the agent's result. Failures then go to `onError`; await `settled()` to wait for the
   * writes (in tests, before shutdown).
   * @default false
   */
  background?: boolean;
  /** Receives background write failures. @default a `console.warn` with the error's name and, for memzero errors, message */
  onError?: (error: unknown) => void;
}

/**
 * Output processor: after the agent's final answer, extracts memories from the user's input of this call and the
 * assistant's answer. Does nothing when the call names no resource or Mastra's memory is `readOnly`.
 */
export class Mem0ExtractionProcessor implements Processor {
  readonly id: string;
  readonly name = 'memzero extraction';
  readonly #options: Mem0ExtractionProcessorOptions;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: Mem0ExtractionProcessorOptions) {
    this.id = options.id ?? 'mem0-extraction';
    this.#options = options;
  }

  async processOutputResult(args: ProcessOutputResultArgs): Promise<MastraDBMessage[]> {
    const { messages, messageList, result, requestContext } = args;
    if (parseMemoryRequestContext(requestContext)?.memoryConfig?.readOnly === true) return messages;
    const context = readMastraContext(requestContext);
    const scope = resolveScope(context, this.#options);
    if (scope === undefined) return messages;
    const turn: Message[] = messageList.get.input
      .db()
      .filter((message) => message.role === 'user')
      .map((message) => ({ role: 'user' as const, content: messageText(message) }))
      .filter((message) => message.content.length > 0);
    if (turn.length === 0) return messages;
    if (result.text.trim().length > 0) turn.push({ role: 'assistant', content: result.text });
    const metadata = {
      ...this.#options.metadata,
      ...(context.threadId === undefined ? {} : { threadId: context.threadId }),
    };
    const write = this.#options.memory.add(turn, { ...scope, metadata }).then(() => undefined);
    if (this.#options.background !== true) {
      await write;
      return messages;
    }
    const tracked = write.catch(this.#options.onError ?? logFailure).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    return messages;
  }

  /** Resolves when every background write started so far has finished. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}

function logFailure(error: unknown): void {
  // memzero error messages never contain memory text; other errors might, so only their name is logged.
  const detail = MemoryError.isInstance(error)
    ? `${error.name}: ${error.message}`
    : error instanceof Error
      ? error.name
      : 'unknown error';
  console.warn(`@memzero/mastra: storing memories failed (${detail})`);
}
