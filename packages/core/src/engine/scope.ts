import { MissingScopeError, ValidationError } from '../errors.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import { type Scope, scopeKeys } from '../spec/scope.js';

const maxScopeLength = 256;
// Control characters and separators are refused so ids are safe in keys, URLs and filter strings.
const forbidden = /[\p{Cc}\p{Zl}\p{Zp}]/u;
// With the u flag a surrogate pair is one code point, so only an unpaired half matches.
const loneSurrogate = /\p{Cs}/u;

/**
 * Reads and validates the scope fields of an options object (camelCase or snake_case): strings of 1..256
 * characters without control characters or lone surrogates, taken exactly as given. A field that is present but
 * `null`, blank or not a string is an error, never "absent": a missing session id must not silently widen a call to
 * a broader scope. Ids with leading or trailing whitespace are refused rather than trimmed, because trimming would
 * silently merge `'alice'` and `' alice'` into one tenant. At least one field is required unless `required` is false.
 */
export function readScope(options: unknown, operation: string, required = true): Scope {
  const scope: Scope = {};
  const source = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  for (const key of scopeKeys) {
    const value = source[key] !== undefined ? source[key] : source[snakeCase(key)];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new ValidationError(`${operation}.${key}`, 'must be a string, or left out');
    const path = `${operation}.${key}`;
    if (value.trim().length === 0) throw new ValidationError(path, 'must not be empty');
    if (value.trim() !== value) {
      throw new ValidationError(path, 'must not start or end with whitespace (ids are exact; trim it yourself)');
    }
    if (value.length > maxScopeLength) {
      throw new ValidationError(path, `must be at most ${maxScopeLength} characters`);
    }
    if (forbidden.test(value)) throw new ValidationError(path, 'must not contain control characters');
    if (loneSurrogate.test(value)) throw new ValidationError(path, 'must be well-formed Unicode (no lone surrogate)');
    scope[key] = value;
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
 * The scope of a read: the options' scope fields or, when there are none, the scope fields a Mem0 caller writes
 * in `filters` as plain string equalities, at the top level (`filters: { user_id: 'alice' }`, Mem0 OSS) or inside
 * `AND` (`filters: { AND: [{ user_id: 'alice' }, ...] }`, Mem0's platform). Only conjunctive places count (never
 * fields inside OR or NOT), so a filter can name a scope but never widen one; the filter itself still applies on
 * top. Two different values for one scope field are a `ValidationError` (nothing could match).
 */
export function readScopeOrFilterScope(options: unknown, operation: string): Scope {
  const scope = readScope(options, operation, false);
  if (Object.keys(scope).length > 0) return scope;
  const equalities: Record<string, string> = {};
  collectScopeEqualities((options as { filters?: unknown } | undefined)?.filters, equalities, operation, 0);
  if (Object.keys(equalities).length === 0) throw new MissingScopeError(operation);
  return readScope(equalities, `${operation}.filters`);
}

function collectScopeEqualities(filters: unknown, into: Record<string, string>, operation: string, depth: number) {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters) || depth > 12) return;
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'AND' && Array.isArray(value)) {
      for (const child of value) collectScopeEqualities(child, into, operation, depth + 1);
      continue;
    }
    const field = scopeKeys.find((scopeField) => scopeField === key || snakeCase(scopeField) === key);
    if (field === undefined || typeof value !== 'string' || value === '*') continue;
    if (into[field] !== undefined && into[field] !== value) {
      throw new ValidationError(`${operation}.filters.${key}`, 'names two different values for one scope field');
    }
    into[field] = value;
  }
}

/**
 * A stable key for a scope: the same scope always gives the same key, different scopes never collide. An absent
 * field is empty and a present one is its percent-encoding, which is never empty (ids are non-empty) and never
 * holds `|`, so the key is injective. Ids must be well-formed Unicode, as {@link readScope} checks.
 */
export function scopeKey(scope: Scope): string {
  return scopeKeys.map((key) => (scope[key] === undefined ? '' : encodeURIComponent(scope[key]))).join('|');
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
