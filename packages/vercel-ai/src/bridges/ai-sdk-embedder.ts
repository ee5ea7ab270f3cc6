import type { SharedV4ProviderOptions } from '@ai-sdk/provider';
import type { Embedder, EmbedRequest, EmbedResult } from '@memzero/core';
import { type EmbeddingModel, embedMany } from 'ai';
import { isAbortError, modelName, toModelCallError } from './to-model-call-error.js';

export interface AiSdkEmbedderOptions {
  /** Vector length, when known up front (lets stores be created before the first call). @default undefined */
  dimension?: number;
  /** Retries of the AI SDK on retryable provider errors. @default 2 */
  maxRetries?: number;
  /**
   * Provider options per purpose, for models that embed queries and documents differently (e.g. Gemini's
   * `taskType`, Cohere's `inputType`).
   * @default undefined
   */
  providerOptions?: SharedV4ProviderOptions | ((purpose: EmbedRequest['purpose']) => SharedV4ProviderOptions);
  /** The name the engine reports. @default 'provider:modelId' */
  name?: string;
}

/**
 * Lets the memzero engine use any AI SDK embedding model: `new Memory({ embedder: createAiSdkEmbedder(model) })`.
 * One `embedMany` per engine request (the AI SDK splits it only when the model's per-call limit requires).
 */
export function createAiSdkEmbedder(model: EmbeddingModel, options: AiSdkEmbedderOptions = {}): Embedder {
  const name = options.name ?? modelName(model);
  return {
    name,
    ...(options.dimension === undefined ? {} : { dimension: options.dimension }),
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      if (request.texts.length === 0) return { embeddings: [], usage: { tokens: 0 } };
      const providerOptions =
        typeof options.providerOptions === 'function'
          ? options.providerOptions(request.purpose)
          : options.providerOptions;
      try {
        const result = await embedMany({
          model,
          values: request.texts,
          maxRetries: options.maxRetries ?? 2,
          ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
          ...(providerOptions === undefined ? {} : { providerOptions }),
        });
        return { embeddings: result.embeddings, usage: { tokens: result.usage.tokens } };
      } catch (error) {
        if (isAbortError(error, request.signal)) throw error;
        throw toModelCallError(name, 'embedMany', error);
      }
    },
  };
}
