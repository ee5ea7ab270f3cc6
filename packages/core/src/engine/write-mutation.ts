import { randomUUID } from '../runtime/random-uuid.js';
import type { HistoryEntry, PendingMutation } from '../spec/coordination-store.js';
import type { MemoryRecord, VectorEntry } from '../spec/memory-record.js';
import type { Warning } from '../spec/results.js';
import type { EngineContext } from './engine-context.js';
import { recordMutationWrites, scopeFromKey } from './recent-writes.js';
import { scopeOf } from './scope.js';

/** The changes of one engine call, before they are written. */
export interface MutationInput {
  scopeKey: string;
  upserts?: VectorEntry[];
  patches?: MemoryRecord[];
  deletes?: string[];
  history: Array<Omit<HistoryEntry, 'id' | 'createdAt'>>;
}

/**
 * Writes a batch through the outbox: recorded as pending in the coordination store, applied to the vector store,
 * then completed (history appended and pending removed together). A failure after the first step leaves the batch
 * pending; `reconcile` applies it again. Readers never see history for writes that did not reach the index.
 */
export async function writeMutation(context: EngineContext, input: MutationInput): Promise<PendingMutation> {
  const createdAt = context.clock().toISOString();
  const upserts = input.upserts ?? [];
  const patches = input.patches ?? [];
  // Each history entry carries its memory's scope, so `history(id, scope)` can refuse another tenant's id.
  const scopes = new Map([...upserts.map((entry) => entry.record), ...patches].map((record) => [record.id, record]));
  const deletedScope = scopeFromKey(input.scopeKey);
  const mutation: PendingMutation = {
    id: randomUUID(),
    scopeKey: input.scopeKey,
    upserts,
    patches,
    deletes: input.deletes ?? [],
    history: input.history.map((entry) => {
      const record = scopes.get(entry.memoryId);
      return { ...entry, id: randomUUID(), createdAt, scope: record ? scopeOf(record) : deletedScope };
    }),
    createdAt,
  };
  if (mutation.upserts.length + mutation.patches.length + mutation.deletes.length + mutation.history.length === 0) {
    return mutation;
  }
  await context.coordination.beginMutation(mutation);
  await applyMutation(context, mutation);
  return mutation;
}

/** Applies a pending batch to the vector store and completes it. Idempotent. */
export async function applyMutation(context: EngineContext, mutation: PendingMutation): Promise<void> {
  if (mutation.upserts.length > 0) await context.vectorStore.upsert(mutation.upserts);
  if (mutation.patches.length > 0) await context.vectorStore.patch(mutation.patches);
  if (mutation.deletes.length > 0) await context.vectorStore.delete(mutation.deletes);
  await context.coordination.completeMutation(mutation);
  await recordMutationWrites(context, mutation);
}

/**
 * Applies batches left pending by a failed write (in one scope, or everywhere). Each scope's batches are re-read
 * under that scope's lock, so a batch completed meanwhile by its own writer is not applied again over newer data.
 * Returns how many were completed.
 */
export async function reconcilePending(
  context: EngineContext,
  scopeKey: string | undefined,
  warnings?: Warning[],
  locked = false,
): Promise<number> {
  const scopeKeys = new Set(
    (await context.coordination.pendingMutations(scopeKey)).map((mutation) => mutation.scopeKey),
  );
  let completed = 0;
  for (const key of scopeKeys) {
    const applyAll = async (): Promise<void> => {
      for (const mutation of await context.coordination.pendingMutations(key)) {
        await applyMutation(context, mutation);
        completed += 1;
      }
    };
    await (locked ? applyAll() : context.coordination.withLock(key, applyAll));
  }
  if (completed > 0) {
    warnings?.push({
      code: 'reconciled_pending_writes',
      message: `completed ${completed} write batch(es) left pending by an earlier failure`,
    });
  }
  return completed;
}
