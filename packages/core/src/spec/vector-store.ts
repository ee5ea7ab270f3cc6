import type { FilterNode } from './filter.js';
import type { MemoryRecord, VectorEntry } from './memory-record.js';
import type { Scope } from './scope.js';

/** A record with the raw score of one retrieval signal. */
export interface ScoredRecord {
  record: MemoryRecord;
  /**
   * Dense: cosine similarity in [-1, 1]. Lexical: a BM25-style score (unbounded, >= 0); the engine calibrates it.
   */
  score: number;
}

/** One search request. The store returns each signal's ranked list; the engine fuses them. */
export interface VectorQuery {
  /** Exact scope: every returned record has these scope values (fields absent here are not constrained). */
  scope: Scope;
  /** The query embedding; absent when only the lexical signal is wanted. */
  vector?: number[];
  /** The query text for the lexical signal; absent when only the dense signal is wanted. */
  text?: string;
  /**
   * Everything else a record must match, already combined by the engine: the caller's filter, `status = active`
   * and not expired (unless the caller asked for inactive or expired records).
   */
  filter?: FilterNode;
  /** How many records to return per signal. */
  topK: number;
}

/** The ranked lists of one query, best first. */
export interface VectorQueryResult {
  dense: ScoredRecord[];
  /** `undefined` when the store has no lexical signal (the engine then warns and ranks on dense alone). */
  lexical?: ScoredRecord[];
}

/** A page of records in stable order (`createdAt`, then `id`). */
export interface ListRequest {
  scope: Scope;
  filter?: FilterNode;
  /** @default 100 */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface ListPage {
  records: MemoryRecord[];
  /** Present while more records follow. */
  nextCursor?: string;
}

/**
 * The search index. Small on purpose: upsert, fetch by id, query, list by scope, delete. A backend is one file or
 * folder under `src/stores/` with its own subpath export, and passes the conformance suite in `src/testing`.
 *
 * Consistency: `fetch` must read its own writes. `query` may lag behind writes (Upstash Vector does); the engine
 * covers the lag with the coordination store's recent writes. `list` must not scan other scopes' data.
 */
export interface VectorStore {
  /** A short name for errors and usage reports, e.g. `in-memory`, `upstash-vector`. */
  readonly name: string;
  /**
   * True when the store computes dense vectors from text itself (Upstash-hosted embeddings): the engine then makes
   * no embedding requests, entries carry empty vectors, and queries rely on `text`.
   */
  readonly embedsText?: boolean;
  /**
   * True when `query` sees every completed write at once (an in-process index). The engine then skips what covers
   * a lagging index on reads (the recent-deletes lookup of `search`). Leave it unset for eventually consistent
   * indexes such as Upstash Vector.
   * @default false
   */
  readonly consistentQueries?: boolean;
  /** Insert or replace records by id. */
  upsert(entries: VectorEntry[]): Promise<void>;
  /**
   * Records by id, in the order asked, `undefined` where missing. With `scope`, a record whose scope differs on any
   * field given there is reported as missing.
   */
  fetch(ids: string[], scope?: Scope): Promise<Array<MemoryRecord | undefined>>;
  /** Dense and lexical candidates for a query. */
  query(request: VectorQuery): Promise<VectorQueryResult>;
  /** Records of a scope in stable order, with a cursor. */
  list(request: ListRequest): Promise<ListPage>;
  /**
   * Replace the stored fields of existing records, keeping their vectors (status changes, metadata edits,
   * invalidation). Ids not stored are ignored.
   */
  patch(records: MemoryRecord[]): Promise<void>;
  /** Remove records by id; unknown ids are ignored. */
  delete(ids: string[]): Promise<void>;
  /** Remove every record of a scope (and only of it); returns the removed ids. */
  deleteScope(scope: Scope): Promise<string[]>;
  /** Remove everything this store holds. */
  reset(): Promise<void>;
  /** Release connections, flush files. */
  close?(): Promise<void>;
}
