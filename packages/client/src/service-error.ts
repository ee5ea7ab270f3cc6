import { StoreError } from '@memzero/core';

/**
 * The service refused or failed a call for a reason of its own (wrong key 401, app restriction 403, body too large
 * 413, rate limit 429, unsupported feature 501, server or network failure). Validation and not-found answers are
 * thrown as the engine's own `ValidationError`, `MissingScopeError`, `FilterError` and `NotFoundError` instead, so
 * code handling them works the same against `new Memory()` and the service.
 */
export class ServiceError extends StoreError {
  /** HTTP status; 0 when the service could not be reached. */
  readonly status: number;
  /** The service's stable error code (`unauthorized`, `rate_limited`, ...), or `network`. */
  readonly serviceCode: string;

  constructor(
    operation: string,
    status: number,
    serviceCode: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super('memzero-service', operation, message, {
      ...options,
      isRetryable: status === 0 || status === 429 || status === 502 || status === 503 || status === 504,
    });
    this.name = 'ServiceError';
    this.status = status;
    this.serviceCode = serviceCode;
  }
}
