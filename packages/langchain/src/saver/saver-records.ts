import type { RunnableConfig } from '@langchain/core/runnables';
import type { CheckpointMetadata } from '@langchain/langgraph-checkpoint';
import { ValidationError } from '@memzero/core';
import type { SerializedValue } from './serialized.js';

/** A checkpoint as stored: its channel values live in the blobs hash, not here. */
export interface CheckpointRecord {
  checkpoint: SerializedValue;
  metadata: SerializedValue;
  parentId?: string;
}

/** One pending write as stored. */
export interface WriteRecord {
  taskId: string;
  idx: number;
  channel: string;
  value: SerializedValue;
  taskPath: string;
}

/** A channel value at one version; `empty` when the channel had no value at that version. */
export interface BlobRecord {
  value?: SerializedValue;
  empty?: true;
}

/** Hash field of a channel value at a version. */
export const blobField = (channel: string, version: string | number): string => JSON.stringify([channel, version]);

/** Where a checkpoint lives. */
export interface CheckpointRef {
  threadId: string;
  namespace: string;
  checkpointId: string;
}

/**
 * Set and sorted-set members carry this prefix: `@upstash/redis` parses replies that look like JSON, so a thread id
 * such as `"42"` would come back as a number; with the prefix no member is valid JSON.
 */
export const member = (value: string): string => `m:${value}`;
export const fromMember = (raw: unknown): string => String(raw).slice(2);

/** The thread id of a config, or a ValidationError saying how to pass one. */
export function requireThreadId(config: RunnableConfig, operation: string): string {
  const threadId = config.configurable?.thread_id;
  if (threadId === undefined || threadId === null || threadId === '') {
    throw new ValidationError(
      'configurable.thread_id',
      `${operation} needs a thread id: pass { configurable: { thread_id } } when invoking the graph`,
    );
  }
  return String(threadId);
}

/** LangGraph's metadata filter: every key equals (`===`, or structurally for objects and arrays). */
export function matchesFilter(metadata: CheckpointMetadata | undefined, filter: Record<string, unknown>): boolean {
  const record = (metadata ?? {}) as Record<string, unknown>;
  return Object.entries(filter).every(([key, value]) => {
    const actual = record[key];
    if (actual === value) return true;
    return typeof value === 'object' && value !== null && JSON.stringify(actual) === JSON.stringify(value);
  });
}
