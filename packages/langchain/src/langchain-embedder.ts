import type { Embeddings } from '@langchain/core/embeddings';
import type { Embedder, EmbedRequest, EmbedResult } from '@memzero/core';
import { ModelCallError } from '@memzero/core';

/** Options of {@link createLangChainEmbedder}. */
export interface LangChainEmbedderOptions {
  /** Name in usage reports and errors. @default `langchain:<class name>` */
  name?: string;
  /** Vector length, when known before the first call. @default undefined */
  dimension?: number;
}

/**
 * Lets the memzero engine use any LangChain `Embeddings` (`OpenAIEmbeddings`, `CohereEmbeddings`, `OllamaEmbeddings`,
 * ...): `new Memory({ embedder: createLangChainEmbedder(embeddings) })`. Documents go through `embedDocuments` in one
 * batch; a query goes through `embedQuery`, which some providers encode differently.
 */
export function createLangChainEmbedder(embeddings: Embeddings, options: LangChainEmbedderOptions = {}): Embedder {
  const name = options.name ?? `langchain:${embeddings.constructor.name}`;
  return {
    name,
    dimension: options.dimension,
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      try {
        const vectors =
          request.purpose === 'query'
            ? await Promise.all(request.texts.map((text) => embeddings.embedQuery(text)))
            : await embeddings.embedDocuments(request.texts);
        if (vectors.length !== request.texts.length) {
          throw new ModelCallError(name, `returned ${vectors.length} vectors for ${request.texts.length} texts`);
        }
        return { embeddings: vectors };
      } catch (error) {
        if (ModelCallError.isInstance(error)) throw error;
        throw new ModelCallError(
          name,
          "the LangChain embeddings call failed; check the provider's credentials and limits",
          {
            cause: error,
          },
        );
      }
    },
  };
}
