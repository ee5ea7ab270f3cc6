import { performance } from 'node:perf_hooks';
import { Memory } from '../src/engine/memory.js';

export interface LatencyRow {
  memories: number;
  layout: string;
  p50: number;
  p95: number;
  storeCallsPerSearch: number;
}

export const words = (
  'coffee tea hiking paris berlin lisbon nurse engineer teacher dog cat sister brother wife husband son daughter ' +
  'sushi ramen pizza jazz piano guitar football tennis running marathon japan spain italy garden book novel ' +
  'movie concert museum beach mountain bike car train flight hotel birthday wedding party doctor dentist gym ' +
  'yoga chess painting photography cooking baking vegan vegetarian allergy peanuts gluten job office startup ' +
  'project deadline meeting conference holiday summer winter spring autumn morning evening weekend'
).split(' ');

export function syntheticFact(index: number): string {
  const pick = (offset: number): string => words[(index * 7919 + offset * 104729) % words.length]!;
  return `Memory ${index}: likes ${pick(1)} and ${pick(2)}, talked about ${pick(3)} near ${pick(4)} with ${pick(5)}`;
}

/**
 * `search` latency through the whole engine (query embedding, hybrid query, fusion) on the embedded store, with all
 * memories in one user's scope (the worst case) or spread over 1,000 users.
 */
export async function measureSearchLatency(
  sizes: number[],
  onRow: (row: LatencyRow) => void,
  queries = 200,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const size of sizes) {
    for (const layout of ['one user', '1,000 users'] as const) {
      const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
      const userOf = (index: number): string => (layout === 'one user' ? 'user-0' : `user-${index % 1_000}`);
      const batch = 200;
      for (let start = 0; start < size; start += batch) {
        const byUser = new Map<string, string[]>();
        for (let index = start; index < Math.min(size, start + batch); index++) {
          byUser.set(userOf(index), [...(byUser.get(userOf(index)) ?? []), syntheticFact(index)]);
        }
        for (const [userId, texts] of byUser) {
          await memory.add(
            texts.map((content) => ({ role: 'user' as const, content })),
            { userId, infer: false },
          );
        }
      }
      const timings: number[] = [];
      let storeCalls = 0;
      for (let index = 0; index < queries + 20; index++) {
        const query = `does the user like ${words[index % words.length]} or ${words[(index * 13) % words.length]}?`;
        const started = performance.now();
        const result = await memory.search(query, { userId: userOf(index), limit: 10 });
        const elapsed = performance.now() - started;
        if (index >= 20) {
          timings.push(elapsed);
          storeCalls += result.usage.storeCalls;
        }
      }
      timings.sort((left, right) => left - right);
      const row: LatencyRow = {
        memories: size,
        layout,
        p50: timings[Math.floor(timings.length * 0.5)]!,
        p95: timings[Math.floor(timings.length * 0.95)]!,
        storeCallsPerSearch: storeCalls / queries,
      };
      rows.push(row);
      onRow(row);
      await memory.close();
    }
  }
  return rows;
}
