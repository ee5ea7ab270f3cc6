import type { Index, QueryResult } from '@upstash/vector';

/** Results asked for per page while reading on. */
const pageSize = 1_000;

/**
 * Reads a ranked list past its first page with a resumable query (Upstash's cursor over one query), until `enough`
 * says the results so far are enough or a short page shows the list is exhausted. For filters that run partly after
 * the query, where the first `topK` results may hold fewer matches than asked. Returns every result read, in rank
 * order; the resumable query is always stopped.
 *
 * @param payload the query exactly as first sent (vector or data, filter, topK, include flags)
 * @param alreadyRead how many results the first page held (the resumable query starts from the top again)
 */
export async function readOnward(
  index: Index,
  namespace: string,
  payload: Record<string, unknown>,
  alreadyRead: number,
  enough: (results: QueryResult[]) => boolean,
): Promise<QueryResult[]> {
  const query = await index.resumableQuery({ ...payload, topK: Math.max(alreadyRead, 1), maxIdle: 60 } as never, {
    namespace,
  });
  const results: QueryResult[] = [...query.result];
  try {
    if (results.length < alreadyRead) return results;
    while (!enough(results)) {
      const next = await query.fetchNext(pageSize);
      results.push(...next);
      if (next.length < pageSize) break;
    }
    return results;
  } finally {
    await query.stop().catch(() => undefined);
  }
}
