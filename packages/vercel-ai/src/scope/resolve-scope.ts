import { MissingScopeError, type Scope, scopeKeys, ValidationError } from '@memzero/core';

/**
 * Merges scope sources, later ones winning field by field; `undefined` fields are absent. Any other value must be a
 * non-empty string: a per-call `userId: ''` or `null` (a missing session, say) fails instead of silently falling back
 * to the default scope, which could be someone else's. Throws {@link MissingScopeError} naming `operation` when no
 * field is left, so memory is never read from or written to a global bucket by accident.
 */
export function resolveScope(operation: string, ...sources: ReadonlyArray<unknown>): Scope {
  const scope: Scope = {};
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const key of scopeKeys) {
      const value = (source as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim().length === 0) {
        throw new ValidationError(`${operation}.${key}`, 'must be a non-empty string, or left out');
      }
      scope[key] = value;
    }
  }
  if (!scopeKeys.some((key) => scope[key] !== undefined)) throw new MissingScopeError(operation);
  return scope;
}
