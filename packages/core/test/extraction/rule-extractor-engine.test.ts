/** The rule extractor inside the real engine, offline: what a fresh machine and the README demo run. */
import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { createRuleExtractor } from '../../src/extraction/rules/index.js';

const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } } as const;

async function texts(memory: Memory, userId: string): Promise<string[]> {
  return (await memory.getAll({ userId })).results.map((record) => record.memory).sort();
}

describe('rule extractor in the engine', () => {
  it('adds, updates, confirms and deletes across sessions', async () => {
    const memory = new Memory(offline);
    const first = await memory.add(
      [
        {
          role: 'user',
          content: "Hi, I'm Alice. I live in Paris and I work at Acme as a data engineer. I love sushi.",
        },
        { role: 'assistant', content: 'Nice to meet you Alice! I love Paris too.' },
      ],
      { userId: 'alice' },
    );
    expect(first.results.map((event) => [event.event, event.memory])).toEqual([
      ['ADD', 'Name is Alice'],
      ['ADD', 'Lives in Paris'],
      ['ADD', 'Works at Acme as a data engineer'],
      ['ADD', 'Likes sushi'],
    ]);
    expect(first.usage.llmCalls).toBe(0);
    const parisId = first.results[1]!.id!;

    const moved = await memory.add('I moved to Berlin last month', { userId: 'alice' });
    expect(moved.results).toMatchObject([
      { event: 'UPDATE', id: parisId, memory: 'Lives in Berlin', previousMemory: 'Lives in Paris' },
    ]);

    const repeat = await memory.add('I love sushi, by the way', { userId: 'alice' });
    expect(repeat.results.map((event) => event.event)).toEqual(['NONE']);

    const retracted = await memory.add('I no longer work at Acme', { userId: 'alice' });
    expect(retracted.results).toMatchObject([{ event: 'DELETE', previousMemory: 'Works at Acme as a data engineer' }]);

    expect(await texts(memory, 'alice')).toEqual(['Likes sushi', 'Lives in Berlin', 'Name is Alice']);
    const history = await memory.history(parisId);
    expect(history.map((entry) => entry.newMemory ?? null)).toContain('Lives in Berlin');
    await memory.close();
  });

  it('remembers what a new user says, one turn per add, and loses nothing to unrelated turns', async () => {
    const memory = new Memory(offline);
    const turns = [
      'Hi my name is Jeremy',
      "I'm a nurse in Leeds, what do you do?",
      'I have a cat named Luna and a dog named Rex.',
      'I passed my driving test!',
      'I ran away from the rain.',
      "I'm moving to Rome",
      'I finally got the job at the museum!',
      'Favorite color is green',
    ];
    for (const turn of turns) await memory.add(turn, { userId: 'jeremy' });
    expect(await texts(memory, 'jeremy')).toEqual([
      'Favorite color is green',
      'Has a cat named Luna',
      'Has a dog named Rex',
      'Lives in Leeds',
      'Name is Jeremy',
      'Plans to move to Rome',
      'Works at the museum as a nurse',
    ]);
    await memory.close();
  });

  it('gives a search hint that finds the memory a message changes among many others', async () => {
    // "I moved to Berlin" shares no word with "Lives in Paris"; among many memories a search on the message alone
    // can miss it. The extractor's candidate query (canonical facts + shared attribute words) finds it.
    const memory = new Memory({ ...offline, recentWriteTtlMs: 1 });
    await memory.add('I live in Paris', { userId: 'bob' });
    for (let index = 0; index < 60; index++) {
      await memory.add(`Note ${index}: moved the Berlin meeting ${index} to the other room`, {
        userId: 'bob',
        infer: false,
      });
    }
    const hint = createRuleExtractor().candidateQuery({
      messages: [{ role: 'user', text: 'I moved to Berlin' }],
      now: new Date(),
    });
    expect(hint.split('\n')).toEqual(['Lives in Berlin', 'Lives in']);
    const found = await memory.search(hint, { userId: 'bob', limit: 10 });
    expect(found.results.map((hit) => hit.memory)).toContain('Lives in Paris');
    await memory.close();
  });

  it('never touches another user', async () => {
    const memory = new Memory(offline);
    await memory.add('I live in Paris', { userId: 'alice' });
    await memory.add('I live in Rome', { userId: 'bob' });
    await memory.add('I moved to Berlin', { userId: 'alice' });
    expect(await texts(memory, 'alice')).toEqual(['Lives in Berlin']);
    expect(await texts(memory, 'bob')).toEqual(['Lives in Rome']);
    await memory.close();
  });
});
