import {
  BaseStore,
  type GetOperation,
  type Item,
  type ListNamespacesOperation,
  type MatchCondition,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchItem,
  type SearchOperation,
} from '@langchain/langgraph-checkpoint';
import type { FilterInput, Memory, MemoryRecord, Scope } from '@memzero/core';
import { ConfigurationError, readScope, scopeKeys } from '@memzero/core';
import {
  indexText,
  itemFilter,
  itemMetadata,
  type NamespaceScope,
  prefixFilter,
  scopeOfNamespace,
  toItem,
  translateStoreFilter,
  validateStoreNamespace,
} from './store/store-records.js';

/** Options of {@link Mem0Store}. */
export interface Mem0StoreOptions {
  /** The memzero engine that stores, embeds and searches the items. */
  memory: Memory;
  /**
   * Scope every item is written in and every read is limited to. Needs at least one field.
   * @default { appId: 'langgraph' }
   */
  scope?: Scope;
  /**
   * Namespace labels that are scope fields, by position. `{ userId: 1 }` stores `['memories', 'u1']` items as
   * memories of user `u1`, so `memory.search(query, { userId: 'u1' })` finds them too.
   * @default {} (namespaces only live in the items' metadata)
   */
  namespaceScope?: NamespaceScope;
  /**
   * Index policy, fixed here because the graph runtime drops the per-call `index` argument of `put`. `fields` are
   * LangGraph paths (`text`, `a.b`, `items[*].text`, `$` for the whole value) whose text is embedded and scored; a
   * per-call `index` array still wins when `put` is called on the store directly.
   * @default { fields: ['$'] }
   */
  index?: { fields?: string[] };
}

/** Page size of the scans behind `search` without a query and `listNamespaces`. */
const pageSize = 100;

/**
 * A LangGraph `BaseStore` backed by the memzero engine, with the semantics of LangGraph's `InMemoryStore`.
 *
 * Mapping: an item `(namespace, key, value)` is one memory, written with `infer: false` (no extraction) in the
 * store's scope (plus the labels `namespaceScope` maps). Its text is the text at the index fields; the value, key and
 * namespace live in the memory's metadata under `langgraph`. `search` with a query is the engine's hybrid search
 * (scores are the engine's, in [0, 1]); without a query, items come oldest first. Filters on value keys become Mem0
 * filters. `listNamespaces` scans the store's scope: call it on the store itself, not on `runtime.store` inside a
 * graph node (LangGraph's `AsyncBatchedStore` does not support it).
 */
export class Mem0Store extends BaseStore {
  private readonly memory: Memory;
  private readonly scope: Scope;
  private readonly namespaceScope: NamespaceScope;
  private readonly fields: string[];
  /** Puts in flight per item: a put looks the item up, then adds or updates, so two puts of one key must not overlap. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(options: Mem0StoreOptions) {
    super();
    this.memory = options.memory;
    this.scope = options.scope ? readScope(options.scope, 'Mem0Store.scope') : { appId: 'langgraph' };
    if (Object.keys(this.scope).length === 0) {
      throw new ConfigurationError('Mem0Store `scope` needs one of userId, agentId, runId or appId (default: appId)');
    }
    this.namespaceScope = options.namespaceScope ?? {};
    for (const [field, position] of Object.entries(this.namespaceScope)) {
      if (!(scopeKeys as readonly string[]).includes(field) || !Number.isSafeInteger(position) || position < 0) {
        throw new ConfigurationError(
          `Mem0Store \`namespaceScope\` maps userId, agentId, runId or appId to a label position (0, 1, ...); check ${JSON.stringify(field)}`,
        );
      }
    }
    this.fields = options.index?.fields ?? ['$'];
  }

  /** Reads first, then puts, deduplicated by namespace and key (the last one wins), as `InMemoryStore` does. */
  override async batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const results: unknown[] = new Array(operations.length).fill(null);
    const puts = new Map<string, PutOperation>();
    for (const [index, operation] of operations.entries()) {
      if ('namespace' in operation) validateStoreNamespace(operation.namespace);
      if ('value' in operation) puts.set(JSON.stringify([...operation.namespace, operation.key]), operation);
      else if ('namespacePrefix' in operation) results[index] = await this.searchOperation(operation);
      else if ('matchConditions' in operation) results[index] = await this.listNamespacesOperation(operation);
      else if ('key' in operation) results[index] = await this.getItem(operation);
    }
    for (const [itemKey, operation] of puts) await this.serialized(itemKey, () => this.putItem(operation));
    return results as OperationResults<Op>;
  }

  private async serialized(itemKey: string, task: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(itemKey) ?? Promise.resolve()).catch(() => undefined).then(task);
    this.writes.set(itemKey, next);
    try {
      await next;
    } finally {
      if (this.writes.get(itemKey) === next) this.writes.delete(itemKey);
    }
  }

  private async findRecord(namespace: string[], key: string): Promise<MemoryRecord | undefined> {
    const scope = scopeOfNamespace(this.scope, this.namespaceScope, namespace);
    const { results } = await this.memory.getAll({ ...scope, filters: itemFilter(namespace, key), limit: 1 });
    return results[0];
  }

  private async getItem(operation: GetOperation): Promise<Item | null> {
    const record = await this.findRecord(operation.namespace, operation.key);
    return (record && toItem(record)) ?? null;
  }

  private async putItem(operation: PutOperation): Promise<void> {
    const { namespace, key, value } = operation;
    const scope = scopeOfNamespace(this.scope, this.namespaceScope, namespace);
    const existing = await this.findRecord(namespace, key);
    if (value === null) {
      if (existing) await this.memory.delete(existing.id, scope);
      return;
    }
    const fields = Array.isArray(operation.index) ? operation.index : this.fields;
    const text = indexText(value, fields);
    const metadata = { langgraph: itemMetadata(namespace, key, value) };
    if (existing) await this.memory.update(existing.id, { text, metadata }, scope);
    else await this.memory.add(text, { ...scope, infer: false, metadata });
  }

  private async searchOperation(operation: SearchOperation): Promise<SearchItem[]> {
    const { namespacePrefix, query } = operation;
    const offset = operation.offset ?? 0;
    const limit = operation.limit ?? 10;
    if (namespacePrefix.length > 0) validateStoreNamespace(namespacePrefix);
    const scope = scopeOfNamespace(this.scope, this.namespaceScope, namespacePrefix);
    const filters: FilterInput = {
      AND: [prefixFilter(namespacePrefix), ...translateStoreFilter(operation.filter ?? {})],
    };
    if (query) {
      const { results } = await this.memory.search(query, { ...scope, filters, limit: offset + limit });
      return results.slice(offset).flatMap((hit) => {
        const item = toItem(hit);
        return item ? [{ ...item, score: hit.score }] : [];
      });
    }
    const records = await this.scan(scope, filters, offset + limit);
    return records.slice(offset, offset + limit).flatMap((record) => {
      const item = toItem(record);
      return item ? [{ ...item, score: undefined }] : [];
    });
  }

  private async listNamespacesOperation(operation: ListNamespacesOperation): Promise<string[][]> {
    const records = await this.scan(this.scope, prefixFilter([]), Number.POSITIVE_INFINITY);
    const paths = new Set<string>();
    for (const record of records) {
      const item = toItem(record);
      if (!item) continue;
      if (!(operation.matchConditions ?? []).every((condition) => matches(condition, item.namespace))) continue;
      paths.add(
        (operation.maxDepth === undefined ? item.namespace : item.namespace.slice(0, operation.maxDepth)).join(':'),
      );
    }
    const namespaces = [...paths].sort((a, b) => a.localeCompare(b)).map((path) => path.split(':'));
    const offset = operation.offset ?? 0;
    return namespaces.slice(offset, offset + (operation.limit ?? namespaces.length));
  }

  /** Records of a scope matching `filters`, oldest first, up to `count`. */
  private async scan(scope: Scope, filters: FilterInput, count: number): Promise<MemoryRecord[]> {
    const records: MemoryRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.memory.getAll({ ...scope, filters, limit: pageSize, cursor });
      records.push(...page.results);
      cursor = page.nextCursor;
    } while (cursor !== undefined && records.length < count);
    return records;
  }
}

/** `InMemoryStore`'s namespace match: labels equal, or `*` in the condition. */
function matches(condition: MatchCondition, namespace: string[]): boolean {
  const { matchType, path } = condition;
  if (path.length > namespace.length) return false;
  const start = matchType === 'prefix' ? 0 : namespace.length - path.length;
  return path.every((label, index) => label === '*' || namespace[start + index] === label);
}
