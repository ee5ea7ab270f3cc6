/**
 * The Upstash write path under production-like load, against the loopback servers (Upstash Vector emulator, Upstash
 * Redis REST bridge over a real redis-server) through the official clients:
 * - requests and SEQUENTIAL round trips per add and per search (the longest chain of requests where each starts
 *   after the previous one ended, from a trace of every `fetch`), with 5 ms Redis / 10 ms Vector injected;
 * - Redis requests per add and latency with 10 concurrent callers on one scope;
 * - prompt tokens, candidates and Vector requests of one model `add` after a 20,000-memory import, against the same
 *   add in an empty scope.
 */
import {
  criticalPath,
  startOpenAIServer,
  startUpstashTestServers,
  type TracedRequest,
  traceRequests,
  type UpstashTestServers,
} from '@memzero/test-tooling';
import { encode } from 'gpt-tokenizer';
import { Memory } from '../src/engine/memory.js';
import { createModelExtractor } from '../src/extraction/model-extractor.js';
import { createOpenAILanguageModel } from '../src/models/openai/index.js';
import { createUpstashRedisStore } from '../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../src/stores/upstash/vector/index.js';
import { benchmarkTurns } from './conversations.js';

/** Every fetch while `task` runs, tagged `redis` or `vector`. */
async function traced<T>(servers: UpstashTestServers, task: () => Promise<T>): Promise<[T, TracedRequest[]]> {
  const { result, requests } = await traceRequests({ redis: servers.redis.url, vector: servers.vector.url }, task);
  return [result, requests];
}

const percentile = (values: number[], share: number): number => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
};
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function upstashMemory(servers: UpstashTestServers, extra: Record<string, unknown> = {}): Memory {
  const redis = { url: servers.redis.url, token: servers.redis.token };
  return new Memory({
    llm: { provider: 'rules' },
    embedder: { provider: 'lexical' },
    vectorStore: createUpstashVectorStore({ url: servers.vector.url, token: servers.vector.token, redis }),
    historyStore: createUpstashRedisStore(redis),
    ...extra,
  });
}

interface PathRow {
  operation: string;
  runs: number;
  redisRequests: number;
  vectorRequests: number;
  sequentialRedis: number;
  sequentialVector: number;
  p50: number;
  p95: number;
}

async function measurePath(
  servers: UpstashTestServers,
  operation: string,
  tasks: Array<() => Promise<unknown>>,
): Promise<PathRow> {
  const samples: Array<{ requests: TracedRequest[]; milliseconds: number }> = [];
  for (const task of tasks) {
    const started = performance.now();
    const [, requests] = await traced(servers, task);
    samples.push({ requests, milliseconds: performance.now() - started });
  }
  const paths = samples.map((sample) => criticalPath(sample.requests));
  const count = (service: string) =>
    samples.map((sample) => sample.requests.filter((r) => r.service === service).length);
  const times = samples.map((sample) => sample.milliseconds);
  return {
    operation,
    runs: samples.length,
    redisRequests: mean(count('redis')),
    vectorRequests: mean(count('vector')),
    sequentialRedis: mean(paths.map((path) => path.byService.redis ?? 0)),
    sequentialVector: mean(paths.map((path) => path.byService.vector ?? 0)),
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
  };
}

const things = ['jazz', 'tennis', 'green tea', 'poetry', 'chess', 'sushi', 'hiking', 'opera', 'cycling', 'ramen'];
/** A first-person preference the rule-based extractor turns into a memory (a new one per index). */
const factText = (index: number): string => `I love ${things[index % things.length]} number ${index}.`;

/** Sequential adds and searches of one user, then 10 concurrent callers on one scope. */
async function measureLatencyPaths(): Promise<string[]> {
  const servers = await startUpstashTestServers({ vector: { latencyMs: 10 }, redis: { latencyMs: 5 } });
  try {
    const memory = upstashMemory(servers);
    const adds = benchmarkTurns.map((turn) => () => memory.add(turn.messages, { userId: turn.userId }));
    const add = await measurePath(servers, 'add (rules + lexical; 24 fixed turns, 3 users)', adds);
    servers.vector.flush();
    const queries = ['where does she live', 'job', 'hobbies and sports', 'drinks', 'travel'];
    const search = await measurePath(
      servers,
      'search',
      queries.map((query) => () => memory.search(query, { userId: 'alice' })),
    );
    // 10 concurrent callers on one scope, 3 contradicting adds each ("I live in Town_n": an UPDATE of one memory):
    // as 10 Memory instances (separate processes would behave the same) and as one instance shared by 10 callers.
    const crowdOf = async (label: string, instances: Memory[], userId: string) => {
      const times: number[] = [];
      const [, requests] = await traced(servers, () =>
        Promise.all(
          Array.from({ length: 10 }, async (_, callerIndex) => {
            const caller = instances[callerIndex % instances.length]!;
            for (let round = 0; round < 3; round++) {
              const started = performance.now();
              await caller.add(`I live in Town_${callerIndex * 3 + round}`, { userId });
              times.push(performance.now() - started);
            }
          }),
        ),
      );
      const count = (service: string) => requests.filter((request) => request.service === service).length / 30;
      return `| ${label} | ${count('redis').toFixed(2)} | ${count('vector').toFixed(2)} | ${percentile(times, 0.5).toFixed(0)} | ${percentile(times, 0.95).toFixed(0)} | ${Math.max(...times).toFixed(0)} |`;
    };
    const callers = Array.from({ length: 10 }, () => upstashMemory(servers));
    const crowdRows = [
      await crowdOf('10 Memory instances', callers, 'crowd'),
      await crowdOf('one Memory instance', [memory], 'crowd-shared'),
    ];
    await Promise.all([memory.close(), ...callers.map((caller) => caller.close())]);
    const row = (path: PathRow): string =>
      `| ${path.operation} | ${path.runs} | ${path.redisRequests.toFixed(2)} | ${path.vectorRequests.toFixed(2)} | ${path.sequentialRedis.toFixed(2)} + ${path.sequentialVector.toFixed(2)} | ${path.p50.toFixed(1)} | ${path.p95.toFixed(1)} |`;
    return [
      '### Requests and sequential round trips (5 ms Redis, 10 ms Vector injected per request)\n',
      '| operation | runs | Redis requests / op | Vector requests / op | sequential round trips (Redis + Vector) | p50 ms | p95 ms |',
      '|---|---|---|---|---|---|---|',
      row(add),
      row(search),
      '',
      '### 10 concurrent callers on one scope, 3 contradicting adds each ("I live in Town_n")\n',
      '| callers | Redis requests / add | Vector requests / add | p50 ms | p95 ms | max ms |',
      '|---|---|---|---|---|---|',
      ...crowdRows,
      '',
    ];
  } finally {
    await servers.close();
  }
}

/** One model `add` after a 20,000-memory import (infer: false), against the same add in an empty scope. */
async function measureAfterImport(): Promise<string[]> {
  const servers = await startUpstashTestServers();
  const openai = await startOpenAIServer();
  try {
    const model = createOpenAILanguageModel({ apiKey: 'bench', baseURL: openai.baseURL, model: 'stub', maxRetries: 0 });
    const memory = upstashMemory(servers, { llm: undefined, extractor: createModelExtractor(model) });
    const total = 20_000;
    for (let start = 0; start < total; start += 200) {
      const messages = Array.from({ length: 200 }, (_, offset) => ({
        role: 'user' as const,
        content: `Imported record ${start + offset}: ${factText(start + offset)}`,
      }));
      await memory.add(messages, { userId: 'imported', infer: false });
    }
    const measureOne = async (userId: string) => {
      openai.enqueueChat({
        body: {
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: {
                role: 'assistant',
                content: JSON.stringify({ memories: [{ op: 'ADD', text: 'Lives in Oslo' }] }),
              },
            },
          ],
        },
      });
      const before = openai.chatRequests().length;
      const started = performance.now();
      const [, requests] = await traced(servers, () => memory.add('I moved to Oslo last week.', { userId }));
      const milliseconds = performance.now() - started;
      const body = openai.chatRequests().slice(before)[0]?.body as { messages: Array<{ content: string }> };
      const prompt = body.messages.reduce((sum, message) => sum + encode(message.content).length + 4, 3);
      return {
        prompt,
        vector: requests.filter((request) => request.service === 'vector').length,
        redis: requests.filter((request) => request.service === 'redis').length,
        milliseconds,
      };
    };
    const empty = await measureOne('empty-scope');
    const imported = await measureOne('imported');
    await memory.close();
    return [
      '### One model add after importing 20,000 memories (infer: false) into the scope\n',
      '| scope | prompt tokens | Vector requests | Redis requests | ms (no injected latency) |',
      '|---|---|---|---|---|',
      `| empty | ${empty.prompt} | ${empty.vector} | ${empty.redis} | ${empty.milliseconds.toFixed(0)} |`,
      `| 20,000 imported | ${imported.prompt} (${(imported.prompt / empty.prompt).toFixed(2)}×) | ${imported.vector} | ${imported.redis} | ${imported.milliseconds.toFixed(0)} |`,
      '',
    ];
  } finally {
    await openai.close();
    await servers.close();
  }
}

/** Runs the write-path benchmark and returns its markdown section. */
export async function runUpstashWritePathBenchmark(): Promise<string> {
  return [
    '## Upstash write path (emulator + REST bridge over redis-server, official clients)\n',
    ...(await measureLatencyPaths()),
    ...(await measureAfterImport()),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runUpstashWritePathBenchmark());
