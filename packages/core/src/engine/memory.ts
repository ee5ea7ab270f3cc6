import { NotFoundError, ValidationError } from '../errors.js';
import type { HistoryEntry } from '../spec/coordination-store.js';
import type { FilterNode } from '../spec/filter.js';
import type { MemoryRecord, MemoryType } from '../spec/memory-record.js';
import type { MessageInput } from '../spec/messages.js';
import type { AddOptions, DeleteAllOptions, GetAllOptions, SearchOptions, UpdateInput } from '../spec/options.js';
import type { AddResult, DeleteResult, GetAllResult, SearchResult, Warning } from '../spec/results.js';
import { type Scope, scopeKeys } from '../spec/scope.js';
import { addMemories } from './add-memories.js';
import { unsupportedCallOptions } from './call-options.js';
import { checkConfig } from './check-config.js';
import type { EngineContext } from './engine-context.js';
import { deleteMemories, updateMemory } from './manage-memories.js';
import type { MemoryConfig } from './memory-config.js';
import { MessageLog } from './message-log.js';
import { allOf, currentFilter } from './record-factory.js';
import { resolveConfig } from './resolve-config.js';
import { readScope, readScopeOrFilterScope } from './scope.js';
import { searchMemories } from './search-memories.js';
import { withUsage } from './usage.js';
import {
  inputLimits,
  normalizeMessages,
  readConversationId,
  resolveTimeZone,
  validateDate,
  validateId,
  validateInteger,
  validateMetadata,
  validateNumber,
  validateQuery,
  validateTimestamp,
} from './validate.js';
import { reconcilePending } from './write-mutation.js';

/** What a `Memory` runs on, for logs and demos. */
export interface MemoryDescription {
  extractor: string;
  embedder: string;
  vectorStore: string;
  historyStore: string;
  /** True when no model and no network is used (rule-based extractor, lexical embedder). */
  offline: boolean;
  /**
   * Which defaults were taken and why, e.g. `'llm and embedder: OpenAI, because OPENAI_API_KEY is set (...)'`. The
   * default engine switches to OpenAI when that variable is set, and stored vectors only match the embedder that
   * wrote them.
   */
  modelChoice: string;
  /** Configuration warnings (Mem0 keys this engine ignores), as given to `onWarning`. */
  warnings: Warning[];
}

/** Options of `delete` and `deleteAll`. */
export interface DeleteOptions extends Scope {
  /** Also remove the history of the deleted memories. @default false */
  purge?: boolean;
}

/**
 * The memory engine, Mem0-compatible: `add` turns conversations into deduplicated, conflict-resolved memories of a
 * scope; `search` finds them with hybrid retrieval. With no config and no OPENAI_API_KEY it runs fully offline.
 */
export class Memory {
  /** Verbatim chat messages per session, for framework chat histories. */
  readonly messages: MessageLog;
  /** Warnings about the config (Mem0 keys this engine ignores), also passed to `onWarning`. */
  readonly configWarnings: readonly Warning[];
  private readonly config: MemoryConfig;
  private context: Promise<EngineContext> | undefined;

  /**
   * Checks the config at once: unknown keys, unsupported providers (e.g. `llm: { provider: 'anthropic' }`, which
   * needs a model bridge) and values of the wrong kind throw `ConfigurationError` here, not at the first call.
   * Stores and models are created at the first call.
   */
  constructor(config: MemoryConfig = {}) {
    this.configWarnings = checkConfig(config);
    const report =
      config.onWarning ?? ((warning: Warning) => console.warn(`[memzero] ${warning.code}: ${warning.message}`));
    for (const warning of this.configWarnings) report(warning);
    this.config = config;
    this.messages = new MessageLog(async () => (await this.ready()).coordination);
  }

  /**
   * Extracts facts from messages and applies ADD / UPDATE / DELETE / NONE decisions in the scope. Procedural memory
   * (`memoryType: 'procedural_memory'`) is stored in whatever scope is given, as Mem0 allows with only `userId`.
   */
  async add(messages: MessageInput, options: AddOptions): Promise<AddResult> {
    const scope = readScope(options, 'add');
    const warnings: Warning[] = unsupportedCallOptions(options, 'add');
    const normalized = normalizeMessages(messages, warnings, {
      includeToolResults: options.includeToolResults === true,
    });
    const memoryType = readMemoryType(options.memoryType ?? (options as { memory_type?: unknown }).memory_type);
    if (options.infer !== undefined && typeof options.infer !== 'boolean') {
      throw new ValidationError('add.infer', 'must be a boolean');
    }
    const metadata = validateMetadata(options.metadata, 'add.metadata');
    readConversationId(options.conversationId);
    const timeZone = resolveTimeZone(options.timeZone, this.config.timeZone, 'add.timeZone');
    const expiresAt = await validateDate(options.expirationDate, 'add.expirationDate', timeZone, 'end');
    const eventAt = await validateTimestamp(options.timestamp, timeZone);
    const context = await this.ready();
    return withUsage(context, (metered, usage) =>
      addMemories(
        metered,
        {
          messages: normalized,
          scope,
          fields: { scope, metadata, memoryType, ...(expiresAt ? { expiresAt } : {}), ...(eventAt ? { eventAt } : {}) },
          // The extractor keeps its own zone unless the call or the config names one.
          ...((options.timeZone ?? this.config.timeZone) === undefined ? {} : { timeZone }),
          options,
          warnings,
        },
        usage,
      ),
    );
  }

  /** Memories of the scope most relevant to `query`, best first. */
  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    const scope = readScopeOrFilterScope(options, 'search');
    const text = validateQuery(query);
    const limit = validateInteger(options.limit ?? options.topK, 'search.limit', 10, 1, inputLimits.pageSize);
    const threshold = validateNumber(options.threshold, 'search.threshold', 0, 0, 1);
    const timeZone = resolveTimeZone(options.timeZone, this.config.timeZone, 'search.timeZone');
    const filter = await parseFilters(options.filters, 'search.filters', timeZone);
    const context = await this.ready();
    const warnings = unsupportedCallOptions(options, 'search');
    const result = await withUsage(context, (metered, usage) =>
      searchMemories(metered, { query: text, scope, limit, threshold, ...(filter ? { filter } : {}), options }, usage),
    );
    if (warnings.length > 0) result.warnings.unshift(...warnings);
    return result;
  }

  /** One memory by id (any status), or null. With a scope, a memory of another scope is null too. */
  async get(id: string, scope?: Scope): Promise<MemoryRecord | null> {
    const memoryId = validateId(id);
    const checkedScope = readScope(scope, 'get', false);
    const context = await this.ready();
    const [record] = await context.vectorStore.fetch([memoryId], checkedScope);
    return record ?? null;
  }

  /** Current memories of a scope in stable order (creation time, then id), a page at a time. */
  async getAll(options: GetAllOptions): Promise<GetAllResult> {
    const scope = readScopeOrFilterScope(options, 'getAll');
    const limit = validateInteger(options.limit ?? options.topK, 'getAll.limit', 100, 1, inputLimits.pageSize);
    const timeZone = resolveTimeZone(options.timeZone, this.config.timeZone, 'getAll.timeZone');
    const filter = await parseFilters(options.filters, 'getAll.filters', timeZone);
    if (options.cursor !== undefined && typeof options.cursor !== 'string') {
      throw new ValidationError('getAll.cursor', 'must be the nextCursor string of a previous page');
    }
    const context = await this.ready();
    return withUsage(context, async (metered, usage) => {
      const now = metered.clock();
      const combined = allOf([filter, ...currentFilter(now, options)]);
      const page = await metered.vectorStore.list({
        scope,
        limit,
        ...(combined ? { filter: combined } : {}),
        ...(options.cursor ? { cursor: options.cursor } : {}),
      });
      return { results: page.records, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), usage };
    });
  }

  /**
   * Changes a memory's text, metadata or expiration; the previous text stays in `history(id)`. An update that
   * changes nothing (`{}`, or the current values) writes nothing and returns the memory as it is.
   */
  async update(id: string, input: string | UpdateInput, scope?: Scope): Promise<MemoryRecord> {
    const memoryId = validateId(id);
    const checkedScope = readScope(scope, 'update', false);
    const change = typeof input === 'string' ? { text: input } : input;
    if (typeof change !== 'object' || change === null) {
      throw new ValidationError('update.input', 'pass the new text or { text?, metadata?, expirationDate? }');
    }
    const timeZone = resolveTimeZone(change.timeZone, this.config.timeZone, 'update.timeZone');
    const context = await this.ready();
    return withUsage(context, (metered, usage) =>
      updateMemory(metered, usage, memoryId, checkedScope, change, timeZone),
    );
  }

  /** Removes a memory from the index (its history keeps a DELETE entry unless `purge`). */
  async delete(id: string, options?: DeleteOptions): Promise<DeleteResult> {
    const memoryId = validateId(id);
    const scope = readScope(options, 'delete', false);
    const context = await this.ready();
    const [record] = await context.vectorStore.fetch([memoryId], scope);
    if (!record) throw new NotFoundError(memoryId);
    return deleteMemories(context, [record], options?.purge ?? false);
  }

  /** Removes every memory of a scope (and only of it). */
  async deleteAll(options: DeleteAllOptions & { purge?: boolean }): Promise<DeleteResult> {
    const scope = readScope(options, 'deleteAll');
    const context = await this.ready();
    const records: MemoryRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.vectorStore.list({ scope, limit: 1_000, ...(cursor ? { cursor } : {}) });
      records.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor);
    return deleteMemories(context, records, options.purge ?? false);
  }

  /**
   * Every change of a memory, oldest first, with the text before and after. With a scope (as multi-tenant callers
   * should always pass), only the history of a memory within that scope: another tenant's id gives `[]`.
   */
  async history(id: string, scope?: Scope): Promise<HistoryEntry[]> {
    const memoryId = validateId(id);
    const checkedScope = readScope(scope, 'history', false);
    const context = await this.ready();
    const entries = await context.coordination.history(memoryId);
    if (Object.keys(checkedScope).length === 0 || entries.length === 0) return entries;
    // Entries written before history carried a scope are checked against the memory's current record.
    const legacyAllowed = entries.some((entry) => !entry.scope)
      ? (await context.vectorStore.fetch([memoryId], checkedScope))[0] !== undefined
      : false;
    return entries.filter((entry) => (entry.scope ? withinScope(entry.scope, checkedScope) : legacyAllowed));
  }

  /** Removes everything: memories, history, messages. */
  async reset(): Promise<void> {
    const context = await this.ready();
    await context.vectorStore.reset();
    await context.coordination.reset();
  }

  /** Completes writes left pending by a failure (e.g. the index was unreachable). Returns how many. */
  async reconcile(): Promise<number> {
    return reconcilePending(await this.ready(), undefined);
  }

  /** Which extractor, embedder and stores this instance runs on. */
  async describe(): Promise<MemoryDescription> {
    const context = await this.ready();
    return {
      extractor: context.extractor.name,
      embedder: context.embedder.name,
      vectorStore: context.vectorStore.name,
      historyStore: context.coordination.name,
      offline: context.offline,
      modelChoice: context.modelChoice,
      warnings: [...this.configWarnings],
    };
  }

  /** Releases stores (closes files and connections). */
  async close(): Promise<void> {
    if (!this.context) return;
    const context = await this.context;
    await context.vectorStore.close?.();
    await context.coordination.close?.();
  }

  private ready(): Promise<EngineContext> {
    this.context ??= resolveConfig(this.config).catch((error: unknown) => {
      this.context = undefined;
      throw error;
    });
    return this.context;
  }
}

/** Whether a memory of scope `owner` lies within `scope` (every field given there is equal). */
function withinScope(owner: Scope, scope: Scope): boolean {
  return scopeKeys.every((key) => scope[key] === undefined || owner[key] === scope[key]);
}

function readMemoryType(value: unknown): MemoryType {
  if (value === undefined || value === 'semantic_memory') return 'semantic_memory';
  if (value === 'procedural_memory') return value;
  throw new ValidationError('add.memoryType', "must be 'semantic_memory' or 'procedural_memory'");
}

/**
 * `parseFilter` (see `filters/parse-filter.ts`), loaded by the first call that passes `filters`: an app that never
 * filters does not load the Mem0 filter parser (a chunk of its own in a code-split bundle).
 */
async function parseFilters(input: unknown, path: string, timeZone: string): Promise<FilterNode | undefined> {
  if (input === undefined || input === null) return undefined;
  const { parseFilter } = await import('../filters/parse-filter.js');
  return parseFilter(input, path, timeZone);
}
