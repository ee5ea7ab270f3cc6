import type { HistoryEntry, MemoryEvent, MemoryRecord, SearchHit, Usage } from '@memzero/core';

// The service speaks Mem0's snake_case JSON; these turn it back into the engine's types.

type Json = Record<string, unknown>;

export function toRecord(json: Json): MemoryRecord {
  const record: MemoryRecord = {
    id: json.id as string,
    memory: json.memory as string,
    hash: json.hash as string,
    metadata: (json.metadata as Record<string, unknown>) ?? {},
    memoryType: (json.memory_type as MemoryRecord['memoryType']) ?? 'semantic_memory',
    status: (json.status as MemoryRecord['status']) ?? 'active',
    version: (json.version as number) ?? 1,
    createdAt: json.created_at as string,
    updatedAt: json.updated_at as string,
  };
  if (typeof json.user_id === 'string') record.userId = json.user_id;
  if (typeof json.agent_id === 'string') record.agentId = json.agent_id;
  if (typeof json.app_id === 'string') record.appId = json.app_id;
  if (typeof json.run_id === 'string') record.runId = json.run_id;
  if (typeof json.expiration_date === 'string') record.expiresAt = json.expiration_date;
  if (typeof json.invalidated_at === 'string') record.invalidatedAt = json.invalidated_at;
  if (typeof json.event_at === 'string') record.eventAt = json.event_at;
  if (typeof json.context === 'string') record.context = json.context;
  return record;
}

export function toHit(json: Json): SearchHit {
  return { ...toRecord(json), score: json.score as number, signals: (json.signals as SearchHit['signals']) ?? {} };
}

export function toEvent(json: Json): MemoryEvent {
  const event: MemoryEvent = { event: json.event as MemoryEvent['event'], memory: json.memory as string };
  if (typeof json.id === 'string') event.id = json.id;
  if (typeof json.previous_memory === 'string') event.previousMemory = json.previous_memory;
  if (typeof json.reason === 'string') event.reason = json.reason;
  if (typeof json.none_reason === 'string') event.noneReason = json.none_reason as MemoryEvent['noneReason'] & string;
  if (json.record && typeof json.record === 'object') event.record = toRecord(json.record as Json);
  return event;
}

export function toUsage(json: Json | undefined): Usage {
  return {
    llmCalls: (json?.llm_calls as number) ?? 0,
    promptTokens: (json?.prompt_tokens as number) ?? 0,
    completionTokens: (json?.completion_tokens as number) ?? 0,
    embeddingCalls: (json?.embedding_calls as number) ?? 0,
    embeddedTexts: (json?.embedded_texts as number) ?? 0,
    storeCalls: (json?.store_calls as number) ?? 0,
  };
}

export function toHistoryEntry(json: Json): HistoryEntry {
  const entry: HistoryEntry = {
    id: json.id as string,
    memoryId: json.memory_id as string,
    event: json.event as HistoryEntry['event'],
    version: json.version as number,
    actor: json.actor as HistoryEntry['actor'],
    createdAt: json.created_at as string,
  };
  if (typeof json.old_memory === 'string') entry.previousMemory = json.old_memory;
  if (typeof json.new_memory === 'string') entry.newMemory = json.new_memory;
  if (typeof json.reason === 'string') entry.reason = json.reason;
  return entry;
}

/** `{ user_id, agent_id, app_id, run_id }` of a scope, only the fields given. */
export function scopeFields(
  scope: { userId?: string; agentId?: string; appId?: string; runId?: string } | undefined,
): Json {
  const fields: Json = {};
  if (scope?.userId !== undefined) fields.user_id = scope.userId;
  if (scope?.agentId !== undefined) fields.agent_id = scope.agentId;
  if (scope?.appId !== undefined) fields.app_id = scope.appId;
  if (scope?.runId !== undefined) fields.run_id = scope.runId;
  return fields;
}
