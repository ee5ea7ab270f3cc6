import type { ProcessInputArgs, ProcessInputResult, Processor } from '@mastra/core/processors';
import type { Memory } from '@memzero/core';
import { hasMemoryBlock, injectMemoryBlock, renderMemoryBlock } from '@memzero/core';
import { latestUserText } from './message-text.js';
import { type Mem0ScopeOptions, readMastraContext, resolveScope } from './resolve-scope.js';

export interface Mem0RecallProcessorOptions extends Mem0ScopeOptions {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Pick<Memory, 'search'>;
  /** Processor id; Mastra skips a processor whose id is already configured. @default 'mem0-recall' */
  id?: string;
  /** Memories retrieved per run. @default 5 */
  limit?: number;
  /** Minimum relevance score in [0, 1]. @default the engine's default (0) */
  threshold?: number;
  /** Heading line of the injected block. @default core's `renderMemoryBlock` heading */
  heading?: string;
  /** Size cap of the injected block. @default 2000 */
  maxCharacters?: number;
}

/**
 * Input processor: before the model runs, searches the resource's memories with the user's latest message and adds
 * them as a system message (a marked block, replaced rather than stacked if one is already there). Runs once per
 * agent call. Does nothing when the call names no resource.
 */
export class Mem0RecallProcessor implements Processor {
  readonly id: string;
  readonly name = 'memzero recall';
  readonly #options: Mem0RecallProcessorOptions;

  constructor(options: Mem0RecallProcessorOptions) {
    this.id = options.id ?? 'mem0-recall';
    this.#options = options;
  }

  async processInput(args: ProcessInputArgs): Promise<ProcessInputResult> {
    const { messages, systemMessages } = args;
    const scope = resolveScope(readMastraContext(args.requestContext), this.#options);
    const query = latestUserText(messages);
    if (scope === undefined || query === undefined) return messages;
    const { results } = await this.#options.memory.search(query, {
      ...scope,
      limit: this.#options.limit ?? 5,
      ...(this.#options.threshold === undefined ? {} : { threshold: this.#options.threshold }),
      ...(args.abortSignal === undefined ? {} : { signal: args.abortSignal }),
    });
    const block = renderMemoryBlock(results, {
      ...(this.#options.heading === undefined ? {} : { heading: this.#options.heading }),
      ...(this.#options.maxCharacters === undefined ? {} : { maxCharacters: this.#options.maxCharacters }),
    });
    const existing = systemMessages.findIndex(
      (message) => message.role === 'system' && typeof message.content === 'string' && hasMemoryBlock(message.content),
    );
    if (existing === -1) {
      if (block.length === 0) return messages;
      return { messages, systemMessages: [...systemMessages, { role: 'system', content: block }] };
    }
    const updated = systemMessages.map((message, index) =>
      index === existing && message.role === 'system'
        ? { ...message, content: injectMemoryBlock(message.content, block) }
        : message,
    );
    return { messages, systemMessages: updated };
  }
}
