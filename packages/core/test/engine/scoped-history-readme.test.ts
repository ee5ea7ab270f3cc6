import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';

// The multi-tenant snippet of packages/core/README.md, as written there, on the offline default.
describe('README: scoped history and chat sessions', () => {
  it('shows history and chat sessions to their own tenant only', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const alice = { userId: 'alice' };
    const { results } = await memory.add('I live in Paris.', alice);
    const own = await memory.history(results[0]!.id!, alice);
    const other = await memory.history(results[0]!.id!, { userId: 'mallory' });
    const chat = memory.messages.forScope(alice);
    await chat.append('chat-1', [{ role: 'user', content: 'hi' }]);
    const foreign = await memory.messages.forScope({ userId: 'mallory' }).list('chat-1');

    expect(own).toMatchObject([{ event: 'ADD', newMemory: 'Lives in Paris' }]);
    expect(own[0]!.scope).toEqual(alice);
    expect(other).toEqual([]);
    expect(foreign).toEqual([]);
    expect((await chat.list('chat-1')).map((message) => message.content)).toEqual(['hi']);
    // Without a scope, history stays what Mem0 code expects (every entry).
    expect(await memory.history(results[0]!.id!)).toHaveLength(1);
  });
});
