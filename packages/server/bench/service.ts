/**
 * The service's overhead: `search` and `infer: false` `add` through HTTP on loopback (`@memzero/client` against
 * `memzero-server` in the same process) versus the same calls on an in-process `Memory`, same engine config
 * (offline extractor and embedder, in-process store). Run from `npm run bench` (section `server`).
 */
import { performance } from 'node:perf_hooks';
import { MemoryClient } from '@memzero/client';
import { Memory } from '@memzero/core';
import { startMemoryServer } from '../src/node.js';

interface Row {
  operation: string;
  path: string;
  p50: number;
  requestsPerSecond: number;
}

type Engine = Pick<Memory, 'add' | 'search'>;

const key = 'bench-key-0000001';
const users = 50;
const seeded = 2_000;
const sequential = 300;
const concurrent = 400;
const concurrency = 8;

function fact(index: number): string {
  const topics = ['coffee', 'hiking', 'berlin', 'piano', 'sushi', 'marathon', 'garden', 'chess', 'jazz', 'yoga'];
  return `Note ${index}: talked about ${topics[index % 10]} and ${topics[(index * 7) % 10]} on day ${index % 31}`;
}

async function timeCalls(count: number, parallel: number, call: (index: number) => Promise<unknown>) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const index = next++;
        const start = performance.now();
        await call(index);
        durations.push(performance.now() - start);
      }
    }),
  );
  const elapsed = performance.now() - started;
  durations.sort((a, b) => a - b);
  return { p50: durations[Math.floor(durations.length / 2)]!, requestsPerSecond: (count / elapsed) * 1_000 };
}

async function measure(path: string, engine: Engine): Promise<Row[]> {
  for (let start = 0; start < seeded; start += 100) {
    const texts = Array.from({ length: 100 }, (_, offset) => ({
      role: 'user' as const,
      content: fact(start + offset),
    }));
    await engine.add(texts, { userId: `user-${(start / 100) % users}`, infer: false });
  }
  const search = (index: number) =>
    engine.search(`what about ${fact(index).split(' ')[4]}`, { userId: `user-${index % users}` });
  const add = (offset: number) => (index: number) =>
    engine.add(`fresh ${offset + index}: ${fact(offset + index)}`, { userId: `user-${index % users}`, infer: false });
  await timeCalls(50, 1, search);
  const rows: Row[] = [];
  const searchSequential = await timeCalls(sequential, 1, search);
  const searchParallel = await timeCalls(concurrent, concurrency, search);
  rows.push({
    operation: 'search',
    path,
    p50: searchSequential.p50,
    requestsPerSecond: searchParallel.requestsPerSecond,
  });
  const addSequential = await timeCalls(sequential, 1, add(100_000));
  const addParallel = await timeCalls(concurrent, concurrency, add(200_000));
  rows.push({
    operation: 'add (infer: false)',
    path,
    p50: addSequential.p50,
    requestsPerSecond: addParallel.requestsPerSecond,
  });
  return rows;
}

export async function runServiceBenchmark(): Promise<string> {
  const config = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } };
  const inProcess = await measure('in-process `Memory`', new Memory(config));
  const server = await startMemoryServer({ port: 0, apiKeys: [key], memory: config });
  let service: Row[];
  try {
    service = await measure('service (HTTP, `@memzero/client`)', new MemoryClient({ url: server.url, apiKey: key }));
  } finally {
    await server.stop();
  }
  const lines = [
    `## Service overhead (loopback HTTP, ${seeded.toLocaleString('en')} memories over ${users} users, offline engine)`,
    '',
    `p50 of ${sequential} sequential calls; requests/s with ${concurrency} concurrent callers over ${concurrent} calls.`,
    '',
    '| operation | path | p50 ms | requests/s | p50 ratio (service / in-process) | throughput ratio (service / in-process) |',
    '|---|---|---|---|---|---|',
  ];
  for (const [index, row] of service.entries()) {
    const base = inProcess[index]!;
    lines.push(
      `| ${base.operation} | ${base.path} | ${base.p50.toFixed(2)} | ${base.requestsPerSecond.toFixed(0)} | 1.00 | 1.00 |`,
    );
    lines.push(
      `| ${row.operation} | ${row.path} | ${row.p50.toFixed(2)} | ${row.requestsPerSecond.toFixed(0)} | ${(row.p50 / base.p50).toFixed(2)} | ${(row.requestsPerSecond / base.requestsPerSecond).toFixed(2)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
