import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { MemoryError, ModelCallError } from '../../errors.js';

/** What an error message may say about the failed call. */
export interface ModelCallContext {
  /** `openai:gpt-4.1-mini`, `groq:llama-3.3-70b-versatile`, ... */
  provider: string;
  /** Origin of the endpoint, without credentials. */
  origin: string;
  /** Environment variable holding the key, for the fix in auth errors. */
  apiKeyEnv: string;
  maxRetries: number;
  timeout: number;
}

/**
 * Turns an `openai` SDK error into a `ModelCallError`. The message is built only from the status, the error code
 * (when it looks like an identifier) and our own advice: never from the response body, which may echo the key or
 * the prompt. `cause` is a safe summary of the SDK error (see `safeCause`). A caller's abort is rethrown unchanged.
 */
export function toModelCallError(error: unknown, context: ModelCallContext, signal?: AbortSignal): unknown {
  if (MemoryError.isInstance(error)) return error;
  if (error instanceof APIUserAbortError || signal?.aborted) return signal?.reason ?? error;
  const { provider, origin } = context;
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelCallError(
      provider,
      `request to ${origin} timed out after ${context.timeout} ms and ${context.maxRetries} retries; raise timeout or check the server`,
      { cause: error, isRetryable: true },
    );
  }
  if (error instanceof APIConnectionError) {
    return new ModelCallError(
      provider,
      `could not connect to ${origin} (after ${context.maxRetries} retries); check baseURL and that the server is running`,
      { cause: error, isRetryable: true },
    );
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const code = safeCode(error.code) ?? safeCode(error.type);
    const label = code === undefined ? `HTTP ${status}` : `HTTP ${status}, ${code}`;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new ModelCallError(provider, `${describe(status, context)} (${label})`, {
      cause: error,
      isRetryable: retryable,
      status,
    });
  }
  return new ModelCallError(provider, `the call failed (${errorName(error)}); see cause`, { cause: error });
}

function describe(status: number, context: ModelCallContext): string {
  if (status === 401) return `authentication failed; check the API key (apiKey option or ${context.apiKeyEnv})`;
  if (status === 403) return 'permission denied; check that the key may use this model and project';
  if (status === 404) return `model or endpoint not found at ${context.origin}; check model and baseURL`;
  if (status === 400 || status === 422) {
    return "the server rejected the request; check the model name, and set jsonMode: 'off' if it does not support response_format";
  }
  if (status === 429) {
    return `rate limited after ${context.maxRetries} retries; lower the request rate or raise maxRetries`;
  }
  if (status >= 500) return `server error after ${context.maxRetries} retries; try again later or raise maxRetries`;
  return 'the request failed';
}

/** Error codes are identifiers like `invalid_api_key`; anything else might be body text, so it is dropped. */
function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z][a-z0-9_.-]{0,63}$/i.test(value) ? value : undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
