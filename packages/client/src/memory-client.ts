import {
  type AddOptions,
  type AddResult,
  type DeleteOptions,
  type DeleteResult,
  FilterError,
  type GetAllOptions,
  type GetAllResult,
  type HistoryEntry,
  type MemoryRecord,
  type MessageInput,
  MissingScopeError,
  NotFoundError,
  type Scope,
  type SearchOptions,
  type SearchResult,
  type UpdateInput,
  ValidationError,
} from '@memzero/core';
import { ServiceError } from './service-error.js';
import { scopeFields, toEvent, toHistoryEntry, toHit, toRecord, toUsage } from './wire.js';

/** Options of {@link MemoryClient}. */
export interface MemoryClientOptions {
  /** Base URL of the service, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** An API key of the service (sent as `Authorization: Token <key>`). */
  apiKey: string;
  /** The fetch to use (a test double, or one with a proxy agent). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Timeout of one request, in milliseconds. @default 60000 */
  timeoutMs?: number;
}

type Json = Record<string, unknown>;
interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * The memzero service from any runtime with `fetch` (browsers, edge, Node), with the engine's method names, options
 * and result types: code written against `new Memory()` runs against the service by changing that one line.
 * Errors are the engine's typed errors (`ValidationError`, `MissingScopeError`, `FilterError`, `NotFoundError`) or a
 * {@link ServiceError} (auth, rate limit, network). Not available remotely: `reset`, `reconcile`, `messages`.
 */
export class MemoryClient {
  private readonly baseUrl: string;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: MemoryClientOptions) {
    if (typeof options?.url !== 'string' || !/^https?:\/\//.test(options.url)) {
      throw new ValidationError('url', 'pass the service URL, e.g. http://127.0.0.1:8080');
    }
    if (typeof options.apiKey !== 'string' || options.apiKey.length === 0) {
      throw new ValidationError('apiKey', 'pass an API key of the service');
    }
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Extracts facts from messages and applies ADD / UPDATE / DELETE / NONE decisions in the scope. */
  async add(messages: MessageInput, options: AddOptions): Promise<AddResult> {
    const json = await this.request('add', 'POST', '/v3/memories/add/', {
      signal: options.signal,
      body: {
        messages: typeof messages === 'string' || Array.isArray(messages) ? messages : [messages],
        ...scopeFields(options),
        async_mode: false,
        metadata: options.metadata,
        infer: options.infer,
        expiration_date:
          options.expirationDate instanceof Date ? options.expirationDate.toISOString() : options.expirationDate,
        custom_instructions: options.customInstructions,
        prompt: options.prompt,
        memory_type: options.memoryType,
        context_window: options.contextWindow,
        timestamp: options.timestamp instanceof Date ? options.timestamp.toISOString() : options.timestamp,
        conversation_id: options.conversationId,
        time_zone: options.timeZone,
      },
    });
    return {
      results: (json.results as Json[]).map(toEvent),
      warnings: (json.warnings as AddResult['warnings']) ?? [],
      usage: toUsage(json.usage as Json),
    };
  }

  /** Memories of the scope most relevant to `query`, best first. */
  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    const json = await this.request('search', 'POST', '/v3/memories/search/', {
      signal: options.signal,
      body: {
        query,
        ...scopeFields(options),
        limit: options.limit ?? options.topK,
        threshold: options.threshold,
        filters: options.filters,
        rerank: options.rerank,
        show_expired: options.includeExpired,
      },
    });
    return {
      results: (json.results as Json[]).map(toHit),
      warnings: (json.warnings as SearchResult['warnings']) ?? [],
      usage: toUsage(json.usage as Json),
    };
  }

  /** One memory by id, or null. With a scope, a memory of another scope is null too. */
  async get(id: string, scope?: Scope): Promise<MemoryRecord | null> {
    try {
      return toRecord(await this.request('get', 'GET', `/v1/memories/${encode(id)}/`, { query: scopeQuery(scope) }));
    } catch (error) {
      if (NotFoundError.isInstance(error)) return null;
      throw error;
    }
  }

  /** Current memories of a scope in stable order, a page at a time (`nextCursor`). */
  async getAll(options: GetAllOptions): Promise<GetAllResult> {
    const json = await this.request('getAll', 'POST', '/v3/memories/', {
      body: {
        ...scopeFields(options),
        limit: options.limit ?? options.topK ?? 100,
        cursor: options.cursor,
        filters: options.filters,
        include_invalidated: options.includeInvalidated,
        show_expired: options.includeExpired,
      },
    });
    return {
      results: (json.results as Json[]).map(toRecord),
      ...(typeof json.next_cursor === 'string' ? { nextCursor: json.next_cursor } : {}),
      usage: toUsage(undefined),
    };
  }

  /** Changes a memory's text, metadata or expiration; the previous text stays in `history(id)`. */
  async update(id: string, input: string | UpdateInput, scope?: Scope): Promise<MemoryRecord> {
    const change = typeof input === 'string' ? { text: input } : input;
    const expiration = change?.expirationDate;
    const json = await this.request('update', 'PUT', `/v1/memories/${encode(id)}/`, {
      query: scopeQuery(scope),
      body: {
        text: change?.text,
        metadata: change?.metadata,
        ...(expiration === undefined
          ? {}
          : { expiration_date: expiration instanceof Date ? expiration.toISOString() : expiration }),
      },
    });
    return toRecord(json);
  }

  /** Removes a memory (its history keeps a DELETE entry unless `purge`). */
  async delete(id: string, options?: DeleteOptions): Promise<DeleteResult> {
    const json = await this.request('delete', 'DELETE', `/v1/memories/${encode(id)}/`, {
      query: { ...scopeQuery(options), ...(options?.purge ? { purge: 'true' } : {}) },
    });
    return { deleted: json.deleted as string[] };
  }

  /** Removes every memory of a scope (and only of it). */
  async deleteAll(options: Scope & { purge?: boolean }): Promise<DeleteResult> {
    const json = await this.request('deleteAll', 'DELETE', '/v1/memories/', {
      query: { ...scopeQuery(options), ...(options?.purge ? { purge: 'true' } : {}) },
    });
    return { deleted: json.deleted as string[] };
  }

  /** Every change of a memory, oldest first. */
  async history(id: string): Promise<HistoryEntry[]> {
    const json = await this.request('history', 'GET', `/v1/memories/${encode(id)}/history/`);
    return (json as unknown as Json[]).map(toHistoryEntry);
  }

  private async request(operation: string, method: string, path: string, request: RequestOptions = {}): Promise<Json> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, value);
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    let response: Response;
    try {
      response = await this.fetcher(url, {
        method,
        headers: {
          Authorization: `Token ${this.options.apiKey}`,
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new ServiceError(operation, 0, 'network', 'the service could not be reached', { cause: error });
    }
    const text = await response.text();
    let json: Json = {};
    try {
      json = text ? (JSON.parse(text) as Json) : {};
    } catch {
      if (response.ok)
        throw new ServiceError(operation, response.status, 'invalid_response', 'the service answered non-JSON');
    }
    if (!response.ok) throw errorFrom(operation, response.status, json);
    return json;
  }
}

/** The engine's typed error for an error answer. */
function errorFrom(operation: string, status: number, body: Json): Error {
  const code = typeof body.code === 'string' ? body.code : `http_${status}`;
  const detail = typeof body.detail === 'string' ? body.detail : `HTTP ${status}`;
  const path = typeof body.path === 'string' ? body.path : operation;
  const message = detail.startsWith(`${path}: `) ? detail.slice(path.length + 2) : detail;
  if (code === 'missing_scope') return new MissingScopeError(operation);
  if (code === 'invalid_filter') return new FilterError(path, message);
  if (code === 'validation' || (status === 400 && code !== 'invalid_json')) return new ValidationError(path, message);
  if (code === 'not_found' && status === 404) return new NotFoundError(idFrom(detail));
  return new ServiceError(operation, status, code, detail);
}

function idFrom(detail: string): string {
  return /id "([^"]*)"/.exec(detail)?.[1] ?? '';
}

function scopeQuery(scope: Scope | undefined): Record<string, string | undefined> {
  return scopeFields(scope) as Record<string, string | undefined>;
}

function encode(id: string): string {
  return encodeURIComponent(id);
}
