import type { StoredMessage } from '../spec/coordination-store.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { AddOptions } from '../spec/options.js';
import type { EngineContext } from './engine-context.js';

/** Longest lexical context kept per memory, in characters. */
const maxContextCharacters = 4_000;

/** One turn of a verbatim (`infer: false`) conversation, in order. */
export interface ConversationTurn {
  /** The memory id of the turn (a duplicate turn points at the memory already holding its text). */
  id: string;
  text: string;
  /** Whether this turn created its memory: only such memories take their context from this position. */
  added: boolean;
}

/**
 * Where the turns of one conversation continue across `add` calls: the last turns' memory ids (never their text,
 * so deleting a memory leaves no copy behind), kept in the coordination store and read and written under the
 * scope's lock. Absent when the call names no conversation (no `runId`, no `conversationId`).
 */
export interface ConversationTail {
  key: string;
  /** Oldest first. */
  entries: Array<{ id: string; added: boolean }>;
}

/**
 * The conversation of an `add` call: `conversationId` within the scope, else the scope's `runId` (a run is one
 * conversation). Reads its tail in one round trip.
 */
export async function readConversationTail(
  context: EngineContext,
  options: AddOptions,
  scopeKey: string,
  hasRunId: boolean,
): Promise<ConversationTail | undefined> {
  // Validated by `Memory.add` (`readConversationId`).
  const conversationId = options.conversationId;
  if (conversationId === undefined && !hasRunId) return undefined;
  const key = `conversation:${scopeKey}${conversationId === undefined ? '' : `|${encodeURIComponent(conversationId)}`}`;
  const stored = await context.coordination.listMessages(key);
  return {
    key,
    entries: stored.map((message) => ({ id: message.content, added: message.role === 'added' })),
  };
}

/** The neighbour contexts of a call's turns, and the earlier memories whose context grows with them. */
export interface TurnContexts {
  /** Context of each new turn, by its index in the call (undefined: no neighbours). */
  contexts: Array<string | undefined>;
  /** Earlier memories of the conversation with their context recomputed (only those that changed). */
  patches: MemoryRecord[];
}

/**
 * Neighbour context for verbatim turns: each turn keeps the `before` turns preceding it and the `after` turns
 * following it (joined by newlines, cut at 4,000 characters) as lexical context, so a turn is found through the
 * question it answers. The sequence is the conversation's earlier turns (from the tail) followed by this call's, so
 * a conversation stored one turn per call ends with the same contexts as one stored in a single call, and an
 * earlier turn's memory gains the turns that follow it. Earlier memories that are gone (deleted) are skipped.
 */
export function computeTurnContexts(
  earlier: Array<{ record: MemoryRecord | undefined; added: boolean }>,
  turns: ConversationTurn[],
  [before, after]: [number, number],
): TurnContexts {
  const live = earlier.filter((entry): entry is { record: MemoryRecord; added: boolean } => entry.record !== undefined);
  const sequence = [...live.map((entry) => entry.record.memory), ...turns.map((turn) => turn.text)];
  const contextAt = (position: number): string | undefined => {
    const neighbours = [
      ...sequence.slice(Math.max(0, position - before), position),
      ...sequence.slice(position + 1, position + 1 + after),
    ];
    return neighbours.length > 0 ? neighbours.join('\n').slice(0, maxContextCharacters) : undefined;
  };
  const patches: MemoryRecord[] = [];
  // Only the last `after` earlier turns can gain neighbours from this call.
  live.forEach((entry, position) => {
    if (!entry.added || position < live.length - after || entry.record.status !== 'active') return;
    const updated = contextAt(position);
    if (updated !== undefined && updated !== entry.record.context) patches.push({ ...entry.record, context: updated });
  });
  return { contexts: turns.map((_turn, index) => contextAt(live.length + index)), patches };
}

/**
 * Splits the tail into the turns before this call and, when the call repeats the tail's last turns exactly (a retry
 * after a failure), those repeated entries: they are not counted twice, and each keeps whether it owns its memory.
 */
export function splitTail(
  tail: ConversationTail | undefined,
  turnIds: string[],
): { earlier: ConversationTail['entries']; retried?: ConversationTail['entries'] } {
  if (!tail) return { earlier: [] };
  const start = tail.entries.length - turnIds.length;
  const repeated = start >= 0 && turnIds.every((id, index) => tail.entries[start + index]!.id === id);
  return repeated
    ? { earlier: tail.entries.slice(0, start), retried: tail.entries.slice(start) }
    : { earlier: tail.entries };
}

/**
 * Saves the conversation's last `before + after` turns (ids only) in one atomic replace. Called before the memories
 * are written: if the write then fails, the tail names ids that do not exist yet (skipped, or present once the
 * pending write is reconciled), and nothing is lost.
 */
export async function saveConversationTail(
  context: EngineContext,
  tail: ConversationTail,
  earlier: ConversationTail['entries'],
  turns: ConversationTurn[],
  [before, after]: [number, number],
): Promise<void> {
  const keep = before + after;
  const all = [...earlier, ...turns.map((turn) => ({ id: turn.id, added: turn.added }))];
  const entries = keep === 0 ? [] : all.slice(-keep);
  const createdAt = context.clock().toISOString();
  const messages = entries.map(
    (entry): StoredMessage => ({ role: entry.added ? 'added' : 'seen', content: entry.id, createdAt }),
  );
  if (messages.length === 0 && tail.entries.length === 0) return;
  await context.coordination.replaceMessages(tail.key, messages);
}
