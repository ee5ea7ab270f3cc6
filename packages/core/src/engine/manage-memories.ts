import { NotFoundError } from '../errors.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { UpdateInput } from '../spec/options.js';
import type { DeleteResult, Usage } from '../spec/results.js';
import type { Scope } from '../spec/scope.js';
import { embedTexts } from './embed.js';
import type { EngineContext } from './engine-context.js';
import { canonicalJson, contentHash } from './normalize.js';
import { scopeKey, scopeOf } from './scope.js';
import { validateDate, validateMemoryText, validateMetadata } from './validate.js';
import { reconcilePending, writeMutation } from './write-mutation.js';

/** The application's explicit update: new text re-embeds; metadata or expiration alone keeps the vector. */
export async function updateMemory(
  context: EngineContext,
  usage: Usage,
  id: string,
  scope: Scope,
  input: UpdateInput,
  timeZone: string,
): Promise<MemoryRecord> {
  const text = input.text === undefined ? undefined : validateMemoryText(input.text, 'update.text');
  const metadata = input.metadata === undefined ? undefined : validateMetadata(input.metadata, 'update.metadata');
  const expiresAt =
    input.expirationDate === undefined
      ? undefined
      : await validateDate(input.expirationDate, 'update.expirationDate', timeZone, 'end');
  const [found] = await context.vectorStore.fetch([id], scope);
  if (!found) throw new NotFoundError(id);
  const key = scopeKey(scopeOf(found));
  return context.coordination.withLock(key, async () => {
    // A batch left pending by a failure is applied first, so it can never land later over this change.
    await reconcilePending(context, key, undefined, true);
    const [current] = await context.vectorStore.fetch([id], scope);
    if (!current) throw new NotFoundError(id);
    const timestamp = context.clock().toISOString();
    const record: MemoryRecord = { ...current, updatedAt: timestamp, version: current.version + 1 };
    if (text !== undefined) Object.assign(record, { memory: text, hash: contentHash(text) });
    if (metadata !== undefined) record.metadata = metadata;
    if (input.expirationDate === null) delete record.expiresAt;
    else if (expiresAt !== undefined) record.expiresAt = expiresAt;
    // Nothing to change (`update(id, {})`, or the current values): no new version, no history entry.
    if (
      record.memory === current.memory &&
      record.expiresAt === current.expiresAt &&
      canonicalJson(record.metadata) === canonicalJson(current.metadata)
    ) {
      return current;
    }
    const history = [
      {
        memoryId: id,
        event: 'UPDATE' as const,
        previousMemory: current.memory,
        newMemory: record.memory,
        version: record.version,
        actor: 'application' as const,
      },
    ];
    if (text !== undefined && text !== current.memory) {
      const [vector] = await embedTexts(context, usage, [text], 'document');
      await writeMutation(context, { scopeKey: key, upserts: [{ record, vector: vector! }], history });
    } else {
      await writeMutation(context, { scopeKey: key, patches: [record], history });
    }
    return record;
  });
}

/** The application's explicit delete: removes from the index, records DELETE in history, or purges history too. */
export async function deleteMemories(
  context: EngineContext,
  records: MemoryRecord[],
  purge: boolean,
): Promise<DeleteResult> {
  const byScope = new Map<string, MemoryRecord[]>();
  for (const record of records) {
    const key = scopeKey(scopeOf(record));
    byScope.set(key, [...(byScope.get(key) ?? []), record]);
  }
  const deleted: string[] = [];
  for (const [key, group] of byScope) {
    await context.coordination.withLock(key, async () => {
      // A pending batch applied after the delete would bring the memory back: apply it first.
      await reconcilePending(context, key, undefined, true);
      const ids = group.map((record) => record.id);
      await writeMutation(context, {
        scopeKey: key,
        deletes: ids,
        history: purge
          ? []
          : group.map((record) => ({
              memoryId: record.id,
              event: 'DELETE' as const,
              previousMemory: record.memory,
              version: record.version + 1,
              actor: 'application' as const,
            })),
      });
      if (purge) await context.coordination.deleteHistory(ids);
      deleted.push(...ids);
    });
  }
  return { deleted };
}
