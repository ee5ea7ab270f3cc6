import type { AddResult, HistoryEntry, MemoryEvent, MemoryRecord, SearchHit, Usage } from '@memzero/core';

/** A memory as Mem0's platform returns it (snake_case), plus memzero's own fields (`status`, `version`, ...). */
export interface Mem0MemoryJson {
  id: string;
  memory: string;
  hash: string;
  metadata: Record<string, unknown>;
  categories: string[];
  user_id?: string;
  agent_id?: string;
  app_id?: string;
  run_id?: string;
  memory_type: MemoryRecord['memoryType'];
  status: MemoryRecord['status'];
  version: number;
  created_at: string;
  updated_at: string;
  expiration_date: string | null;
  invalidated_at?: string;
  /** memzero: when the conversation happened (the add's `timestamp`), ISO 8601. */
  event_at?: string;
  context?: string;
  score?: number;
  signals?: SearchHit['signals'];
}

export function toMemoryJson(record: MemoryRecord | SearchHit): Mem0MemoryJson {
  const json: Mem0MemoryJson = {
    id: record.id,
    memory: record.memory,
    hash: record.hash,
    metadata: record.metadata,
    categories: [],
    memory_type: record.memoryType,
    status: record.status,
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    expiration_date: record.expiresAt ?? null,
  };
  if (record.userId !== undefined) json.user_id = record.userId;
  if (record.agentId !== undefined) json.agent_id = record.agentId;
  if (record.appId !== undefined) json.app_id = record.appId;
  if (record.runId !== undefined) json.run_id = record.runId;
  if (record.invalidatedAt !== undefined) json.invalidated_at = record.invalidatedAt;
  if (record.eventAt !== undefined) json.event_at = record.eventAt;
  if (record.context !== undefined) json.context = record.context;
  if ('score' in record) {
    json.score = record.score;
    json.signals = record.signals;
  }
  return json;
}

/** One add event as Mem0 reports it (`{ id, event, memory, data }`), with memzero's reasons and the record. */
export function toEventJson(event: MemoryEvent): Record<string, unknown> {
  return {
    ...(event.id === undefined ? {} : { id: event.id }),
    event: event.event,
    memory: event.memory,
    data: { memory: event.memory },
    ...(event.previousMemory === undefined ? {} : { previous_memory: event.previousMemory }),
    ...(event.reason === undefined ? {} : { reason: event.reason }),
    ...(event.noneReason === undefined ? {} : { none_reason: event.noneReason }),
    ...(event.record === undefined ? {} : { record: toMemoryJson(event.record) }),
  };
}

export function toAddJson(result: AddResult): Record<string, unknown> {
  return {
    results: result.results.map(toEventJson),
    warnings: result.warnings,
    usage: toUsageJson(result.usage),
  };
}

export function toUsageJson(usage: Usage): Record<string, number> {
  return {
    llm_calls: usage.llmCalls,
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    embedding_calls: usage.embeddingCalls,
    embedded_texts: usage.embeddedTexts,
    store_calls: usage.storeCalls,
  };
}

/** A history entry as Mem0 returns it (`old_memory`, `new_memory`, `event`), with memzero's version and actor. */
export function toHistoryJson(entry: HistoryEntry, record: MemoryRecord | null): Record<string, unknown> {
  return {
    id: entry.id,
    memory_id: entry.memoryId,
    input: [],
    old_memory: entry.previousMemory ?? null,
    new_memory: entry.newMemory ?? null,
    event: entry.event,
    version: entry.version,
    actor: entry.actor,
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    // A deleted memory has no record left; its entries still carry the scope.
    ...((record?.userId ?? entry.scope?.userId) === undefined
      ? {}
      : { user_id: record?.userId ?? entry.scope?.userId }),
    categories: [],
    created_at: entry.createdAt,
    updated_at: entry.createdAt,
  };
}
