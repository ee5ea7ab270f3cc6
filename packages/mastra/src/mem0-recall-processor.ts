import type { ProcessInputArgs, ProcessInputResult, Processor } from '@mastra/core/processors';
import type { Memory, RecallOptions, StorageOptions } from '@memzero/core';
import {
  BackgroundWrites,
  checkAdapterOptions,
  hasMemoryBlock,
  injectMemoryBlock,
  MissingScopeError,
  recallMemories,
} from '@memzero/core';
import { latestUserText } from './message-text.js';
import { type Mem0ScopeOptions, readMastraContext, resolveScope } from './resolve-scope.js';

export interface Mem0RecallProcessorOptions
  extends Mem0ScopeOptions,
    RecallOptions,
    Pick<StorageOptions, 'onError' | 'logger'> {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Pick<Memory, 'search'>;
  /** Processor id; Mastra skips a processor whose id is already configured. @default 'mem0-recall' */
  id?: string;
  /** Shared with the extraction processor by `mem0Processors`. @default its own */
  writes?: BackgroundWrites;
}

/** How to give a run a resource, in the error a run without one gets. */
export const missingResourceHint =
  'call the agent with memory: { resource, thread } (the agent needs a Mastra memory), or set ' +
  'MASTRA_RESOURCE_ID_KEY in the requestContext, or pass resolveScope';

/**
 * Input processor: before the model runs, searches the resource's memories with the user's latest message and adds
 * them as a system message (a marked block, replaced rather than stacked if one is already there). Runs once per
 * agent call. A run without a resource fails with `MissingScopeError` (unless a custom `resolveScope` returns
 * undefined, which skips memory for that run). A failed search is reported and the model answers without memories.
 */
export class Mem0RecallProcessor implements Processor {
  readonly id: string;
  readonly name = 'memzero recall';
  readonly #options: Mem0RecallProcessorOptions;
  readonly #writes: BackgroundWrites;

  constructor(options: Mem0RecallProcessorOptions) {
    checkAdapterOptions('Mem0RecallProcessor', options, {
      methods: ['search'],
      example: 'new Mem0RecallProcessor({ memory: new Memory() })',
    });
    this.id = options.id ?? 'mem0-recall';
    this.#options = options;
    this.#writes = options.writes ?? new BackgroundWrites('@memzero/mastra', options);
  }

  async processInput(args: ProcessInputArgs): Promise<ProcessInputResult> {
    const { messages, systemMessages } = args;
    const scope = resolveScope(readMastraContext(args.requestContext), this.#options);
    if (scope === undefined) {
      if (this.#options.resolveScope !== undefined) return messages;
      throw new MissingScopeError(`Mem0RecallProcessor (${missingResourceHint})`);
    }
    const query = latestUserText(messages);
    if (query === undefined || this.#options.retrieve === false) return messages;
    let block: string;
    try {
      ({ block } = await recallMemories(this.#options.memory, query, scope, this.#options, args.abortSignal));
    } catch (error) {
      if (args.abortSignal?.aborted === true) throw error;
      this.#writes.report(error, 'retrieve', scope);
      return messages;
    }
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
