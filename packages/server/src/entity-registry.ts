import type { Memory, Scope } from '@memzero/core';

/** Mem0's entity kinds and the scope field each one names. */
export const entityFields = { user: 'userId', agent: 'agentId', app: 'appId', run: 'runId' } as const;
export type EntityType = keyof typeof entityFields;

/** An entity that has had memories written, and the app of the key that wrote them (for app-restricted keys). */
export interface EntityEntry {
  type: EntityType;
  name: string;
  appId?: string;
}

const sessionId = 'memzero-server:entities';

/**
 * Which users, agents, apps and runs an organisation has, kept in the organisation's own message log (on the
 * configured coordination store, so every instance sees it). The engine lists memories per scope only; this is the
 * index of scopes Mem0's entities endpoints need. Appends are idempotent on read (duplicates collapse).
 */
export class EntityRegistry {
  private readonly known = new Set<string>();
  constructor(private readonly memory: Memory) {}

  /** Records the entities of a scope that was written to. One store call the first time this process sees them. */
  async remember(scope: Scope): Promise<void> {
    const fresh: EntityEntry[] = [];
    for (const [type, field] of Object.entries(entityFields) as [EntityType, keyof Scope][]) {
      const name = scope[field];
      if (name === undefined) continue;
      const entry: EntityEntry = { type, name, ...(scope.appId ? { appId: scope.appId } : {}) };
      const id = entryKey(entry);
      if (this.known.has(id)) continue;
      this.known.add(id);
      fresh.push(entry);
    }
    if (fresh.length === 0) return;
    await this.memory.messages.append(
      sessionId,
      fresh.map((entry) => ({ role: 'system', content: entry.type, data: { ...entry } })),
    );
  }

  /** Every recorded entity, deduplicated, oldest first; with `appId`, only those written within that app. */
  async list(appId?: string): Promise<EntityEntry[]> {
    const seen = new Map<string, EntityEntry>();
    for (const message of await this.memory.messages.list(sessionId)) {
      const entry = message.data as EntityEntry | undefined;
      if (!entry || typeof entry.name !== 'string' || !(entry.type in entityFields)) continue;
      if (appId !== undefined && entry.appId !== appId && !(entry.type === 'app' && entry.name === appId)) continue;
      const key = `${entry.type}\u0000${entry.name}`;
      if (!seen.has(key)) seen.set(key, { type: entry.type, name: entry.name });
    }
    return [...seen.values()];
  }

  /** Forgets an entity (after its memories were deleted). */
  async forget(type: EntityType, name: string, appId?: string): Promise<void> {
    const messages = await this.memory.messages.list(sessionId);
    const kept = messages.filter((message) => {
      const entry = message.data as EntityEntry | undefined;
      if (!entry || entry.type !== type || entry.name !== name) return true;
      return appId !== undefined && entry.appId !== appId;
    });
    for (const key of [...this.known]) if (key.startsWith(`${type}\u0000${name}\u0000`)) this.known.delete(key);
    await this.memory.messages.replace(
      sessionId,
      kept.map((message) => ({
        role: message.role,
        content: message.content,
        ...(message.data ? { data: message.data } : {}),
      })),
    );
  }
}

function entryKey(entry: EntityEntry): string {
  return `${entry.type}\u0000${entry.name}\u0000${entry.appId ?? ''}`;
}
