import type {
  AddOptions,
  AddResult,
  DeleteResult,
  GetAllOptions,
  GetAllResult,
  MemoryRecord,
  MessageInput,
  Scope,
  SearchHit,
  SearchOptions,
  SearchResult,
  UpdateInput,
} from '@memzero/core';
import { NotFoundError, scopeKeys } from '@memzero/core';
import type { MemoryClient } from '../../src/index.js';

const usage = { llmCalls: 0, promptTokens: 0, completionTokens: 0, embeddingCalls: 0, embeddedTexts: 0, storeCalls: 0 };

function record(id: string, memory: string, scope: Scope): MemoryRecord {
  const now = new Date(0).toISOString();
  return {
    id,
    memory,
    hash: id,
    metadata: {},
    memoryType: 'semantic_memory',
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...scope,
  };
}

function sameScope(a: Scope, b: Scope): boolean {
  return scopeKeys.every((key) => a[key] === b[key]);
}

/**
 * A `MemoryClient` for unit tests of the translation layer: records every call, keeps memories per scope and
 * finds them by shared words. The real engine is exercised in `engine.test.ts`.
 */
export class RecordingMemory implements MemoryClient {
  readonly addCalls: Array<{ messages: MessageInput; options: AddOptions }> = [];
  readonly searchCalls: Array<{ query: string; options: SearchOptions }> = [];
  readonly records: MemoryRecord[] = [];
  failSearch: Error | undefined;
  failAdd: Error | undefined;
  #nextId = 1;

  seed(memory: string, scope: Scope): MemoryRecord {
    const created = record(`m${this.#nextId++}`, memory, scope);
    this.records.push(created);
    return created;
  }

  async add(messages: MessageInput, options: AddOptions): Promise<AddResult> {
    this.addCalls.push({ messages, options });
    if (this.failAdd !== undefined) throw this.failAdd;
    const list = typeof messages === 'string' ? [{ role: 'user' as const, content: messages }] : [messages].flat();
    const scope = pickScope(options);
    const results = list
      .filter((message) => message.role === 'user' && typeof message.content === 'string')
      .map((message) => {
        const created = this.seed(message.content as string, scope);
        return { event: 'ADD' as const, id: created.id, memory: created.memory, record: created };
      });
    return { results, warnings: [], usage };
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    this.searchCalls.push({ query, options });
    if (this.failSearch !== undefined) throw this.failSearch;
    const words = new Set(query.toLowerCase().match(/\w+/g) ?? []);
    const scope = pickScope(options);
    const results: SearchHit[] = this.records
      .filter((candidate) => sameScope(pickScope(candidate), scope))
      .map((candidate) => {
        const shared = (candidate.memory.toLowerCase().match(/\w+/g) ?? []).filter((word) => words.has(word));
        return { ...candidate, score: shared.length / Math.max(1, words.size), signals: {} };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit ?? 10);
    return { results, warnings: [], usage };
  }

  async getAll(options: GetAllOptions): Promise<GetAllResult> {
    const scope = pickScope(options);
    return { results: this.records.filter((candidate) => sameScope(pickScope(candidate), scope)), usage };
  }

  async update(id: string, input: string | UpdateInput, scope?: Scope): Promise<MemoryRecord> {
    const found = this.#find(id, scope);
    found.memory = typeof input === 'string' ? input : (input.text ?? found.memory);
    return found;
  }

  async delete(id: string, scope?: Scope): Promise<DeleteResult> {
    const found = this.#find(id, scope);
    this.records.splice(this.records.indexOf(found), 1);
    return { deleted: [found.id] };
  }

  #find(id: string, scope: Scope | undefined): MemoryRecord {
    const found = this.records.find(
      (candidate) => candidate.id === id && (scope === undefined || sameScope(pickScope(candidate), scope)),
    );
    if (found === undefined) throw new NotFoundError(id);
    return found;
  }
}

function pickScope(source: Scope): Scope {
  const scope: Scope = {};
  for (const key of scopeKeys) if (source[key] !== undefined) scope[key] = source[key];
  return scope;
}
