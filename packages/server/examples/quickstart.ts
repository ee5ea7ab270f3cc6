// Run the service, then use it from Mem0's own client and from @memzero/client.
// `npx tsx examples/quickstart.ts` (from packages/server); the tests run it too.

import { MemoryClient } from '@memzero/client';
import { startMemoryServer } from '@memzero/server/node';
import { MemoryClient as Mem0Client } from 'mem0ai';

export async function main(log: (line: string) => void = console.log): Promise<void> {
  const server = await startMemoryServer({ port: 0, apiKeys: ['my-secret-key-1'] }); // in-process store, offline models
  try {
    // Mem0's platform client, unmodified: only the host changes.
    const mem0 = new Mem0Client({ apiKey: 'my-secret-key-1', host: server.url });
    await mem0.add([{ role: 'user', content: "I'm Alice. I live in Paris and I love sushi." }], {
      userId: 'alice',
      asyncMode: false,
    } as never);
    const found = await mem0.search('Where does she live?', { filters: { user_id: 'alice' } });
    log(`mem0ai:          ${found.results[0]?.memory}`);

    // memzero's client: the engine's method names and result types.
    const memory = new MemoryClient({ url: server.url, apiKey: 'my-secret-key-1' });
    const moved = await memory.add('I moved to Berlin!', { userId: 'alice' });
    log(`@memzero/client: ${moved.results.map((event) => `${event.event} ${event.memory}`).join(', ')}`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
