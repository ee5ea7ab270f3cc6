import { MissingScopeError, type Scope, scopeKeys } from '@memzero/core';

const snakeCase: Record<keyof Scope, string> = {
  userId: 'user_id',
  agentId: 'agent_id',
  runId: 'run_id',
  appId: 'app_id',
};

/**
 * Reads scope fields from a runtime object (an agent's `runtime.context`, a tool's `runtime.context` or a run's
 * `configurable`), in camelCase (`userId`) or snake_case (`user_id`). Non-string values are ignored.
 */
export function readScope(source: unknown): Scope {
  const scope: Scope = {};
  if (typeof source !== 'object' || source === null) return scope;
  const record = source as Record<string, unknown>;
  for (const key of scopeKeys) {
    const value = record[key] ?? record[snakeCase[key]];
    if (typeof value === 'string' && value.length > 0) scope[key] = value;
  }
  return scope;
}

/**
 * The scope of one call. Fields set in the adapter's options are fixed: a run cannot change them, so an application
 * that pins `userId` cannot be steered to another user's memories through a client-supplied `configurable`. Fields
 * the options leave open come from the run's sources, in order of precedence (runtime context first, then
 * `configurable`). Throws `MissingScopeError` (naming `operation`) when no field is set anywhere.
 */
export function resolveScope(fixed: Scope, sources: unknown[], operation: string): Scope {
  const scope: Scope = {};
  for (const source of [...sources].reverse()) Object.assign(scope, readScope(source));
  Object.assign(scope, readScope(fixed));
  if (Object.keys(scope).length === 0) throw new MissingScopeError(operation);
  return scope;
}
