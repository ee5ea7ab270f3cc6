/**
 * The Upstash path against the loopback servers (the Upstash Vector emulator and the Upstash Redis REST bridge over
 * a real redis-server), through the official clients: HTTP requests per `add` and per `search` by service, Redis
 * commands per `add`, and wall time with an injected per-request latency (5 ms Redis, 10 ms Vector) so the
 * critical path shows. Offline pipeline (rules + lexical embedder), so only store traffic is measured.
 */
import { startUpstashTestServers, type UpstashTestServers } from '@memzero/test-tooling';
import { Memory } from '../src/engine/memory.js';
import { createUpstashRedisStore } from '../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../src/stores/upstash/vector/index.js';
import { benchmarkTurns } from './conversations.js';

interface Sample {
  vector: Record<string, number>;
  redisRequests: number;
  redisCommands: number;
  milliseconds: number;
}

const latency = { redisMs: 5, vectorMs: 10 };
const searchQueries = [
  'where does she live',
  'food preferences and allergies',
  'what is their job',
  'family visiting',
  'sports and hobbies',
  'travel plans',
];

async function measure(servers: UpstashTestServers, task: () => Promise<unknown>): Promise<Sample> {
  servers.vector.resetStats();
  servers.redis.resetStats();
  const started = performance.now();
  await task();
  const milliseconds = performance.now() - started;
  const redis = servers.redis.stats();
  return {
    vector: servers.vector.stats().requests,
    redisRequests: Object.values(redis.requests).reduce((sum, count) => sum + count, 0),
    redisCommands: redis.commands,
    milliseconds,
  };
}

function summarise(label: string, samples: Sample[]): string {
  const count = samples.length;
  const endpoints = new Map<string, number>();
  for (const sample of samples) {
    for (const [endpoint, requests] of Object.entries(sample.vector)) {
      endpoints.set(endpoint, (endpoints.get(endpoint) ?? 0) + requests);
    }
  }
  const vectorTotal = [...endpoints.values()].reduce((sum, requests) => sum + requests, 0);
  const byEndpoint = [...endpoints]
    .sort()
    .map(([endpoint, requests]) => `${endpoint} ${(requests / count).toFixed(2)}`)
    .join(', ');
  const times = samples.map((sample) => sample.milliseconds).sort((left, right) => left - right);
  const percentile = (share: number): number =>
    times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0;
  const average = (pick: (sample: Sample) => number): string =>
    (samples.reduce((sum, sample) => sum + pick(sample), 0) / count).toFixed(2);
  return `| ${label} | ${count} | ${(vectorTotal / count).toFixed(2)} (${byEndpoint}) | ${average((sample) => sample.redisRequests)} | ${average((sample) => sample.redisCommands)} | ${percentile(0.5).toFixed(1)} | ${percentile(0.95).toFixed(1)} |`;
}

/** Runs the Upstash benchmark and returns its markdown section. */
export async function runUpstashBenchmark(): Promise<string> {
  const servers = await startUpstashTestServers({
    vector: { latencyMs: latency.vectorMs },
    redis: { latencyMs: latency.redisMs },
  });
  try {
    const redis = { url: servers.redis.url, token: servers.redis.token };
    const memory = new Memory({
      llm: { provider: 'rules' },
      embedder: { provider: 'lexical' },
      vectorStore: createUpstashVectorStore({ url: servers.vector.url, token: servers.vector.token, redis }),
      historyStore: createUpstashRedisStore(redis),
    });
    const adds: Sample[] = [];
    for (const turn of benchmarkTurns)
      adds.push(await measure(servers, () => memory.add(turn.messages, { userId: turn.userId })));
    servers.vector.flush();
    const users = [...new Set(benchmarkTurns.map((turn) => turn.userId))];
    const searches: Sample[] = [];
    const lists: Sample[] = [];
    for (const userId of users) {
      for (const query of searchQueries) searches.push(await measure(servers, () => memory.search(query, { userId })));
      lists.push(await measure(servers, () => memory.getAll({ userId })));
    }
    await memory.close();
    return [
      `## Upstash path (official clients over HTTP; emulator + REST bridge on loopback; injected latency ${latency.redisMs} ms Redis, ${latency.vectorMs} ms Vector per request)\n`,
      '| operation | runs | Vector HTTP requests / op (by endpoint) | Redis HTTP requests / op | Redis commands / op | p50 ms | p95 ms |',
      '|---|---|---|---|---|---|---|',
      summarise('add (rules + lexical)', adds),
      summarise('search', searches),
      summarise('getAll', lists),
      '',
    ].join('\n');
  } finally {
    await servers.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runUpstashBenchmark());
