import { ModelCallError } from '@memzero/core';
import { APICallError, RetryError } from 'ai';

/**
 * Turns an AI SDK failure into core's `ModelCallError`, keeping the HTTP status, retryability and the original error
 * as `cause`. The message names the error type only: provider messages can echo the request, which holds memory text.
 */
export function toModelCallError(provider: string, operation: string, error: unknown): ModelCallError {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  const status = APICallError.isInstance(last) ? last.statusCode : undefined;
  const isRetryable = APICallError.isInstance(last) ? last.isRetryable : false;
  const kind = last instanceof Error ? last.name : typeof last;
  const hint =
    status === 401 || status === 403
      ? 'check the API key of this provider'
      : 'check the model id, the provider credentials and network access, or see `cause`';
  return new ModelCallError(
    provider,
    `${operation} failed (${kind}${status === undefined ? '' : `, HTTP ${status}`}); ${hint}`,
    { cause: error, isRetryable, ...(status === undefined ? {} : { status }) },
  );
}

/** True for the error an aborted request rejects with: passed through unchanged so callers see their abort. */
export function isAbortError(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

/** `provider:modelId` of a model object, or the id itself for gateway strings. */
export function modelName(model: string | { provider: string; modelId: string }): string {
  return typeof model === 'string' ? model : `${model.provider}:${model.modelId}`;
}
