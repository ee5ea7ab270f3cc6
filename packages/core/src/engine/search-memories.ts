import type { FilterNode } from '../spec/filter.js';
import type { SearchOptions } from '../spec/options.js';
import type { SearchHit, SearchResult, Usage, Warning } from '../spec/results.js';
import type { Scope } from '../spec/scope.js';
import type { ScoredRecord } from '../spec/vector-store.js';
import { embedTexts } from './embed.js';
import type { EngineContext } from './engine-context.js';
import { allOf, currentFilter } from './record-factory.js';
import { scopeKey } from './scope.js';

/** How many of a scope's newest deletions a search checks its hits against (the stores keep at most 1,000). */
const recentDeletesPerSearch = 1_000;

/** A validated `search` call. */
export interface SearchRequest {
  query: string;
  scope: Scope;
  limit: number;
  threshold: number;
  filter?: FilterNode;
  options: SearchOptions;
}

/**
 * Hybrid search: one query embedding, one store query returning the dense and lexical lists, fused with fixed
 * calibration curves so scores mean the same across queries, then the optional reranker, the threshold and the
 * limit.
 */
export async function searchMemories(
  context: EngineContext,
  request: SearchRequest,
  usage: Usage,
): Promise<SearchResult> {
  const warnings: Warning[] = [];
  const now = context.clock();
  const [vector] = await embedTexts(context, usage, [request.query], 'query', request.options.signal);
  const filter = allOf([
    request.filter,
    ...currentFilter(now, { includeExpired: request.options.includeExpired ?? false }),
  ]);
  const poolSize = Math.max(40, request.limit * context.settings.candidateMultiplier);
  // A lagging index may still return a memory deleted a moment ago: the scope's recent deletes are read in
  // parallel with the query (no extra sequential round trip) and dropped from its lists.
  const [queried, deleted] = await Promise.all([
    context.vectorStore.query({
      scope: request.scope,
      vector: vector!,
      text: request.query,
      topK: poolSize,
      ...(filter ? { filter } : {}),
    }),
    context.vectorStore.consistentQueries
      ? []
      : context.coordination.recentWrites(scopeKey(request.scope), { kind: 'delete', limit: recentDeletesPerSearch }),
  ]);
  const gone = new Set(deleted.map((write) => write.id));
  const result =
    gone.size === 0
      ? queried
      : {
          dense: queried.dense.filter((hit) => !gone.has(hit.record.id)),
          ...(queried.lexical ? { lexical: queried.lexical.filter((hit) => !gone.has(hit.record.id)) } : {}),
        };
  if (result.lexical === undefined) {
    warnings.push({
      code: 'lexical_signal_unavailable',
      message: `${context.vectorStore.name} has no lexical signal; ranked by embeddings only`,
    });
  }
  let hits = fuse(result.dense, result.lexical, context);
  if (context.reranker && request.options.rerank !== false && hits.length > 0) {
    hits = await rerank(context, request, hits, warnings);
  }
  // A hit with no signal at all (score 0) is never relevant, whatever the threshold.
  const results = hits.filter((hit) => hit.score > 0 && hit.score >= request.threshold).slice(0, request.limit);
  return { results, warnings, usage };
}

function fuse(dense: ScoredRecord[], lexical: ScoredRecord[] | undefined, context: EngineContext): SearchHit[] {
  const { denseWeight, lexicalSaturation } = context.settings;
  const hits = new Map<string, SearchHit>();
  for (const { record, score } of dense) {
    hits.set(record.id, { ...record, score: 0, signals: { dense: Math.max(0, Math.min(1, score)) } });
  }
  for (const { record, score } of lexical ?? []) {
    const calibrated = 1 - Math.exp(-Math.max(0, score) / lexicalSaturation);
    const hit = hits.get(record.id) ?? { ...record, score: 0, signals: {} };
    hit.signals.lexical = calibrated;
    hits.set(record.id, hit);
  }
  for (const hit of hits.values()) {
    const denseScore = hit.signals.dense ?? 0;
    hit.score =
      lexical === undefined ? denseScore : denseWeight * denseScore + (1 - denseWeight) * (hit.signals.lexical ?? 0);
  }
  return [...hits.values()].sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1));
}

async function rerank(
  context: EngineContext,
  request: SearchRequest,
  hits: SearchHit[],
  warnings: Warning[],
): Promise<SearchHit[]> {
  const pool = hits.slice(0, Math.max(request.limit * 3, 20));
  try {
    const scores = await context.reranker!.rerank(
      request.query,
      pool.map((hit) => hit.memory),
    );
    pool.forEach((hit, index) => {
      const score = Math.max(0, Math.min(1, scores[index] ?? 0));
      hit.signals.rerank = score;
      hit.score = score;
    });
    return pool.sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1));
  } catch {
    warnings.push({ code: 'reranker_failed', message: `${context.reranker!.name} failed; kept the fused order` });
    return hits;
  }
}
