import type { Requester, UpstashRequest, UpstashResponse } from '@upstash/vector';
import { isNetworkError, type RetryOptions, withRetries } from '../shared/retry-policy.js';

/** An HTTP answer outside 2xx, with its status kept (the SDK's own transport drops it). */
export class UpstashHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstashHttpError';
  }
}

export interface HttpRequesterOptions {
  url: string;
  token: string;
  timeoutMs: number;
  retry: RetryOptions;
  /** Called once per HTTP attempt, with the endpoint (`query`, `upsert`, ...). */
  onRequest?: (endpoint: string) => void;
}

/** Whether a failed Upstash call may succeed if repeated: rate limits, server errors, network errors, timeouts. */
export function isRetryableUpstashError(error: unknown): boolean {
  if (error instanceof UpstashHttpError) return error.status === 429 || error.status >= 500;
  return isNetworkError(error);
}

/**
 * The transport we give the official `@upstash/vector` `Index`: the same wire protocol as the SDK's own (POST
 * `{url}/{endpoint}`, bearer token, JSON body), plus a timeout per attempt and retries with backoff on 429, 5xx and
 * network errors (the SDK retries only network errors and loses the HTTP status). Every Upstash Vector command is
 * idempotent (upserts and deletes by id), so retrying is safe.
 */
export function createHttpRequester(options: HttpRequesterOptions): Requester {
  const baseUrl = options.url.replace(/\/+$/, '');
  return {
    request: <TResult>(request: UpstashRequest): Promise<UpstashResponse<TResult>> =>
      withRetries(
        async () => {
          const path = (request.path ?? []).join('/');
          options.onRequest?.(path.split('/')[0] ?? path);
          const response = await fetch(`${baseUrl}/${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(request.body ?? []),
            signal: AbortSignal.timeout(options.timeoutMs),
          });
          const text = await response.text();
          let body: { result?: TResult; error?: string } = {};
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            if (response.ok) throw new UpstashHttpError(502, 'the response was not JSON');
          }
          if (!response.ok) {
            throw new UpstashHttpError(response.status, body.error ?? `HTTP ${response.status}`);
          }
          return body.error === undefined
            ? { result: body.result as TResult }
            : { result: body.result as TResult, error: body.error };
        },
        isRetryableUpstashError,
        options.retry,
      ),
  };
}
