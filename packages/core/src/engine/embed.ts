import { MemoryError, ModelCallError } from '../errors.js';
import type { Usage } from '../spec/results.js';
import type { EngineContext } from './engine-context.js';

/**
 * Embeds texts in one request, counting it in `usage`. Query embeddings are cached (an LRU per engine, `queryEmbeddingCache` entries): an
 * application that searches with the user's message and then stores the turn embeds that message once.
 */
export async function embedTexts(
  context: EngineContext,
  usage: Usage,
  texts: string[],
  purpose: 'document' | 'query',
  signal?: AbortSignal,
): Promise<number[][]> {
  // A store that embeds text itself needs no vectors from us: no request, nothing to count.
  if (texts.length === 0 || context.vectorStore.embedsText) return texts.map(() => []);
  const cached = purpose === 'query' && texts.length === 1 ? context.queryEmbeddings.get(texts[0]!) : undefined;
  if (cached) {
    context.queryEmbeddings.delete(texts[0]!);
    context.queryEmbeddings.set(texts[0]!, cached);
    return [cached];
  }
  usage.embeddingCalls += 1;
  usage.embeddedTexts += texts.length;
  let result: Awaited<ReturnType<EngineContext['embedder']['embed']>>;
  try {
    result = await context.embedder.embed(signal ? { texts, purpose, signal } : { texts, purpose });
  } catch (error) {
    if (MemoryError.isInstance(error)) throw error;
    throw new ModelCallError(context.embedder.name, 'the embedding request failed', {
      cause: error,
      isRetryable: true,
    });
  }
  if (result.embeddings.length !== texts.length || result.embeddings.some((vector) => vector.length === 0)) {
    throw new ModelCallError(
      context.embedder.name,
      `returned ${result.embeddings.length} embeddings for ${texts.length} texts`,
    );
  }
  if (purpose === 'query' && texts.length === 1 && context.settings.queryEmbeddingCache > 0) {
    context.queryEmbeddings.set(texts[0]!, result.embeddings[0]!);
    if (context.queryEmbeddings.size > context.settings.queryEmbeddingCache) {
      context.queryEmbeddings.delete(context.queryEmbeddings.keys().next().value!);
    }
  }
  return result.embeddings;
}
