import { ConfigurationError, ModelCallError } from '../../errors.js';
import type { Embedder, EmbedRequest, EmbedResult } from '../../spec/models.js';
import { createOpenAIClient, type OpenAIClientOptions } from './create-openai-client.js';
import { toModelCallError } from './to-model-call-error.js';

export interface OpenAIEmbedderOptions extends OpenAIClientOptions {
  /** Embedding model. @default the preset's (`text-embedding-3-small` for OpenAI); Azure: the deployment */
  model?: string;
  /** Output length, for models that can shorten vectors (`text-embedding-3-*`). @default the model's native length */
  dimensions?: number;
  /** Most texts per request (OpenAI accepts 2048). @default 2048 */
  maxBatchSize?: number;
  /** Estimated tokens (characters / 4) per request; OpenAI accepts 300k. @default 250000 */
  maxBatchTokens?: number;
}

/** Native vector lengths of OpenAI's embedding models, so `dimension` is known before the first call. */
const knownDimensions: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * An `Embedder` over the embeddings API of OpenAI or any compatible server. All texts of a call go in ONE request,
 * split only above the API's input limits; vectors come back in input order whatever order the server uses.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions = {}): Embedder {
  const resolved = createOpenAIClient(options);
  const { client, preset, presetName } = resolved;
  const configuredModel = options.model ?? options.deployment ?? preset.defaultEmbeddingModel;
  if (configuredModel === undefined) {
    throw new ConfigurationError(`${presetName}: pass model (the name of an embedding model the server serves)`);
  }
  const model: string = configuredModel;
  const name = `${presetName}:${model}`;
  const maxBatchSize = Math.max(1, options.maxBatchSize ?? 2048);
  const maxBatchTokens = Math.max(1, options.maxBatchTokens ?? 250_000);
  const context = {
    provider: name,
    origin: resolved.origin,
    apiKeyEnv: preset.apiKeyEnv,
    maxRetries: client.maxRetries,
    timeout: client.timeout,
  };
  const dimension = options.dimensions ?? knownDimensions[model];

  async function embedBatch(texts: string[], signal: AbortSignal | undefined): Promise<EmbedResult> {
    let response: Awaited<ReturnType<typeof client.embeddings.create>>;
    try {
      response = await client.embeddings.create(
        { model, input: texts, ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }) },
        signal === undefined ? undefined : { signal },
      );
    } catch (error) {
      throw toModelCallError(error, context, signal);
    }
    const embeddings: Array<number[] | undefined> = texts.map(() => undefined);
    for (const item of response.data ?? []) {
      // The SDK decodes base64 answers into Float32Array; the contract is plain number arrays.
      if (item.index >= 0 && item.index < texts.length) embeddings[item.index] = Array.from(item.embedding);
    }
    if (embeddings.some((vector) => vector === undefined)) {
      throw new ModelCallError(
        name,
        `the server returned ${response.data?.length ?? 0} embeddings for ${texts.length} inputs; check that it supports batched input`,
      );
    }
    return { embeddings: embeddings as number[][], usage: { tokens: response.usage?.prompt_tokens ?? 0 } };
  }

  return {
    name,
    ...(dimension === undefined ? {} : { dimension }),
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      if (request.texts.length === 0) return { embeddings: [], usage: { tokens: 0 } };
      const results: EmbedResult[] = [];
      for (const batch of splitBatches(request.texts, maxBatchSize, maxBatchTokens)) {
        results.push(await embedBatch(batch, request.signal));
      }
      return {
        embeddings: results.flatMap((result) => result.embeddings),
        usage: { tokens: results.reduce((sum, result) => sum + (result.usage?.tokens ?? 0), 0) },
      };
    },
  };
}

function splitBatches(texts: string[], maxBatchSize: number, maxBatchTokens: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const text of texts) {
    const estimate = Math.ceil(text.length / 4);
    if (current.length > 0 && (current.length >= maxBatchSize || tokens + estimate > maxBatchTokens)) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(text);
    tokens += estimate;
  }
  batches.push(current);
  return batches;
}
