/** How a store retries failed calls. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  retries?: number;
  /** Delay before the first retry; doubles each time, with full jitter. @default 50 */
  baseDelayMs?: number;
  /** Upper bound of one delay. @default 2000 */
  maxDelayMs?: number;
}

/**
 * Runs `task`, retrying while `isRetryable(error)` holds, with exponential backoff and full jitter (so many clients
 * hitting a 429 do not retry in lockstep).
 */
export async function withRetries<T>(
  task: (attempt: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  const base = options.baseDelayMs ?? 50;
  const max = options.maxDelayMs ?? 2000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error)) throw error;
      const ceiling = Math.min(max, base * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
    }
  }
}

/** Network failures and timeouts: the request may not have reached the service. */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return (
    (error.name === 'TypeError' && /fetch failed|network|socket/i.test(error.message)) ||
    (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code))
  );
}
