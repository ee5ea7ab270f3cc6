import { MemoryError, ModelCallError } from '../errors.js';
import type { Usage } from '../spec/results.js';
import type { EngineContext } from './engine-context.js';

/** Embeds texts in one request, counting it in `usage`. */
export async function embedTexts(
  context: EngineContext,
  usage: Usage,
  texts: string[],
  purpose: 'document' | 'query',
  signal?: AbortSignal,
): Promise<number[][]> {
  if (texts.length === 0) return [];
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
  return result.embeddings;
}
