import type { JSONObject, SharedV4ProviderMetadata, SharedV4Warning } from '@ai-sdk/provider';
import type { Scope, SearchHit } from '@memzero/core';

/** What retrieval produced for one turn. */
export interface TurnRetrieval {
  status: 'ok' | 'failed' | 'disabled' | 'no-user-text';
  memories: SearchHit[];
  /** The rendered memory block ('' when there is nothing to inject). */
  block: string;
}

/**
 * The JSON reported under `providerMetadata.memzero` of every step (generate result and stream `finish` part):
 * `{ status, scope, memories: [{ id, memory, score }] }`.
 */
export function memoryReport(scope: Scope, retrieval: TurnRetrieval | undefined): JSONObject {
  const scopeJson: JSONObject = {};
  for (const [key, value] of Object.entries(scope)) if (typeof value === 'string') scopeJson[key] = value;
  return {
    status: retrieval?.status ?? 'disabled',
    scope: scopeJson,
    memories: (retrieval?.memories ?? []).map((hit) => ({ id: hit.id, memory: hit.memory, score: hit.score })),
  };
}

/** `metadata` with the memory report under `key`, keeping what the provider reported. */
export function withMemoryMetadata(
  metadata: SharedV4ProviderMetadata | undefined,
  key: string,
  report: JSONObject,
): SharedV4ProviderMetadata {
  return { ...metadata, [key]: report };
}

/** The AI SDK warning added to a step whose memories could not be retrieved. */
export const retrievalFailedWarning: SharedV4Warning = {
  type: 'other',
  message: 'memzero: memory retrieval failed, so this answer was generated without memories (see onError).',
};
