import { tokenize } from '../search/tokenize.js';
import type { RecentWrite } from '../spec/coordination-store.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { NormalizedMessage } from '../spec/messages.js';
import type { Usage } from '../spec/results.js';
import type { Scope } from '../spec/scope.js';
import { embedTexts } from './embed.js';
import type { EngineContext } from './engine-context.js';
import { allOf, currentFilter } from './record-factory.js';
import { inScope, scopeKey } from './scope.js';

/**
 * How many of a scope's newest recent writes an `add` reads. They replace the stale copies a lagging query returns
 * and join the candidates (ranked, then capped at `conflictCandidates`), so this bounds the work per add however
 * many memories were written just before (a bulk import). Exact as long as a memory changed within the index's lag
 * is among the scope's newest 50 writes.
 */
export const recentWritesPerAdd = 50;

/** What `findCandidates` needs from an `add` call. */
export interface CandidateRequest {
  messages: NormalizedMessage[];
  scope: Scope;
  /** "Today" for the extractor's search hint when it is not now (`add`'s `timestamp`), and its time zone. */
  conversationTime?: Date;
  timeZone?: string;
  signal?: AbortSignal;
}

/**
 * The existing memories the extractor sees for an `add`, best first, at most `conflictCandidates`: one query
 * embedding, then the hybrid store query and the scope's recent writes read in parallel. Decisions are made from
 * exact data: a recent write's copy replaces whatever the (possibly lagging) query returned for the same id, a
 * recently deleted memory is dropped, and only active, unexpired records of the scope remain. Recent writes the
 * query missed join the ranking as a third list ordered by term overlap with the messages (those sharing no term
 * are left out, as the query would rank them last).
 */
export async function findCandidates(
  context: EngineContext,
  request: CandidateRequest,
  usage: Usage,
  now: Date,
): Promise<MemoryRecord[]> {
  const userText = request.messages.filter((message) => message.role === 'user').map((message) => message.text);
  const queryText = (userText.length > 0 ? userText : request.messages.map((message) => message.text))
    .join('\n')
    .slice(0, 4_000);
  const [vector] = await embedTexts(context, usage, [queryText], 'query', request.signal);
  const hint =
    context.extractor.candidateQuery?.({
      messages: request.messages,
      now: request.conversationTime ?? now,
      ...(request.timeZone === undefined ? {} : { timeZone: request.timeZone }),
    }) ?? '';
  const text = hint ? `${queryText}\n${hint}` : queryText;
  const limit = context.settings.conflictCandidates;
  const filter = allOf(currentFilter(now));
  const [result, recent] = await Promise.all([
    context.vectorStore.query({
      scope: request.scope,
      vector: vector!,
      text,
      topK: limit,
      ...(filter ? { filter } : {}),
    }),
    context.coordination.recentWrites(scopeKey(request.scope), { limit: recentWritesPerAdd }),
  ]);
  const latest = await latestCopies(context, request.scope, recent);
  const usable = (record: MemoryRecord | undefined): record is MemoryRecord =>
    record !== undefined &&
    record.status === 'active' &&
    inScope(record, request.scope) &&
    (!record.expiresAt || Date.parse(record.expiresAt) > now.getTime());
  const fresh = (record: MemoryRecord): MemoryRecord | undefined =>
    latest.has(record.id) ? latest.get(record.id) : record;
  const dense = result.dense.map((hit) => fresh(hit.record)).filter(usable);
  const lexical = (result.lexical ?? []).map((hit) => fresh(hit.record)).filter(usable);
  const returned = new Set([...result.dense, ...(result.lexical ?? [])].map((hit) => hit.record.id));
  const missed = rankByOverlap(
    [...latest.values()].filter(usable).filter((record) => !returned.has(record.id)),
    text,
  );
  // Interleave the ranked lists so each signal contributes its best candidates.
  const byId = new Map<string, MemoryRecord>();
  const lists = [dense, lexical, missed];
  for (let rank = 0; byId.size < limit && lists.some((list) => rank < list.length); rank++) {
    for (const list of lists) {
      const record = list[rank];
      if (record && byId.size < limit && !byId.has(record.id)) byId.set(record.id, record);
    }
  }
  return [...byId.values()];
}

/**
 * The newest copy of each recent write (`undefined` for a deletion). An entry recorded without its record (a
 * store that keeps ids only) is fetched by id, which is exact.
 */
async function latestCopies(
  context: EngineContext,
  scope: Scope,
  recent: RecentWrite[],
): Promise<Map<string, MemoryRecord | undefined>> {
  const latest = new Map<string, MemoryRecord | undefined>();
  const missing: string[] = [];
  for (const write of recent) {
    if (latest.has(write.id) || missing.includes(write.id)) continue;
    if (write.kind === 'delete') latest.set(write.id, undefined);
    else if (write.record) latest.set(write.id, write.record);
    else missing.push(write.id);
  }
  if (missing.length > 0) {
    const fetched = await context.vectorStore.fetch(missing, scope);
    missing.forEach((id, index) => {
      latest.set(id, fetched[index]);
    });
  }
  return latest;
}

/** Records sharing terms with `text`, most shared terms first, then newest first (their incoming order). */
function rankByOverlap(records: MemoryRecord[], text: string): MemoryRecord[] {
  const terms = new Set(tokenize(text));
  return records
    .map((record, order) => ({
      record,
      order,
      overlap: [...new Set(tokenize(record.memory))].filter((term) => terms.has(term)).length,
    }))
    .filter((item) => item.overlap > 0)
    .sort((left, right) => right.overlap - left.overlap || left.order - right.order)
    .map((item) => item.record);
}
