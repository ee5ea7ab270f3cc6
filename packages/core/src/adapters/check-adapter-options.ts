import { readScope } from '../engine/scope.js';
import { ConfigurationError, ValidationError } from '../errors.js';

/** What an adapter requires of its options. */
export interface AdapterRequirements {
  /** The engine methods the adapter calls, e.g. `['search', 'add']`. */
  methods: readonly string[];
  /** A call that works, shown in the error, e.g. `"withMem0(model, { memory: new Memory(), userId: 'alice' })"`. */
  example: string;
  /** Whether `memory` may be left out (the adapter then uses a default engine). @default false */
  memoryOptional?: boolean;
}

/**
 * Checks an adapter's options when it is created, so misuse fails at once with a typed error that says how to fix
 * it, instead of a `TypeError` at the first call or a warning in a log:
 * - no options object, or no `memory` with the methods the adapter calls: `ConfigurationError` (code
 *   `configuration`);
 * - fixed scope fields that are not valid ids, `store`, `limit`, `threshold`, `maxCharacters`, `awaitStorage`,
 *   `onError`, `waitUntil` of the wrong kind: `ValidationError` (code `validation`) naming the option.
 */
export function checkAdapterOptions(adapter: string, options: unknown, requirements: AdapterRequirements): void {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`${adapter}: pass an options object, e.g. ${requirements.example}`);
  }
  const values = options as Record<string, unknown>;
  const memory = values.memory;
  if (memory === undefined && requirements.memoryOptional === true) {
    // the adapter's default engine is used
  } else if (typeof memory !== 'object' || memory === null) {
    throw new ConfigurationError(
      `${adapter}: options.memory is required: the memzero engine, e.g. ${requirements.example} ` +
        "with Memory from '@memzero/core'",
    );
  } else {
    const missing = requirements.methods.filter(
      (method) => typeof (memory as Record<string, unknown>)[method] !== 'function',
    );
    if (missing.length > 0) {
      throw new ConfigurationError(
        `${adapter}: options.memory has no ${missing.map((method) => `${method}()`).join(', ')}; pass the memzero ` +
          "engine (new Memory() from '@memzero/core') or an object with the same methods",
      );
    }
  }
  readScope(values, adapter, false);
  const store = values.store;
  if (store !== undefined && store !== 'turn' && store !== 'user' && store !== false) {
    throw new ValidationError(`${adapter}.store`, "must be 'turn', 'user' or false");
  }
  checkNumber(adapter, values, 'limit', 1, 1000, true);
  checkNumber(adapter, values, 'threshold', 0, 1, false);
  checkNumber(adapter, values, 'maxCharacters', 1, Number.MAX_SAFE_INTEGER, true);
  for (const key of ['retrieve', 'awaitStorage', 'infer'] as const) {
    if (values[key] !== undefined && typeof values[key] !== 'boolean') {
      throw new ValidationError(`${adapter}.${key}`, 'must be true or false');
    }
  }
  for (const key of ['onError', 'waitUntil'] as const) {
    if (values[key] !== undefined && typeof values[key] !== 'function') {
      throw new ValidationError(`${adapter}.${key}`, 'must be a function');
    }
  }
}

function checkNumber(
  adapter: string,
  values: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
): void {
  const value = values[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new ValidationError(`${adapter}.${key}`, `must be a number from ${min} to ${max}`);
  }
  if (integer && !Number.isInteger(value)) throw new ValidationError(`${adapter}.${key}`, 'must be a whole number');
}
