import { MissingScopeError, type Scope, scopeKeys } from '@memzero/core';

/**
 * Merges scope sources, later ones winning field by field, and keeps only non-empty string fields.
 * Throws {@link MissingScopeError} naming `operation` when no field is left: memory is never written to, or read
 * from, a global bucket by accident.
 */
export function resolveScope(operation: string, ...sources: ReadonlyArray<unknown>): Scope {
  const scope: Scope = {};
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const key of scopeKeys) {
      const value = (source as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.length > 0) scope[key] = value;
    }
  }
  if (!scopeKeys.some((key) => scope[key] !== undefined)) throw new MissingScopeError(operation);
  return scope;
}
