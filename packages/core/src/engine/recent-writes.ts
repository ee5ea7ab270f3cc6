import type { PendingMutation, RecentWrite } from '../spec/coordination-store.js';
import { type Scope, scopeKeys } from '../spec/scope.js';
import type { EngineContext } from './engine-context.js';
import { scopeKey, scopeOf } from './scope.js';

/**
 * The keys under which a write in `scope` is recorded: the key of every non-empty subset of its fields. A reader
 * asks with the key of its own scope, which is one of them whenever the record lies within that scope (a search for
 * `{ userId }` sees a write of `{ userId, agentId }`). At most 15 keys (4 fields); usually 1 to 3.
 */
export function coveringScopeKeys(scope: Scope): string[] {
  const fields = scopeKeys.filter((key) => scope[key] !== undefined);
  const keys: string[] = [];
  for (let mask = 1; mask < 1 << fields.length; mask++) {
    const subset: Scope = {};
    fields.forEach((field, index) => {
      if (mask & (1 << index)) subset[field] = scope[field]!;
    });
    keys.push(scopeKey(subset));
  }
  return keys;
}

/** The scope a key was made from (the inverse of `scopeKey`). */
export function scopeFromKey(key: string): Scope {
  const scope: Scope = {};
  key.split('|').forEach((part, index) => {
    const field = scopeKeys[index];
    if (field && part !== '') scope[field] = decodeURIComponent(part);
  });
  return scope;
}

/**
 * Records what a completed batch wrote (the records as written) and deleted or invalidated, under every key a reader of an
 * enclosing scope asks with. Under the scope's lock on Upstash this costs no round trip of its own (it goes out
 * with the lock's release).
 */
export async function recordMutationWrites(context: EngineContext, mutation: PendingMutation): Promise<void> {
  const groups = new Map<string, { keys: string[]; writes: RecentWrite[] }>();
  const add = (scope: Scope, write: RecentWrite): void => {
    const keys = coveringScopeKeys(scope);
    const id = keys.join('\u0000');
    const group = groups.get(id) ?? { keys, writes: [] };
    group.writes.push(write);
    groups.set(id, group);
  };
  // An invalidated memory is never current again: for readers it is as gone as a deleted one.
  for (const record of [...mutation.upserts.map((entry) => entry.record), ...mutation.patches]) {
    add(
      scopeOf(record),
      record.status === 'active' ? { id: record.id, kind: 'write', record } : { id: record.id, kind: 'delete' },
    );
  }
  const deletedScope = scopeFromKey(mutation.scopeKey);
  for (const id of mutation.deletes) add(deletedScope, { id, kind: 'delete' });
  for (const group of groups.values()) {
    await context.coordination.recordRecentWrites(group.keys, group.writes, context.settings.recentWriteTtlMs);
  }
}
