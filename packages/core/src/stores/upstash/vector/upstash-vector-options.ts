import type { Redis } from '@upstash/redis';
import type { Index } from '@upstash/vector';
import type { RetryOptions } from '../shared/retry-policy.js';
import type { LexicalOptions } from './sparse-terms.js';

/** Options of {@link createUpstashVectorStore}. */
export interface UpstashVectorStoreOptions {
  /** REST URL of the index. @default process.env.UPSTASH_VECTOR_REST_URL */
  url?: string;
  /** REST token of the index. @default process.env.UPSTASH_VECTOR_REST_TOKEN */
  token?: string;
  /**
   * A ready `@upstash/vector` client. Its own transport is used as is (the SDK retries only network errors and has
   * no timeout unless you gave it a `signal`), so `timeoutMs` and `retry` do not apply.
   */
  client?: Index;
  /**
   * The namespace for this application or environment (never one per end user: plans cap namespaces at 100 or
   * 10,000). Letters, digits and `_ : . -`, at most 64 characters; the SDK puts it in the URL unencoded.
   * @default '' (the default namespace)
   */
  namespace?: string;
  /**
   * Upstash Redis for the exact per-scope index that `list` and `deleteScope` read (a client, or `{ url, token }`).
   * Without it they fall back to filtered vector queries, which lag behind writes and see at most 1000 records
   * per scope. Recommended. `false` turns it off.
   * @default UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN when both are set, else none
   */
  redis?: Redis | { url: string; token: string } | false;
  /**
   * Prefix of the Redis keys of the scope index. Distinct from the coordination store's `memzero:` so resetting
   * one store never empties the other's keys. @default 'memzero-index:'
   */
  keyPrefix?: string;
  /**
   * `hybrid`: the index has a dense and a sparse part and the lexical signal is BM25 over sparse vectors.
   * `dense`: dense only (no lexical signal; the engine ranks on dense alone and warns).
   * @default 'hybrid'
   */
  indexType?: 'hybrid' | 'dense';
  /**
   * Let Upstash embed the text (an index created with embedding models): upserts send `data`, queries send the
   * query text, and the engine's vectors are not used. Scores then come from Upstash's models.
   * @default false
   */
  hostedEmbeddings?: boolean;
  /** BM25 parameters of the sparse vectors. */
  lexical?: LexicalOptions;
  /** Timeout of one HTTP attempt. @default 10000 */
  timeoutMs?: number;
  /** Retries on 429, 5xx and network errors. @default { retries: 3, baseDelayMs: 50, maxDelayMs: 2000 } */
  retry?: RetryOptions;
  /** How many more candidates to ask for when part of a filter is applied after the query. @default 4 */
  oversample?: number;
  /** Called for every HTTP attempt (endpoint name), e.g. to count requests. */
  onRequest?: (endpoint: string) => void;
}
