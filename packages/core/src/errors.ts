const marker = Symbol.for('memzero.error');
const kinds = Symbol.for('memzero.error.kinds');

/** Stable error codes. */
export type MemoryErrorCode =
  | 'configuration'
  | 'validation'
  | 'missing_scope'
  | 'invalid_filter'
  | 'not_found'
  | 'model_call'
  | 'model_output'
  | 'store_call'
  | 'conflict';

export interface MemoryErrorOptions {
  cause?: unknown;
  /** Whether the same call may succeed if repeated. @default false */
  isRetryable?: boolean;
}

/**
 * Base of every error memzero throws. Messages say what is wrong and how to fix it, and never contain memory text,
 * message content or secrets.
 */
export class MemoryError extends Error {
  readonly [marker] = true;
  /** Names of this error's classes, most derived first, so `isInstance` works across copies of the package. */
  readonly [kinds]: readonly string[];
  readonly code: MemoryErrorCode;
  readonly isRetryable: boolean;

  constructor(code: MemoryErrorCode, message: string, options: MemoryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MemoryError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    const names: string[] = [];
    for (
      let type: unknown = new.target;
      type !== Error && typeof type === 'function';
      type = Object.getPrototypeOf(type)
    ) {
      names.push((type as { name: string }).name);
    }
    this[kinds] = names;
  }

  /**
   * True when `error` is an error of this class or a subclass (`MemoryError.isInstance` for any memzero error,
   * `NotFoundError.isInstance` only for not-found errors), also across copies of the package.
   */
  static isInstance<T extends MemoryError>(this: abstract new (...args: never[]) => T, error: unknown): error is T {
    if (typeof error !== 'object' || error === null || !(marker in error)) return false;
    const names = (error as { [kinds]?: readonly string[] })[kinds];
    // biome-ignore lint/complexity/noThisInStatic: the class isInstance is called on decides the answer
    return this.name === 'MemoryError' || (names?.includes(this.name) ?? false);
  }
}

/** The configuration cannot work (unknown provider, missing key, bad option). */
export class ConfigurationError extends MemoryError {
  constructor(message: string, options?: MemoryErrorOptions) {
    super('configuration', message, options);
    this.name = 'ConfigurationError';
  }
}

/** The caller's input is invalid. Nothing was changed. */
export class ValidationError extends MemoryError {
  /** The option or argument at fault, e.g. `userId`, `filters.AND[0]`. */
  readonly path: string;
  constructor(path: string, message: string, code: MemoryErrorCode = 'validation') {
    super(code, `${path}: ${message}`);
    this.name = 'ValidationError';
    this.path = path;
  }
}

/** A write or scoped read without any of userId, agentId, runId, appId. */
export class MissingScopeError extends ValidationError {
  constructor(operation: string) {
    super(operation, 'pass at least one of userId, agentId, runId or appId', 'missing_scope');
    this.name = 'MissingScopeError';
  }
}

/** A filter that does not follow the DSL. */
export class FilterError extends ValidationError {
  constructor(path: string, message: string) {
    super(path, message, 'invalid_filter');
    this.name = 'FilterError';
  }
}

/** No memory with this id (in this scope). */
export class NotFoundError extends MemoryError {
  readonly id: string;
  constructor(id: string) {
    super('not_found', `no memory with id ${JSON.stringify(id.slice(0, 80))} in this scope`);
    this.name = 'NotFoundError';
    this.id = id;
  }
}

/**
 * The language model or embedder call failed. Its `cause` is never the provider's error itself: SDK errors carry
 * what the provider echoed (a 401 body with the API key, a 500 body with the prompt, request headers), and a
 * logged `cause` would print it. The cause is a {@link safeCause} summary instead (error name, HTTP status, an
 * identifier-like error code), whoever builds the error: core's OpenAI client or any bridge.
 */
export class ModelCallError extends MemoryError {
  readonly provider: string;
  readonly status?: number;
  constructor(provider: string, message: string, options: MemoryErrorOptions & { status?: number } = {}) {
    super('model_call', `${provider}: ${message}`, {
      ...options,
      ...(options.cause === undefined ? {} : { cause: safeCause(options.cause) }),
    });
    this.name = 'ModelCallError';
    this.provider = provider;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** The model answered, twice, with output that does not match the expected schema. */
export class ModelOutputError extends MemoryError {
  readonly provider: string;
  constructor(provider: string, message: string, options?: MemoryErrorOptions) {
    super('model_output', `${provider}: ${message}`, options);
    this.name = 'ModelOutputError';
    this.provider = provider;
  }
}

/** A store call failed. The message names the store and operation, never the data. */
export class StoreError extends MemoryError {
  readonly store: string;
  readonly operation: string;
  constructor(store: string, operation: string, message: string, options?: MemoryErrorOptions) {
    super('store_call', `${store}.${operation}: ${message}`, options);
    this.name = 'StoreError';
    this.store = store;
    this.operation = operation;
  }
}

/** A provider error reduced to what is safe to log: its name, HTTP status and error code, never its text. */
export interface SafeCause extends Error {
  /** HTTP status of the failed request, when there was one. */
  status?: number;
  /** The provider's error code when it looks like an identifier (`invalid_api_key`, `rate_limit_exceeded`). */
  code?: string;
}

/**
 * What may be kept of an error from outside memzero: a new `Error` with the same `name`, a message built only from
 * that name, the HTTP status and an identifier-like code, and those two as fields. Message, body, headers, request
 * and nested causes are dropped, because providers echo keys and prompts in them. memzero's own errors are kept as
 * they are (their messages and causes are already safe).
 */
export function safeCause(error: unknown): unknown {
  if (MemoryError.isInstance(error)) return error;
  const source = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const name = typeof source.name === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(source.name) ? source.name : 'Error';
  const statusValue = source.status ?? source.statusCode;
  const status = typeof statusValue === 'number' && Number.isInteger(statusValue) ? statusValue : undefined;
  const codeValue = source.code ?? source.type;
  const code = typeof codeValue === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(codeValue) ? codeValue : undefined;
  const details = [status === undefined ? '' : `HTTP ${status}`, code ?? ''].filter(Boolean).join(', ');
  const cause: SafeCause = new Error(
    `${name}${details ? ` (${details})` : ''}: details withheld (providers echo keys and prompts)`,
  );
  cause.name = name;
  if (status !== undefined) cause.status = status;
  if (code !== undefined) cause.code = code;
  return cause;
}
