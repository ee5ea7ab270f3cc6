import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { FilterInput, Memory, Scope, SearchHit } from '@memzero/core';
import { defaultRecallLimit, defaultRecallThreshold, resolveScope } from '@memzero/core';

/** Options of {@link Mem0Retriever}: whose memories to search and how. */
export interface Mem0RetrieverOptions extends BaseRetrieverInput, Scope {
  /** The memzero engine. */
  memory: Memory;
  /** How many documents to return. @default 5 */
  limit?: number;
  /** Minimum relevance score, in [0, 1]; the default drops unrelated near-zero hits. @default 0.1 (core's `defaultRecallThreshold`) */
  threshold?: number;
  /** Mem0 filter DSL applied inside the scope. @default undefined */
  filters?: FilterInput;
}

/** What a document's `metadata` holds. The memory's own metadata stays under `metadata`, unflattened. */
export interface Mem0DocumentMetadata extends Scope {
  /** The memory id (also the document's `id`). */
  id: string;
  /** Relevance in [0, 1], comparable across queries. */
  score: number;
  /** Which signals found the memory (dense, lexical, rerank). */
  signals: SearchHit['signals'];
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
  memoryType: SearchHit['memoryType'];
  /** The application's metadata stored with the memory. */
  metadata: Record<string, unknown>;
}

/**
 * A LangChain retriever over memzero memories: `retriever.invoke(query)` returns the memories of the scope most
 * relevant to the query as `Document`s, best first. The scope is fixed by the options: create one retriever per user
 * (construction is cheap and holds no connection).
 */
export class Mem0Retriever extends BaseRetriever<Mem0DocumentMetadata> {
  static override lc_name(): string {
    return 'Mem0Retriever';
  }

  override lc_namespace = ['memzero', 'retrievers'];

  private readonly options: Mem0RetrieverOptions;

  constructor(options: Mem0RetrieverOptions) {
    super(options);
    this.options = options;
  }

  override async _getRelevantDocuments(
    query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<Mem0DocumentMetadata>[]> {
    const scope = resolveScope('Mem0Retriever', [this.options]);
    const { results } = await this.options.memory.search(query, {
      ...scope,
      limit: this.options.limit ?? defaultRecallLimit,
      threshold: this.options.threshold ?? defaultRecallThreshold,
      filters: this.options.filters,
    });
    return results.map((hit) => toDocument(hit));
  }
}

function toDocument(hit: SearchHit): Document<Mem0DocumentMetadata> {
  const metadata: Mem0DocumentMetadata = {
    id: hit.id,
    score: hit.score,
    signals: hit.signals,
    createdAt: hit.createdAt,
    updatedAt: hit.updatedAt,
    memoryType: hit.memoryType,
    metadata: hit.metadata,
  };
  for (const key of ['userId', 'agentId', 'runId', 'appId'] as const) {
    const value = hit[key];
    if (value !== undefined) metadata[key] = value;
  }
  return new Document({ pageContent: hit.memory, metadata, id: hit.id });
}
