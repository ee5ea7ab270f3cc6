/** One HTTP request seen by {@link traceRequests}. */
export interface TracedRequest {
  /** The name of the first entry of `origins` whose URL prefixes the request's, else `other`. */
  service: string;
  /** `performance.now()` when the request started and when its response (or failure) came back. */
  start: number;
  end: number;
}

/**
 * Records every `fetch` made while `task` runs (the official Upstash clients and the OpenAI SDK all use the global
 * `fetch`), tagged by service from `origins` (`{ redis: servers.redis.url, vector: servers.vector.url }`).
 * Concurrent tasks in the same process are recorded too: trace one operation at a time.
 */
export async function traceRequests<T>(
  origins: Record<string, string>,
  task: () => Promise<T>,
): Promise<{ result: T; requests: TracedRequest[] }> {
  const original = globalThis.fetch;
  const requests: TracedRequest[] = [];
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const service = Object.entries(origins).find(([, origin]) => url.startsWith(origin))?.[0] ?? 'other';
    const request: TracedRequest = { service, start: performance.now(), end: Number.POSITIVE_INFINITY };
    requests.push(request);
    try {
      return await original(input, init);
    } finally {
      request.end = performance.now();
    }
  }) as typeof fetch;
  try {
    return { result: await task(), requests };
  } finally {
    globalThis.fetch = original;
  }
}

/**
 * The sequential round trips of a trace: the longest chain of requests in which each starts after the previous one
 * ended (requests in parallel count once), with how many of the chain went to each service.
 */
export function criticalPath(requests: TracedRequest[]): { length: number; byService: Record<string, number> } {
  const sorted = [...requests].sort((left, right) => left.start - right.start);
  const chains: Array<{ length: number; byService: Record<string, number> }> = [];
  sorted.forEach((request, index) => {
    let longest: { length: number; byService: Record<string, number> } = { length: 0, byService: {} };
    for (let before = 0; before < index; before++) {
      if (sorted[before]!.end <= request.start && chains[before]!.length > longest.length) longest = chains[before]!;
    }
    chains.push({
      length: longest.length + 1,
      byService: { ...longest.byService, [request.service]: (longest.byService[request.service] ?? 0) + 1 },
    });
  });
  return chains.reduce((longest, chain) => (chain.length > longest.length ? chain : longest), {
    length: 0,
    byService: {},
  });
}
