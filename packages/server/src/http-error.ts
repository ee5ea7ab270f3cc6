import { MemoryError, ValidationError } from '@memzero/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable `code` values of the service's own error responses (besides the engine's `MemoryErrorCode`s). */
export type ServiceErrorCode =
  | 'unauthorized'
  | 'forbidden_scope'
  | 'invalid_json'
  | 'payload_too_large'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'unsupported'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/**
 * The body of every error response. Mem0's platform answers errors with `{ detail }` (Django REST Framework), which
 * Mem0's clients show as the message; `code` is stable and `path` names the field at fault.
 */
export interface ErrorBody {
  detail: string;
  code: ServiceErrorCode | MemoryError['code'];
  path?: string;
  retryable?: boolean;
}

/** An error answered with its status and body as is. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ServiceErrorCode | MemoryError['code'],
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const statusByCode: Partial<Record<MemoryError['code'], ContentfulStatusCode>> = {
  validation: 400,
  missing_scope: 400,
  invalid_filter: 400,
  not_found: 404,
  conflict: 409,
  model_call: 502,
  model_output: 502,
  store_call: 503,
  configuration: 500,
};

/** Status and body for any error. Unknown errors become a 500 that says nothing about the data. */
export function describeError(error: unknown): ErrorBody & { status: ContentfulStatusCode } {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(error.path ? { path: error.path } : {}),
    };
  }
  if (MemoryError.isInstance(error)) {
    return {
      status: statusByCode[error.code] ?? 500,
      detail: error.message,
      code: error.code,
      ...(ValidationError.isInstance(error) ? { path: error.path } : {}),
      ...(error.isRetryable ? { retryable: true } : {}),
    };
  }
  return { status: 500, detail: 'the server failed to handle the request; see the server logs', code: 'internal' };
}

/** The response for any error thrown by a route. */
export function errorResponse(context: Context, error: unknown): Response {
  const { status, ...body } = describeError(error);
  return context.json(body, status);
}

/** A typed error response. */
export function send(
  context: Context,
  status: ContentfulStatusCode,
  code: ErrorBody['code'],
  detail: string,
): Response {
  return context.json({ detail, code } satisfies ErrorBody, status);
}
