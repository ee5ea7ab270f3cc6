import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, delay, type JsonReply, serveJson } from './http-server.js';
import { matchesFilter } from './vector/filter-language.js';
import { asObject, mergePatch, pick } from './vector/json-utils.js';
import {
  compileFilter,
  type EmulatedEmbeddingModel,
  type EmulatedIndexConfig,
  project,
  runQuery,
  ServiceError,
  toStoredVector,
} from './vector/vector-commands.js';
import { type SparseVector, VectorNamespace } from './vector/vector-namespace.js';
import type { SimilarityFunction } from './vector/vector-scoring.js';

export interface UpstashVectorEmulatorOptions {
  /** The REST token clients must present. @default a random UUID */
  token?: string;
  /** @default a free port */
  port?: number;
  /** @default 'HYBRID' */
  indexType?: 'DENSE' | 'SPARSE' | 'HYBRID';
  /** Dense dimension. @default fixed by the first dense upsert */
  dimension?: number;
  /** @default 'COSINE' */
  similarityFunction?: SimilarityFunction;
  /** Hosted dense model for `upsert-data` / `query-data` (any function: real BGE scores cannot be reproduced). */
  denseEmbeddingModel?: EmulatedEmbeddingModel<number[]>;
  /** Hosted sparse model for `upsert-data` / `query-data`. */
  sparseEmbeddingModel?: EmulatedEmbeddingModel<SparseVector>;
  /** Delay before upserts, updates and deletes become visible to query, range and filtered delete (never to fetch). @default 0 */
  visibilityDelayMs?: number;
  /** Latency added to every request. @default 0 */
  latencyMs?: number;
  /** @default 1000 */
  maxTopK?: number;
  /** How many namespaces the plan allows (Free: 100). @default 10000 */
  maxNamespaces?: number;
  /**
   * Answer reads and deletes on a namespace nothing was upserted into with 404 "Namespace ... does not exist" (the
   * service's wording for missing namespaces) instead of an empty result. @default false
   */
  strictNamespaces?: boolean;
}

/** A running emulator and its knobs. */
export interface UpstashVectorEmulator {
  url: string;
  token: string;
  /** HTTP requests per endpoint (`upsert`, `query`, `fetch`, ...) since the last reset. */
  stats(): { requests: Record<string, number>; total: number };
  resetStats(): void;
  setLatency(ms: number): void;
  setVisibilityDelay(ms: number): void;
  /** Makes every pending write visible to queries now. */
  flush(): void;
  /** The next `count` requests (to `endpoint` only, when given, e.g. `upsert`) fail with `status` (e.g. 429, 503). */
  failNextRequests(count: number, status?: number, endpoint?: string): void;
  /** Direct read access to a namespace's committed records (for assertions). */
  records(namespace?: string): Array<{ id: string; metadata?: Record<string, unknown>; data?: string }>;
  close(): Promise<void>;
}

/**
 * An Upstash Vector HTTP emulator faithful to what `@upstash/vector` sends and expects (see the reference's §3.3):
 * `POST /{command}[/{namespace}]`, `{ result }` or `{ error, status }`, exact brute-force search, Upstash's filter
 * language, sparse + IDF, RRF/DBSF fusion, and a visibility delay that models asynchronous indexing.
 */
export async function startUpstashVectorEmulator(
  options: UpstashVectorEmulatorOptions = {},
): Promise<UpstashVectorEmulator> {
  const token = options.token ?? randomUUID();
  const config: EmulatedIndexConfig = {
    indexType: options.indexType ?? 'HYBRID',
    dimension: options.dimension,
    similarityFunction: options.similarityFunction ?? 'COSINE',
    maxTopK: options.maxTopK ?? 1000,
  };
  if (options.denseEmbeddingModel) config.denseModel = options.denseEmbeddingModel;
  if (options.sparseEmbeddingModel) config.sparseModel = options.sparseEmbeddingModel;
  const maxNamespaces = options.maxNamespaces ?? 10_000;
  let visibilityDelayMs = options.visibilityDelayMs ?? 0;
  let latencyMs = options.latencyMs ?? 0;
  let failures: { count: number; status: number; endpoint?: string } = { count: 0, status: 503 };
  let requests: Record<string, number> = {};
  const namespaces = new Map<string, VectorNamespace>([['', new VectorNamespace()]]);
  /** Resumable queries: the rest of a ranked list, by uuid, with an idle deadline. */
  const resumable = new Map<string, { rest: unknown[]; maxIdleMs: number; expiresAt: number }>();

  const namespaceFor = (name: string, create: boolean): VectorNamespace => {
    let namespace = namespaces.get(name);
    if (namespace) return namespace;
    if (!create) throw new ServiceError(404, `Namespace ${name} for the index emulator does not exist`);
    if (namespaces.size >= maxNamespaces) throw new ServiceError(400, `Max namespace count (${maxNamespaces}) reached`);
    namespace = new VectorNamespace();
    namespaces.set(name, namespace);
    return namespace;
  };
  const emptyNamespace = new VectorNamespace();
  const existing = (name: string): VectorNamespace =>
    namespaces.get(name) ?? (options.strictNamespaces ? namespaceFor(name, false) : emptyNamespace);

  const commands: Record<string, (body: unknown, namespace: string, url: URL) => unknown> = {
    upsert: (body, name) => upsert(body, name, false),
    'upsert-data': (body, name) => upsert(body, name, true),
    query: (body, name) => query(body, name, false),
    'query-data': (body, name) => query(body, name, true),
    fetch: (body, name) => {
      const request = asObject(body);
      const namespace = existing(name);
      if (request.ids !== undefined && request.prefix !== undefined) {
        throw new ServiceError(400, 'Only one of ids or prefix must be provided.');
      }
      if (typeof request.prefix === 'string') {
        const prefix = request.prefix;
        return [...namespace.committed.values()]
          .filter((stored) => stored.id.startsWith(prefix))
          .sort((left, right) => (left.id < right.id ? -1 : 1))
          .slice(0, 1000)
          .map((stored) => project(stored, request));
      }
      const ids = Array.isArray(body) ? body : Array.isArray(request.ids) ? request.ids : [];
      return ids.map((id) => {
        const stored = namespace.committed.get(String(id));
        return stored ? project(stored, request) : null;
      });
    },
    range: (body, name) => {
      const request = asObject(body);
      const limit = typeof request.limit === 'number' ? request.limit : 10;
      const prefix = typeof request.prefix === 'string' ? request.prefix : '';
      const start = Number(request.cursor ?? 0) || 0;
      const all = [...existing(name).visible().values()]
        .filter((stored) => stored.id.startsWith(prefix))
        .sort((left, right) => (left.id < right.id ? -1 : 1));
      const page = all.slice(start, start + limit);
      const next = start + page.length;
      return {
        nextCursor: next >= all.length ? '' : String(next),
        vectors: page.map((stored) => project(stored, request)),
      };
    },
    delete: (body, name) => {
      const request =
        Array.isArray(body) || typeof body === 'string' || typeof body === 'number' ? { ids: body } : asObject(body);
      const selectors = ['ids', 'prefix', 'filter'].filter((key) => request[key] !== undefined);
      if (selectors.length !== 1)
        throw new ServiceError(400, 'Only and only one of the ids, prefix, or filter must be provided.');
      const namespace = existing(name);
      let ids: string[];
      if (request.ids !== undefined) {
        ids = (Array.isArray(request.ids) ? request.ids : [request.ids])
          .map(String)
          .filter((id) => namespace.committed.has(id));
      } else if (typeof request.prefix === 'string') {
        const prefix = request.prefix;
        ids = [...namespace.committed.keys()].filter((id) => id.startsWith(prefix));
      } else {
        const filter = compileFilter(request.filter);
        ids = [...namespace.visible().values()]
          .filter((stored) => filter && matchesFilter(filter, stored.metadata ?? {}))
          .map((stored) => stored.id)
          .filter((id) => namespace.committed.has(id));
      }
      for (const id of ids) namespace.write(id, undefined, visibilityDelayMs);
      return { deleted: ids.length };
    },
    update: (body, name) => {
      const request = asObject(body);
      const namespace = existing(name);
      const current = namespace.committed.get(String(request.id));
      if (!current) return { updated: 0 };
      const next = structuredClone(current);
      if (typeof request.data === 'string') {
        next.data = request.data;
        if (config.denseModel) next.vector = config.denseModel.embed(request.data);
        if (config.sparseModel) next.sparseVector = config.sparseModel.embed(request.data);
      }
      if (request.vector !== undefined || request.sparseVector !== undefined) {
        const replaced = toStoredVector({ ...current, ...pick(request, ['vector', 'sparseVector']) }, config, false);
        if (replaced.vector) next.vector = replaced.vector;
        if (replaced.sparseVector) next.sparseVector = replaced.sparseVector;
      }
      if (request.metadata !== undefined) {
        next.metadata =
          request.metadataUpdateMode === 'PATCH'
            ? (mergePatch(current.metadata ?? {}, request.metadata) as Record<string, unknown>)
            : structuredClone(asObject(request.metadata));
      }
      namespace.write(next.id, next, visibilityDelayMs);
      return { updated: 1 };
    },
    reset: (_body, name, url) => {
      if (url.searchParams.has('all')) for (const namespace of namespaces.values()) namespace.clear();
      else existing(name).clear();
      return 'Success';
    },
    info: () => {
      const perNamespace: Record<string, { vectorCount: number; pendingVectorCount: number }> = {};
      let vectorCount = 0;
      let pendingVectorCount = 0;
      for (const [name, namespace] of namespaces) {
        const counts = { vectorCount: namespace.visible().size, pendingVectorCount: namespace.pendingCount };
        perNamespace[name] = counts;
        vectorCount += counts.vectorCount;
        pendingVectorCount += counts.pendingVectorCount;
      }
      const denseIndex = {
        dimension: config.dimension ?? 0,
        similarityFunction: config.similarityFunction,
        ...(config.denseModel ? { embeddingModel: config.denseModel.name } : {}),
      };
      return {
        vectorCount,
        pendingVectorCount,
        indexSize: vectorCount * 64,
        dimension: config.dimension ?? 0,
        similarityFunction: config.similarityFunction,
        indexType: config.indexType,
        ...(config.indexType !== 'SPARSE' ? { denseIndex } : {}),
        ...(config.indexType !== 'DENSE'
          ? { sparseIndex: config.sparseModel ? { embeddingModel: config.sparseModel.name } : {} }
          : {}),
        namespaces: perNamespace,
      };
    },
    'resumable-query': (body, name) => startResumable(body, name, false),
    'resumable-query-data': (body, name) => startResumable(body, name, true),
    'resumable-query-next': (body) => {
      const request = asObject(body);
      const state = resumable.get(String(request.uuid));
      if (!state || state.expiresAt < Date.now()) throw new ServiceError(404, 'Resumable query not found or expired');
      state.expiresAt = Date.now() + state.maxIdleMs;
      return state.rest.splice(0, typeof request.additionalK === 'number' ? request.additionalK : 10);
    },
    'resumable-query-end': (body) => {
      if (!resumable.delete(String(asObject(body).uuid))) throw new ServiceError(404, 'Resumable query not found');
      return 'Success';
    },
    random: (_body, name) => {
      const all = [...existing(name).visible().values()];
      const picked = all[Math.floor(Math.random() * all.length)];
      return picked ? project(picked, { includeMetadata: true, includeData: true, includeVectors: true }) : null;
    },
    'rename-namespace': (body) => {
      const request = asObject(body);
      const from = String(request.namespace ?? '');
      const to = String(request.newNamespace ?? '');
      const namespace = namespaces.get(from);
      if (from === '' || !namespace)
        throw new ServiceError(404, `Namespace ${from} for the index emulator does not exist`);
      if (namespaces.has(to) && request.deleteExisting !== true)
        throw new ServiceError(400, `Namespace ${to} already exists`);
      namespaces.delete(from);
      namespaces.set(to, namespace);
      return { renamed: 1 };
    },
    'list-namespaces': () => [...namespaces.keys()],
    'delete-namespace': (_body, name) => {
      if (name === '') throw new ServiceError(400, 'The default namespace cannot be deleted');
      if (!namespaces.delete(name))
        throw new ServiceError(404, `Namespace ${name} for the index emulator does not exist`);
      return 'Success';
    },
  };

  function upsert(body: unknown, name: string, embedData: boolean): string {
    const items = (Array.isArray(body) ? body : [body]).map((item) => toStoredVector(item, config, embedData));
    const namespace = namespaceFor(name, true);
    for (const item of items) namespace.write(item.id, item, visibilityDelayMs);
    return 'Success';
  }

  function startResumable(body: unknown, name: string, embedData: boolean): unknown {
    const request = asObject(body);
    const topK = typeof request.topK === 'number' ? request.topK : 10;
    const ranked = runQuery({ ...request, topK: config.maxTopK }, existing(name), config, embedData);
    const uuid = randomUUID();
    const maxIdleMs = (typeof request.maxIdle === 'number' ? request.maxIdle : 3600) * 1000;
    resumable.set(uuid, { rest: ranked.slice(topK), maxIdleMs, expiresAt: Date.now() + maxIdleMs });
    return { uuid, scores: ranked.slice(0, topK) };
  }

  function query(body: unknown, name: string, embedData: boolean): unknown {
    const namespace = existing(name);
    if (!Array.isArray(body)) return runQuery(body, namespace, config, embedData);
    const results = body.map((item) => runQuery(item, namespace, config, embedData));
    // The service answers a one-query batch with a flat list (the SDK >= 1.2.3 normalises it).
    return results.length === 1 ? results[0] : results;
  }

  const handle = async (request: IncomingMessage, raw: string): Promise<JsonReply> => {
    if (latencyMs > 0) await delay(latencyMs);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, command = '', ...rest] = url.pathname.split('/');
    requests[command] = (requests[command] ?? 0) + 1;
    if (bearerToken(request) !== token) return { status: 401, body: { error: 'Unauthorized', status: 401 } };
    if (failures.count > 0 && (failures.endpoint === undefined || failures.endpoint === command)) {
      failures.count--;
      return {
        status: failures.status,
        body: { error: `injected failure (HTTP ${failures.status})`, status: failures.status },
      };
    }
    const handler = commands[command];
    if (!handler) return { status: 404, body: { error: `Unknown endpoint /${command}`, status: 404 } };
    try {
      const body = raw.length > 0 ? JSON.parse(raw) : undefined;
      const result = handler(body, rest.map(decodeURIComponent).join('/'), url);
      return { status: 200, body: { result } };
    } catch (error) {
      if (error instanceof ServiceError)
        return { status: error.status, body: { error: error.message, status: error.status } };
      if (error instanceof SyntaxError) return { status: 400, body: { error: 'Invalid JSON body', status: 400 } };
      throw error;
    }
  };

  const server = await serveJson(handle, options.port);
  return {
    url: server.url,
    token,
    stats: () => ({ requests: { ...requests }, total: Object.values(requests).reduce((sum, count) => sum + count, 0) }),
    resetStats: () => {
      requests = {};
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setVisibilityDelay: (ms) => {
      visibilityDelayMs = ms;
    },
    flush: () => {
      for (const namespace of namespaces.values()) namespace.visible(true);
    },
    failNextRequests: (count, status = 503, endpoint) => {
      failures = endpoint === undefined ? { count, status } : { count, status, endpoint };
    },
    records: (name = '') =>
      [...existing(name).committed.values()].map((stored) => ({
        id: stored.id,
        ...(stored.metadata ? { metadata: stored.metadata } : {}),
        ...(stored.data !== undefined ? { data: stored.data } : {}),
      })),
    close: () => server.close(),
  };
}
