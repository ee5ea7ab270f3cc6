import { Index, type QueryResult } from '@upstash/vector';
import { inScope } from '../../../engine/scope.js';
import { ConfigurationError, StoreError, ValidationError } from '../../../errors.js';
import { evaluateFilter } from '../../../filters/evaluate-filter.js';
import { base64UrlToText, textToBase64Url } from '../../../runtime/base64.js';
import { environmentVariable } from '../../../runtime/environment.js';
import type { FilterNode } from '../../../spec/filter.js';
import type { MemoryRecord, VectorEntry } from '../../../spec/memory-record.js';
import type { Scope } from '../../../spec/scope.js';
import type {
  ListPage,
  ListRequest,
  ScoredRecord,
  VectorQuery,
  VectorQueryResult,
  VectorStore,
} from '../../../spec/vector-store.js';
import { toRedisClient } from '../shared/redis-client.js';
import { toStoreError } from '../shared/safe-error.js';
import { compileUpstashFilter } from './compile-upstash-filter.js';
import { createHttpRequester, isRetryableUpstashError } from './http-requester.js';
import { readOnward } from './read-onward.js';
import { fromStored, toStoredMetadata } from './record-layout.js';
import { ScopeIndex } from './scope-index.js';
import { documentSparseVector, querySparseVector } from './sparse-terms.js';
import type { UpstashVectorStoreOptions } from './upstash-vector-options.js';

const storeName = 'upstash-vector';
const batchSize = 500;
const maxTopK = 1000;
const namespacePattern = /^[A-Za-z0-9_:.-]{0,64}$/;

type Include = { includeMetadata: true; includeData: true };
const include: Include = { includeMetadata: true, includeData: true };

/**
 * A {@link VectorStore} on Upstash Vector, through the official `@upstash/vector` client. One record per memory:
 * id, dense vector, a BM25 sparse vector (hybrid indexes), the text in `data` and typed metadata. Scope is always
 * part of the filter; `query` returns dense and lexical lists from ONE HTTP request (a query batch).
 */
export function createUpstashVectorStore(options: UpstashVectorStoreOptions = {}): VectorStore {
  // Mem0's config names for this provider (`collection_name`, `enable_embeddings`) are accepted too.
  const mem0 = options as UpstashVectorStoreOptions & { collection_name?: string; enable_embeddings?: boolean };
  return new UpstashVectorStore({
    ...options,
    ...(options.namespace === undefined && mem0.collection_name !== undefined
      ? { namespace: mem0.collection_name }
      : {}),
    ...(options.hostedEmbeddings === undefined && mem0.enable_embeddings !== undefined
      ? { hostedEmbeddings: mem0.enable_embeddings }
      : {}),
  });
}

class UpstashVectorStore implements VectorStore {
  readonly name = storeName;
  readonly embedsText: boolean;
  private readonly index: Index;
  private readonly namespace: string;
  private readonly scopeIndex: ScopeIndex | undefined;
  private readonly hybrid: boolean;
  /** Ids this instance wrote to the scope index (bounded; forgotten on delete), so updates skip that write. */
  private readonly indexedIds = new Set<string>();

  constructor(private readonly options: UpstashVectorStoreOptions) {
    this.namespace = options.namespace ?? '';
    if (!namespacePattern.test(this.namespace)) {
      throw new ConfigurationError(
        'upstash-vector: namespace must be at most 64 letters, digits, "_", ":", "." or "-" (one per app or environment, never one per user)',
      );
    }
    this.index = options.client ?? this.createClient();
    this.hybrid = (options.indexType ?? 'hybrid') === 'hybrid';
    this.embedsText = options.hostedEmbeddings === true;
    const redisUrl = environmentVariable('UPSTASH_REDIS_REST_URL');
    const redisToken = environmentVariable('UPSTASH_REDIS_REST_TOKEN');
    const fromEnvironment =
      options.redis === undefined && redisUrl && redisToken ? { url: redisUrl, token: redisToken } : undefined;
    const connection = options.redis === false ? undefined : (options.redis ?? fromEnvironment);
    const redis = connection === undefined ? undefined : toRedisClient(connection, options.timeoutMs);
    const prefix = `${options.keyPrefix ?? 'memzero-index:'}${this.namespace}:`;
    this.scopeIndex = redis ? new ScopeIndex(redis, prefix, options.retry) : undefined;
  }

  private createClient(): Index {
    const url = this.options.url ?? environmentVariable('UPSTASH_VECTOR_REST_URL');
    const token = this.options.token ?? environmentVariable('UPSTASH_VECTOR_REST_TOKEN');
    if (!url || !token) {
      throw new ConfigurationError(
        'upstash-vector: pass { url, token } or a client, or set UPSTASH_VECTOR_REST_URL and UPSTASH_VECTOR_REST_TOKEN (from the Upstash console)',
      );
    }
    const requester = createHttpRequester({
      url,
      token,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      retry: this.options.retry ?? {},
      ...(this.options.onRequest ? { onRequest: this.options.onRequest } : {}),
    });
    return new Index(requester);
  }

  async upsert(entries: VectorEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // The scope index and the vectors are written in parallel (one round trip on the critical path): an id the
    // index lists before its vector exists is skipped by `list`, and a failed upsert stays in the engine's outbox.
    // A new version of a record this instance indexed is not indexed again (id, scope and createdAt never change).
    const unindexed = entries
      .map((entry) => entry.record)
      .filter((record) => record.version <= 1 || !this.indexedIds.has(record.id));
    await this.call('upsert', () =>
      Promise.all([
        unindexed.length > 0 ? this.scopeIndex?.add(unindexed) : undefined,
        (async () => {
          for (let start = 0; start < entries.length; start += batchSize) {
            const batch = entries.slice(start, start + batchSize).map((entry) => this.toVector(entry));
            await this.index.upsert(batch as never, { namespace: this.namespace });
          }
        })(),
      ]),
    );
    if (this.scopeIndex) {
      if (this.indexedIds.size > 100_000) this.indexedIds.clear();
      for (const record of unindexed) this.indexedIds.add(record.id);
    }
  }

  async patch(records: MemoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    // Metadata-only updates (OVERWRITE with the full layout): the vector and the text stay, as the contract says.
    await this.call('patch', () =>
      Promise.all(
        records.map((record) =>
          this.index.update({ id: record.id, metadata: toStoredMetadata(record) }, { namespace: this.namespace }),
        ),
      ),
    );
  }

  async fetch(ids: string[], scope?: Scope): Promise<Array<MemoryRecord | undefined>> {
    if (ids.length === 0) return [];
    const records = await this.call('fetch', () => this.fetchRecords(ids));
    return records.map((record) => (record && (!scope || inScope(record, scope)) ? record : undefined));
  }

  async query(request: VectorQuery): Promise<VectorQueryResult> {
    const compiled = compileUpstashFilter(request.scope, request.filter);
    const topK = Math.min(maxTopK, compiled.exact ? request.topK : request.topK * (this.options.oversample ?? 4));
    const common = { topK, filter: compiled.filter, ...include };
    const hosted = this.embedsText && request.text !== undefined;
    const queries: Array<Record<string, unknown>> = [];
    let denseAt = -1;
    let lexicalAt = -1;
    if (hosted) {
      denseAt = queries.push({ ...common, data: request.text, queryMode: 'DENSE' }) - 1;
      if (this.hybrid)
        lexicalAt = queries.push({ ...common, data: request.text, queryMode: 'SPARSE', weightingStrategy: 'IDF' }) - 1;
    } else {
      if (request.vector) denseAt = queries.push({ ...common, vector: request.vector }) - 1;
      const sparse = this.hybrid && request.text !== undefined ? querySparseVector(request.text) : undefined;
      if (sparse) lexicalAt = queries.push({ ...common, sparseVector: sparse, weightingStrategy: 'IDF' }) - 1;
    }
    const lists =
      queries.length === 0
        ? []
        : await this.call('query', () =>
            whenNamespaceExists(this.index.queryMany(queries as never, { namespace: this.namespace }), []),
          );
    const toScored = async (at: number, dense: boolean): Promise<ScoredRecord[]> => {
      if (at < 0) return [];
      const first = lists[at] ?? [];
      const scored = this.scored(first, request.scope, request.filter, request.topK, dense);
      // Part of the filter runs here, after the query: keep reading the ranked list until `topK` records match
      // or the scope is exhausted (a short page means there is no more).
      if (compiled.exact || scored.length >= request.topK || first.length < topK) return scored;
      const all = await this.call('query', () =>
        readOnward(
          this.index,
          this.namespace,
          queries[at]!,
          first.length,
          (results) => this.scored(results, request.scope, request.filter, request.topK, dense).length >= request.topK,
        ),
      );
      return this.scored(all, request.scope, request.filter, request.topK, dense);
    };
    const [dense, lexical] = await Promise.all([toScored(denseAt, true), toScored(lexicalAt, false)]);
    const result: VectorQueryResult = { dense };
    if (this.hybrid && request.text !== undefined) result.lexical = lexical;
    return result;
  }

  async list(request: ListRequest): Promise<ListPage> {
    const limit = request.limit ?? 100;
    if (!this.scopeIndex) return this.call('list', () => this.listByQuery(request, limit));
    const scopeIndex = this.scopeIndex;
    let after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const found: Array<{ member: string; record: MemoryRecord }> = [];
    await this.call('list', async () => {
      while (found.length <= limit) {
        const wanted = Math.min(maxTopK, Math.max(limit + 1 - found.length, 32));
        const members = await scopeIndex.page(request.scope, after, wanted);
        if (members.length === 0) break;
        const records = await this.fetchRecords(members.map(ScopeIndex.idOf));
        members.forEach((member, position) => {
          const record = records[position];
          if (record && this.matches(record, request.scope, request.filter)) found.push({ member, record });
        });
        after = members.at(-1);
        if (members.length < wanted) break;
      }
    });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return found.length > limit && last
      ? { records: page.map((item) => item.record), nextCursor: encodeCursor(last.member) }
      : { records: page.map((item) => item.record) };
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) this.indexedIds.delete(id);
    await this.call('delete', () =>
      Promise.all([
        (async () => {
          for (let start = 0; start < ids.length; start += batchSize) {
            await whenNamespaceExists(
              this.index.delete(ids.slice(start, start + batchSize), { namespace: this.namespace }),
              undefined,
            );
          }
        })(),
        this.scopeIndex?.remove(ids),
      ]),
    );
  }

  async deleteScope(scope: Scope): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ scope, limit: maxTopK, ...(cursor ? { cursor } : {}) });
      ids.push(...page.records.map((record) => record.id));
      cursor = page.nextCursor;
    } while (cursor);
    await this.delete(ids);
    return ids;
  }

  async reset(): Promise<void> {
    this.indexedIds.clear();
    await this.call('reset', async () => {
      await whenNamespaceExists(this.index.reset({ namespace: this.namespace }), undefined);
      await this.scopeIndex?.reset();
    });
  }

  private toVector(entry: VectorEntry): Record<string, unknown> {
    const metadata = toStoredMetadata(entry.record);
    if (this.embedsText) return { id: entry.record.id, data: entry.record.memory, metadata };
    const vector: Record<string, unknown> = {
      id: entry.record.id,
      vector: entry.vector,
      metadata,
      data: entry.record.memory,
    };
    if (this.hybrid) vector.sparseVector = documentSparseVector(entry.record.memory, this.options.lexical);
    return vector;
  }

  private async fetchRecords(ids: string[]): Promise<Array<MemoryRecord | undefined>> {
    const records: Array<MemoryRecord | undefined> = [];
    for (let start = 0; start < ids.length; start += maxTopK) {
      const chunk = ids.slice(start, start + maxTopK);
      const batch = await whenNamespaceExists(
        this.index.fetch(chunk, { ...include, namespace: this.namespace }),
        chunk.map(() => null),
      );
      for (const vector of batch)
        records.push(vector ? fromStored(String(vector.id), vector.metadata, vector.data) : undefined);
    }
    return records;
  }

  /** Scope and filter checked in process too: exact even where the compiled filter is a superset. */
  private matches(record: MemoryRecord, scope: Scope, filter: FilterNode | undefined): boolean {
    return inScope(record, scope) && (!filter || evaluateFilter(filter, record));
  }

  private scored(
    results: QueryResult[],
    scope: Scope,
    filter: FilterNode | undefined,
    topK: number,
    dense: boolean,
  ): ScoredRecord[] {
    const scored: ScoredRecord[] = [];
    for (const result of results) {
      const record = fromStored(String(result.id), result.metadata, result.data);
      if (!record || !this.matches(record, scope, filter)) continue;
      // Upstash reports cosine as (1 + cos) / 2; the contract wants the cosine itself.
      scored.push({ record, score: dense ? result.score * 2 - 1 : result.score });
      if (scored.length === topK) break;
    }
    return scored;
  }

  /**
   * Without Redis: one filtered query per page with a constant probe vector, sorted in process. It lags behind
   * writes and sees at most 1000 records of a scope; configure `redis` for exact listing.
   */
  private async listByQuery(request: ListRequest, limit: number): Promise<ListPage> {
    const compiled = compileUpstashFilter(request.scope, request.filter);
    const info = await this.index.info();
    const dimension = info.dimension || info.denseIndex?.dimension || 1;
    const probe = { vector: Array.from({ length: dimension }, () => 1 / Math.sqrt(dimension)) };
    const results = await whenNamespaceExists(
      this.index.query({ ...probe, topK: maxTopK, filter: compiled.filter, ...include }, { namespace: this.namespace }),
      [],
    );
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const records = results
      .map((result) => fromStored(String(result.id), result.metadata, result.data))
      .filter((record): record is MemoryRecord => !!record && this.matches(record, request.scope, request.filter))
      .filter((record) => after === undefined || ScopeIndex.member(record) > after)
      .sort((left, right) => (ScopeIndex.member(left) < ScopeIndex.member(right) ? -1 : 1));
    const page = records.slice(0, limit);
    const last = page.at(-1);
    return records.length > limit && last
      ? { records: page, nextCursor: encodeCursor(ScopeIndex.member(last)) }
      : { records: page };
  }

  private async call<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof StoreError || error instanceof ValidationError) throw error;
      throw toStoreError(storeName, operation, error, isRetryableUpstashError(error), hintFor(error));
    }
  }
}

function hintFor(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  if (status === 401) return "Check UPSTASH_VECTOR_REST_TOKEN (use the index's standard token, not the read-only one)";
  if (status === 429) return "The plan's request limit was reached; retry later or upgrade the plan";
  if (error instanceof Error && /dimension/i.test(error.message)) {
    return "The embedder's dimension must equal the index's; create the index with the same dimension";
  }
  return '';
}

/**
 * A namespace exists once something was upserted into it; until then Upstash may answer reads and deletes on it
 * with "Namespace ... does not exist". For this store that simply means "empty".
 */
async function whenNamespaceExists<T>(call: Promise<T>, empty: T): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof Error && /namespace .* does not exist/i.test(error.message)) return empty;
    throw error;
  }
}

function encodeCursor(member: string): string {
  return textToBase64Url(member);
}

function decodeCursor(cursor: string): string {
  const member = base64UrlToText(cursor);
  if (!member.includes('\u0000')) throw new ValidationError('cursor', 'not a cursor returned by getAll');
  return member;
}
