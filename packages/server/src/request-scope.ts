import type { FilterInput, Scope } from '@memzero/core';
import type { ResolvedApiKey } from './api-keys.js';
import { HttpError } from './http-error.js';

const fieldNames: ReadonlyArray<[snake: string, camel: keyof Scope]> = [
  ['user_id', 'userId'],
  ['agent_id', 'agentId'],
  ['app_id', 'appId'],
  ['run_id', 'runId'],
];

/** The scope named by top-level `user_id`, `agent_id`, `app_id`, `run_id` fields (body or query). */
export function scopeOf(source: Record<string, unknown>): Scope {
  const scope: Scope = {};
  for (const [snake, camel] of fieldNames) {
    const value = source[snake] ?? source[camel];
    if (typeof value === 'string' && value.length > 0) scope[camel] = value;
  }
  return scope;
}

/**
 * Splits Mem0 v2 filters into the scope and the rest: scope equalities at the top level (`{ user_id: 'alice' }`) or
 * as terms of a top-level `AND` (`{ AND: [{ user_id: 'alice' }, { categories: ... }] }`) become the scope; everything
 * else stays a filter, applied inside the scope by the engine.
 */
export function splitFilters(filters: Record<string, unknown> | undefined): { scope: Scope; filters?: FilterInput } {
  if (!filters) return { scope: {} };
  const scope: Scope = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (takeScope(scope, key, value)) continue;
    if (key === 'AND' && Array.isArray(value)) {
      const terms = value.filter((term) => !(isSingleEquality(term) && takeScope(scope, ...firstEntry(term))));
      if (terms.length > 0) rest.AND = terms;
      continue;
    }
    rest[key] = value;
  }
  return Object.keys(rest).length > 0 ? { scope, filters: rest as FilterInput } : { scope };
}

/**
 * The scope a request may use: the caller's scope, narrowed to the key's app when the key is restricted to one.
 * A restricted key naming another app gets 403.
 */
export function restrictScope(scope: Scope, key: Pick<ResolvedApiKey, 'appId'>): Scope {
  if (!key.appId) return scope;
  if (scope.appId !== undefined && scope.appId !== key.appId) {
    throw new HttpError(403, 'forbidden_scope', 'this API key is restricted to another app_id', 'app_id');
  }
  return { ...scope, appId: key.appId };
}

/** Merges scopes from several places of one request; two different values for one field are a 400. */
export function mergeScopes(...scopes: Scope[]): Scope {
  const merged: Scope = {};
  for (const scope of scopes) {
    for (const [, camel] of fieldNames) {
      const value = scope[camel];
      if (value === undefined) continue;
      if (merged[camel] !== undefined && merged[camel] !== value) {
        throw new HttpError(400, 'validation', `${camel}: given twice with different values`, camel);
      }
      merged[camel] = value;
    }
  }
  return merged;
}

function takeScope(scope: Scope, key: string, value: unknown): boolean {
  const field = fieldNames.find(([snake, camel]) => key === snake || key === camel);
  if (!field || typeof value !== 'string' || value === '*' || value.length === 0) return false;
  const camel = field[1];
  if (scope[camel] !== undefined && scope[camel] !== value) {
    throw new HttpError(400, 'invalid_filter', `filters: ${key} given twice with different values`, `filters.${key}`);
  }
  scope[camel] = value;
  return true;
}

function isSingleEquality(term: unknown): term is Record<string, unknown> {
  return typeof term === 'object' && term !== null && !Array.isArray(term) && Object.keys(term).length === 1;
}

function firstEntry(term: Record<string, unknown>): [string, unknown] {
  return Object.entries(term)[0]!;
}
