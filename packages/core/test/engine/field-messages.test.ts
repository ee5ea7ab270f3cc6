import { chatCompletion, type OpenAIServer, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { inputLimits } from '../../src/engine/validate.js';
import { ModelOutputError, ValidationError } from '../../src/errors.js';
import { buildExtractionPrompt } from '../../src/extraction/extraction-prompt.js';
import { createOpenAILanguageModel } from '../../src/models/openai/index.js';
import type { ExtractionOperation } from '../../src/spec/extractor.js';
import { addEachUserMessage, scriptedExtractor } from './helpers.js';

// Inputs replayed from public bug reports about memory layers (issue #12, items 4 to 6 and 8).
const offline = { embedder: { provider: 'lexical' } } as const;

/** An OpenAI chat-completions turn that used a tool, as applications pass it on. */
const toolTurn = [
  { role: 'system', content: 'You are a travel agent.' },
  { role: 'user', content: 'I am allergic to peanuts. Find me a restaurant in Lisbon.' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search', arguments: '{"q":"Lisbon"}' } }],
  },
  { role: 'tool', tool_call_id: 'call_1', content: '[{"name":"Cervejaria Ramiro","rating":4.6}]' },
  { role: 'assistant', content: 'Cervejaria Ramiro is a good choice.' },
];

describe('item 4: tool-call turns', () => {
  it('keeps the user fact, skips null content and does not store tool output as facts', async () => {
    const extractor = scriptedExtractor((input) =>
      input.messages
        .filter((m) => m.role !== 'system')
        .map((m): ExtractionOperation => ({ event: 'ADD', text: m.text })),
    );
    const memory = new Memory({ ...offline, extractor });
    const result = await memory.add(toolTurn as never, { userId: 'alice' });
    expect(extractor.calls[0]!.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(result.results.map((event) => event.memory)).toEqual([
      'I am allergic to peanuts. Find me a restaurant in Lisbon.',
      'Cervejaria Ramiro is a good choice.',
    ]);
  });

  it('stores tool results only when asked, and never with infer: false by default', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const verbatim = await memory.add(toolTurn as never, { userId: 'bob', infer: false });
    expect(verbatim.results.map((event) => event.memory).join('\n')).not.toContain('Ramiro","rating');
    const withTools = await memory.add(toolTurn as never, { userId: 'carol', infer: false, includeToolResults: true });
    expect(withTools.results.map((event) => event.memory)).toContain('[{"name":"Cervejaria Ramiro","rating":4.6}]');
  });

  it('skips AI SDK and Anthropic tool-call, tool-result and reasoning parts; reads developer as system', async () => {
    const extractor = scriptedExtractor(() => []);
    const memory = new Memory({ ...offline, extractor });
    await memory.add(
      [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'input_text', text: 'My cat is Miso.' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'the user has a cat' },
            { type: 'tool-call', toolCallId: 't1', toolName: 'note', input: {} },
            { type: 'tool_use', id: 't2', name: 'note', input: {} },
            { type: 'text', text: 'Noted.' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', output: { ok: true } }] },
      ] as never,
      { userId: 'alice' },
    );
    expect(extractor.calls[0]!.messages).toEqual([
      { role: 'system', text: 'Be brief.' },
      { role: 'user', text: 'My cat is Miso.' },
      { role: 'assistant', text: 'Noted.' },
    ]);
  });

  it('still refuses a turn with no text at all, and unknown part types, with a ValidationError', async () => {
    const memory = new Memory(offline);
    await expect(
      memory.add([{ role: 'assistant', content: null, tool_calls: [] }] as never, { userId: 'alice' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      memory.add([{ role: 'user', content: [{ type: 'video', url: 'x' }] }] as never, { userId: 'alice' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('item 5: decisions about unknown or doubly-targeted memories', () => {
  it('keeps the fact of a NONE that names a memory the model was never shown, with a warning', async () => {
    const extractor = scriptedExtractor(() => [{ event: 'NONE', target: 3, text: 'Alice plays the cello' }]);
    const memory = new Memory({ ...offline, extractor });
    const result = await memory.add('I play the cello', { userId: 'alice' });
    expect(result.results).toMatchObject([{ event: 'ADD', memory: 'Alice plays the cello' }]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['unknown_memory_id']);
    const bare = scriptedExtractor(() => [{ event: 'NONE', target: 9 }]);
    const second = await new Memory({ ...offline, extractor: bare }).add('hi', { userId: 'alice' });
    expect(second.results).toMatchObject([{ event: 'NONE', noneReason: 'unknown_target' }]);
    expect(second.warnings.map((warning) => warning.code)).toEqual(['unknown_memory_id']);
  });

  it('applies the first of two UPDATEs, keeps the second as a new memory, and warns', async () => {
    let call = 0;
    const extractor = scriptedExtractor((input): ExtractionOperation[] => {
      if (call++ === 0) return [{ event: 'ADD', text: 'Lives in Paris and likes jazz' }];
      const alias = input.candidates[0]!.alias;
      return [
        { event: 'UPDATE', target: alias, text: 'Lives in Berlin' },
        { event: 'UPDATE', target: alias, text: 'Likes rock' },
      ];
    });
    const memory = new Memory({ ...offline, extractor });
    const first = await memory.add('a', { userId: 'alice' });
    const result = await memory.add('b', { userId: 'alice' });
    expect(result.results).toMatchObject([
      { event: 'UPDATE', id: first.results[0]!.id, memory: 'Lives in Berlin' },
      { event: 'ADD', memory: 'Likes rock' },
    ]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['conflicting_operations']);
  });

  it('lets UPDATE win over DELETE of the same memory in either order, naming the memory in the NONE', async () => {
    for (const order of ['delete-first', 'update-first'] as const) {
      let call = 0;
      const extractor = scriptedExtractor((input): ExtractionOperation[] => {
        if (call++ === 0) return [{ event: 'ADD', text: 'Works at Acme' }];
        const alias = input.candidates[0]!.alias;
        const update: ExtractionOperation = { event: 'UPDATE', target: alias, text: 'Works at Globex' };
        const remove: ExtractionOperation = { event: 'DELETE', target: alias };
        return order === 'delete-first' ? [remove, update] : [update, remove];
      });
      const memory = new Memory({ ...offline, extractor });
      const id = (await memory.add('a', { userId: 'alice' })).results[0]!.id!;
      const result = await memory.add('b', { userId: 'alice' });
      const none = result.results.find((event) => event.event === 'NONE');
      expect(none).toMatchObject({ id, memory: 'Works at Acme', noneReason: 'conflict' });
      expect(result.results.find((event) => event.event === 'UPDATE')).toMatchObject({ id, memory: 'Works at Globex' });
      expect(result.warnings.map((warning) => warning.code)).toEqual(['conflicting_operations']);
      expect(await memory.get(id)).toMatchObject({ status: 'active', memory: 'Works at Globex', version: 2 });
    }
  });
});

describe("item 6: Mem0's answer shapes and prompt keys", () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());
  const llm = () => createOpenAILanguageModel({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'gpt-4.1-mini' });

  it('stores {"facts": [...]} (Mem0 fact prompt) and {"memory": [...]} (Mem0 update prompt) answers', async () => {
    const memory = new Memory({ ...offline, llm: llm(), customFactExtractionPrompt: 'Mem0 style prompt' });
    server.enqueueChat(chatCompletion(JSON.stringify({ facts: ['Name is Ada', 'Likes chess'] })));
    const result = await memory.add('I am Ada and I like chess', { userId: 'ada' });
    expect(result.results.map((event) => [event.event, event.memory])).toEqual([
      ['ADD', 'Name is Ada'],
      ['ADD', 'Likes chess'],
    ]);
    expect(result.warnings).toEqual([]);
    expect(server.chatRequests()[0]!.body).toMatchObject({
      messages: [{ role: 'system', content: expect.stringMatching(/^Mem0 style prompt/) }, { role: 'user' }],
    });
    server.enqueueChat(
      chatCompletion(JSON.stringify({ memory: [{ id: '1', text: 'Loves chess', event: 'UPDATE', old_memory: 'x' }] })),
    );
    const update = await memory.add('I love chess', { userId: 'ada' });
    expect(update.results).toMatchObject([{ event: 'UPDATE', memory: 'Loves chess' }]);
  });

  it('maps customUpdateMemoryPrompt onto the decision instructions and names the expected shape on failure', async () => {
    const memory = new Memory({ ...offline, llm: llm(), customUpdateMemoryPrompt: 'Decide like Mem0 does.' });
    server.enqueueChat(chatCompletion('{"result": "ok"}'), chatCompletion('{"result": "ok"}'));
    const error = await memory.add('hello', { userId: 'zed' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect((error as Error).message).toContain('{"memories":[{"op":"ADD|UPDATE|DELETE|NONE"');
    expect((error as Error).message).toContain('custom prompt');
    const system = (server.chatRequests().at(-1)!.body as { messages: Array<{ content: string }> }).messages[0]!;
    expect(system.content).toContain('Decide like Mem0 does.');
    expect(system.content).not.toContain('For each fact, decide against Existing memories');
  });

  it("uses the same alias numbering in the prompt's example as in real calls (from 1)", () => {
    const { system, prompt } = buildExtractionPrompt({
      messages: [{ role: 'user', text: 'hi' }],
      candidates: [{ alias: 1, text: 'Likes tea' }],
      memoryType: 'semantic_memory',
      now: new Date('2026-11-30T12:00:00Z'),
    });
    expect(prompt).toContain('[1] Likes tea');
    expect(system).toContain('[1] User lives in Paris');
    expect(system).toContain('"id":1');
    expect(system).not.toMatch(/\[0\]|"id":0/);
  });
});

describe('item 8: model-written memories are capped', () => {
  it('cuts a 999,999-character memory to the application limit, with a warning', async () => {
    const huge = `${'word '.repeat(199_999)}end`;
    const extractor = scriptedExtractor(() => [{ event: 'ADD', text: huge }]);
    const memory = new Memory({ ...offline, extractor });
    const result = await memory.add('something long', { userId: 'alice' });
    const stored = await memory.get(result.results[0]!.id!);
    expect(stored!.memory.length).toBeLessThanOrEqual(inputLimits.memoryCharacters);
    expect(stored!.memory.length).toBeGreaterThan(inputLimits.memoryCharacters * 0.8);
    expect(stored!.memory.endsWith('word')).toBe(true);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['memory_truncated']);
  });
});
