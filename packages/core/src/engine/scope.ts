import { MissingScopeError, ValidationError } from '../errors.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import { type Scope, scopeKeys } from '../spec/scope.js';

const maxScopeLength = 256;
// Control characters and separators are refused so ids are safe in keys, URLs and filter strings.
const forbidden = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/**
 * Reads and validates the scope fields of an options object (camelCase or snake_case): strings of 1..256
 * characters without control characters, trimmed. A field that is present but `null`, blank or not a string is an
 * error, never "absent": a missing session id must not silently widen a call to a broader scope. At least one field
 * is required unless `required` is false.
 */
export function readScope(options: unknown, operation: string, required = true): Scope {
  const scope: Scope = {};
  const source = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  for (const key of scopeKeys) {
    const value = source[key] !== undefined ? source[key] : source[snakeCase(key)];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new ValidationError(`${operation}.${key}`, 'must be a string, or left out');
    const trimmed = value.trim();
    if (trimmed.length === 0) throw new ValidationError(`${operation}.${key}`, 'must not be empty');
    if (trimmed.length > maxScopeLength) {
      throw new ValidationError(`${operation}.${key}`, `must be at most ${maxScopeLength} characters`);
    }
    if (forbidden.test(trimmed))
      throw new ValidationError(`${operation}.${key}`, 'must not contain control characters');
    scope[key] = trimmed;
  }
  if (required && Object.keys(scope).length === 0) throw new MissingScopeError(operation);
  return scope;
}

/**
 * The scope of one call from several sources (adapter options, per-call options, a framework's run context), the
 * first source that sets a field winning; each source is validated like {@link readScope}. Adapters order the
 * sources to say who may override whom. Throws `MissingScopeError` naming `operation` when no field is set.
 */
export function resolveScope(operation: string, sources: ReadonlyArray<unknown>): Scope {
  const scope: Scope = {};
  for (const source of sources) {
    const read = readScope(source, operation, false);
    for (const key of scopeKeys) if (scope[key] === undefined && read[key] !== undefined) scope[key] = read[key];
  }
  if (Object.keys(scope).length === 0) throw new MissingScopeError(operation);
  return scope;
}

/**
 * The scope of a read: the options' scope fields or, when there are none, the scope fields a Mem0 OSS caller puts
 * at the top level of `filters` as plain equalities (`filters: { user_id: 'alice' }`). Only top-level string
 * equalities count (never fields inside AND/OR/NOT), so a filter can name a scope but never widen one; the filter
 * itself still applies on top.
 */
export function readScopeOrFilterScope(options: unknown, operation: string): Scope {
  const scope = readScope(options, operation, false);
  if (Object.keys(scope).length > 0) return scope;
  const filters = (options as { filters?: unknown } | undefined)?.filters;
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) throw new MissingScopeError(operation);
  const equalities = Object.fromEntries(
    Object.entries(filters).filter(([key, value]) => typeof value === 'string' && value !== '*' && isScopeField(key)),
  );
  return readScope(equalities, `${operation}.filters`);
}

function isScopeField(key: string): boolean {
  return scopeKeys.some((scopeKey) => scopeKey === key || snakeCase(scopeKey) === key);
}

/** A stable key for a scope: the same scope always gives the same key, different scopes never collide. */
export function scopeKey(scope: Scope): string {
  return scopeKeys.map((key) => (scope[key] === undefined ? '-' : encodeURIComponent(scope[key]))).join('|');
}

/** Whether a record belongs to a scope (every field given in the scope is equal). */
export function inScope(record: MemoryRecord, scope: Scope): boolean {
  return scopeKeys.every((key) => scope[key] === undefined || record[key] === scope[key]);
}

/** The scope fields of a record. */
export function scopeOf(record: MemoryRecord): Scope {
  const scope: Scope = {};
  for (const key of scopeKeys) if (record[key] !== undefined) scope[key] = record[key];
  return scope;
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
