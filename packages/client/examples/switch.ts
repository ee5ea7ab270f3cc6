// The same code against the engine in process and against the service: only the constructor line differs.
import { MemoryClient } from '@memzero/client';
import { Memory } from '@memzero/core';

type MemoryApi = Pick<Memory, 'add' | 'search' | 'getAll' | 'history'>;

/** What an app does with memory, written once. */
export async function rememberAndRecall(memory: MemoryApi): Promise<string[]> {
  await memory.add("Hi, I'm Sam. I live in Paris and I love sushi.", { userId: 'sam' });
  await memory.add('I moved to Berlin!', { userId: 'sam' }); // UPDATE: "Lives in Paris" -> "Lives in Berlin"
  const { results } = await memory.search('Where does she live?', { userId: 'sam', limit: 3 });
  return results.map((hit) => hit.memory);
}

export function connect(url?: string, apiKey?: string): MemoryApi {
  return url && apiKey
    ? new MemoryClient({ url, apiKey }) // the service
    : new Memory(); // in process
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await rememberAndRecall(connect(process.env.MEMZERO_URL, process.env.MEMZERO_API_KEY)));
}
