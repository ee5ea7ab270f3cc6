import { describe, expect, it } from 'vitest';
import { ConfigurationError, Memory, scopedMessageLog, ValidationError } from '../../src/index.js';

describe('scopedMessageLog', () => {
  it('scopes the log when the options name a scope, and keeps the unscoped log otherwise', async () => {
    const memory = new Memory({ llm: { provider: 'rules' }, embedder: { provider: 'lexical' } });
    const alice = scopedMessageLog(memory.messages, { user_id: 'alice' }, 'TestHistory');
    const unscoped = scopedMessageLog(memory.messages, { sessionId: 'x' }, 'TestHistory');
    expect(unscoped).toBe(memory.messages);
    await alice.append('chat', [{ role: 'user', content: 'hi' }]);
    expect((await memory.messages.forScope({ userId: 'alice' }).list('chat')).map((m) => m.content)).toEqual(['hi']);
    expect(await unscoped.list('chat')).toEqual([]);
    expect(() => scopedMessageLog(memory.messages, { userId: 42 }, 'TestHistory')).toThrow(ValidationError);
    const legacy = { list: memory.messages.list.bind(memory.messages) };
    expect(() => scopedMessageLog(legacy, { userId: 'alice' }, 'TestHistory')).toThrow(ConfigurationError);
    await memory.close();
  });
});
