import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4Middleware,
  SharedV4Warning,
} from '@ai-sdk/provider';
import {
  BackgroundWrites,
  checkAdapterOptions,
  conversationOption,
  recallMemories,
  resolveScope,
  type Scope,
  type StoreMode,
  turnMessages,
  ValidationError,
} from '@memzero/core';
import { captureStream, type StreamOutcome } from './capture-stream.js';
import type { Mem0CallOptions, Mem0MiddlewareOptions } from './mem0-middleware-options.js';
import { memoryReport, retrievalFailedWarning, type TurnRetrieval, withMemoryMetadata } from './memory-report.js';
import { injectIntoPrompt, type PromptTurn, readPromptTurn } from './prompt-turn.js';
import { TurnCache } from './turn-cache.js';

/** The middleware, plus access to its background storage work. */
export interface Mem0Middleware extends LanguageModelV4Middleware {
  /** Resolves when every turn stored so far has been written (or has failed and been reported). */
  flush(): Promise<void>;
  /** How many turns are still being stored. */
  pending(): number;
}

interface CallSettings {
  scope: Scope;
  retrieve: boolean;
  store: StoreMode;
  metadata: Record<string, unknown> | undefined;
  conversation: { conversationId?: string };
}

/** Finish reasons after which the answer is complete; `tool-calls` means another step follows. */
const completeFinishReasons = new Set(['stop', 'length', 'content-filter', 'other']);

/**
 * AI SDK language-model middleware that gives a model long-term memory through the memzero engine:
 * - before the first step of a user turn, searches memories for the latest user message (once per turn, although
 *   the AI SDK runs the middleware on every step of a tool loop) and puts them, capped and inside markers, into the
 *   first system message, replacing any earlier block;
 * - after the final step (finish reason not `tool-calls`), stores the user's turn and the assistant's final text in
 *   the background, also when streaming; storage never delays or fails the response (unless `awaitStorage`);
 * - reports the memories used in `providerMetadata.memzero` (generate result and the stream's `finish` part).
 */
export function mem0Middleware(options: Mem0MiddlewareOptions): Mem0Middleware {
  checkAdapterOptions('mem0Middleware', options, {
    methods: ['search', 'add'],
    example: "mem0Middleware({ memory: new Memory(), userId: 'alice' })",
  });
  const key = options.providerOptionsKey ?? 'memzero';
  const cache = new TurnCache<TurnRetrieval>(options.cacheSize ?? 1000);
  const writes = new BackgroundWrites('@memzero/vercel-ai', options);

  const readSettings = (params: LanguageModelV4CallOptions): CallSettings => {
    const perCall = (params.providerOptions?.[key] ?? {}) as Mem0CallOptions;
    const scope = resolveScope(`mem0Middleware (options or providerOptions.${key})`, [perCall, options]);
    const metadata =
      options.metadata === undefined && perCall.metadata === undefined
        ? undefined
        : { ...options.metadata, ...perCall.metadata };
    if (
      perCall.store !== undefined &&
      perCall.store !== 'turn' &&
      perCall.store !== 'user' &&
      perCall.store !== false
    ) {
      throw new ValidationError(`providerOptions.${key}.store`, "must be 'turn', 'user' or false");
    }
    const conversation = conversationOption(perCall.conversationId, `providerOptions.${key}.conversationId`);
    return {
      scope,
      retrieve: perCall.retrieve ?? options.retrieve ?? true,
      store: perCall.store ?? options.store ?? 'turn',
      metadata,
      conversation,
    };
  };

  const retrieve = async (turn: PromptTurn, settings: CallSettings, signal?: AbortSignal): Promise<TurnRetrieval> => {
    try {
      const recall = await recallMemories(options.memory, turn.userText, settings.scope, options, signal);
      return { status: 'ok', ...recall };
    } catch (error) {
      // The caller's own abort is not a memory failure: it propagates and is not cached.
      if (signal?.aborted === true) throw error;
      writes.report(error, 'retrieve', settings.scope);
      return { status: 'failed', memories: [], block: '' };
    }
  };

  /**
   * Called once per turn, after its final step: forgets the turn and stores it, in the background unless
   * `awaitStorage` (then a failure propagates to the caller).
   */
  const finishTurn = async (turn: PromptTurn, settings: CallSettings, assistantText: string): Promise<void> => {
    cache.delete(turn.key);
    const messages = turnMessages([turn.userText], assistantText, settings.store);
    if (messages.length === 0) return;
    await writes.store(settings.scope, () =>
      options.memory.add(messages, {
        ...settings.scope,
        ...(settings.metadata === undefined ? {} : { metadata: settings.metadata }),
        ...(options.infer === undefined ? {} : { infer: options.infer }),
        ...settings.conversation,
      }),
    );
  };

  /** The retrieval that `transformParams` made for this step's turn (already settled). */
  const lookup = async (turn: PromptTurn | undefined, settings: CallSettings): Promise<TurnRetrieval> => {
    if (!settings.retrieve) return { status: 'disabled', memories: [], block: '' };
    if (turn === undefined) return { status: 'no-user-text', memories: [], block: '' };
    return (await cache.get(turn.key)) ?? { status: 'disabled', memories: [], block: '' };
  };

  return {
    specificationVersion: 'v4',

    async transformParams({ params }) {
      const settings = readSettings(params);
      if (!settings.retrieve) return params;
      const turn = readPromptTurn(params.prompt, settings.scope);
      if (turn === undefined) return params;
      const start = () => retrieve(turn, settings, params.abortSignal);
      let retrieval: TurnRetrieval;
      try {
        retrieval = await cache.getOrCreate(turn.key, start);
      } catch (error) {
        // Only an abort rejects. If it was another request's (same turn, shared retrieval), search again.
        cache.delete(turn.key);
        if (params.abortSignal?.aborted === true) throw error;
        retrieval = await cache.getOrCreate(turn.key, start);
      }
      return { ...params, prompt: injectIntoPrompt(params.prompt, retrieval.block) };
    },

    async wrapGenerate({ doGenerate, params }) {
      const settings = readSettings(params);
      const turn = readPromptTurn(params.prompt, settings.scope);
      const retrieval = await lookup(turn, settings);
      const result = await doGenerate();
      if (turn !== undefined && completeFinishReasons.has(result.finishReason.unified)) {
        await finishTurn(turn, settings, contentText(result.content));
      }
      const warnings: SharedV4Warning[] =
        retrieval.status === 'failed' ? [...result.warnings, retrievalFailedWarning] : result.warnings;
      return {
        ...result,
        warnings,
        providerMetadata: withMemoryMetadata(result.providerMetadata, key, memoryReport(settings.scope, retrieval)),
      };
    },

    async wrapStream({ doStream, params }) {
      const settings = readSettings(params);
      const turn = readPromptTurn(params.prompt, settings.scope);
      const retrieval = await lookup(turn, settings);
      const { stream, ...rest } = await doStream();
      const onEnd = async (outcome: StreamOutcome): Promise<void> => {
        if (turn === undefined) return;
        const complete =
          outcome.end === 'finished' &&
          outcome.finishReason !== undefined &&
          completeFinishReasons.has(outcome.finishReason);
        const partial = !complete && outcome.finishReason !== 'tool-calls' && outcome.text.trim().length > 0;
        if (!complete && !(partial && options.storeIncomplete === true)) return;
        if (complete) return finishTurn(turn, settings, outcome.text);
        // Nobody reads a cancelled or failed stream's end: even with awaitStorage, a failure is only reported.
        return finishTurn(turn, settings, outcome.text).catch((error: unknown) =>
          writes.report(error, 'store', settings.scope),
        );
      };
      const captured = captureStream(stream, {
        onEnd,
        mapPart(part) {
          if (part.type === 'stream-start' && retrieval.status === 'failed') {
            return { ...part, warnings: [...part.warnings, retrievalFailedWarning] };
          }
          if (part.type === 'finish') {
            const report = memoryReport(settings.scope, retrieval);
            return { ...part, providerMetadata: withMemoryMetadata(part.providerMetadata, key, report) };
          }
          return part;
        },
      });
      return { ...rest, stream: captured };
    },

    flush: () => writes.flush(),
    pending: () => writes.pending(),
  };
}

/** The final answer's text: text parts only (reasoning, tool calls and files are not the answer). */
function contentText(content: ReadonlyArray<LanguageModelV4Content>): string {
  const texts: string[] = [];
  for (const part of content) if (part.type === 'text') texts.push(part.text);
  return texts.join('');
}
