import { inspect } from 'node:util';
import { apiError, type OpenAIServer, startOpenAIServer } from '@memzero/test-tooling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Memory } from '../../src/engine/memory.js';
import { ConfigurationError, MissingScopeError, ModelCallError, ValidationError } from '../../src/errors.js';
import { createOpenAIEmbedder, createOpenAILanguageModel } from '../../src/models/openai/index.js';
import type { Warning } from '../../src/spec/results.js';
import { addEachUserMessage, scriptedExtractor } from './helpers.js';

// Issue #12, items 13 to 16, and issue #14 item 6 (Mem0's scope inside AND, provider errors in the constructor).
const offline = { embedder: { provider: 'lexical' } } as const;
const apiKey = 'sk-proj-LEAKED-KEY-0123456789abcdef';

/** Everything `console.error(error)` would print, causes included, plus every own property of every cause. */
function everythingPrinted(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true })];
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    parts.push(JSON.stringify(cause, Object.getOwnPropertyNames(cause)));
  }
  return parts.join('\n');
}

describe('item 13: no key and no memory text in the error chain', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  it('drops what a provider echoed in a 401 (the key) and a 500 (the prompt), keeping status and code', async () => {
    const llm = createOpenAILanguageModel({ apiKey, baseURL: server.baseURL, model: 'gpt-4.1-mini', maxRetries: 0 });
    const memory = new Memory({ ...offline, llm });
    server.enqueueChat(
      apiError(401, { message: `Incorrect API key provided: ${apiKey}.`, code: 'invalid_api_key' }),
      apiError(500, { message: 'failed on prompt: user: My PIN is 4321' }),
    );
    const unauthorized = await memory.add('My PIN is 4321', { userId: 'alice' }).catch((caught: unknown) => caught);
    expect(unauthorized).toBeInstanceOf(ModelCallError);
    expect((unauthorized as ModelCallError).cause).toMatchObject({ status: 401, code: 'invalid_api_key' });
    const failed = await memory.add('My PIN is 4321', { userId: 'alice' }).catch((caught: unknown) => caught);
    expect((failed as ModelCallError).cause).toMatchObject({ status: 500 });
    for (const error of [unauthorized, failed]) {
      const printed = everythingPrinted(error);
      expect(printed).not.toContain('LEAKED-KEY');
      expect(printed).not.toContain('4321');
      expect(printed).not.toContain('Bearer');
    }
  });

  it('does the same for embedder failures and for any bridge that throws its own error type', async () => {
    const embedder = createOpenAIEmbedder({ apiKey, baseURL: server.baseURL, maxRetries: 0 });
    server.enqueueEmbeddings(apiError(401, { message: `bad key ${apiKey}` }));
    const embedError = await new Memory({ embedder }).search('my secret diary', { userId: 'alice' }).catch((e) => e);
    expect(everythingPrinted(embedError)).not.toContain('LEAKED-KEY');
    class ProviderError extends Error {
      body = { prompt: 'user: I have diabetes', headers: { authorization: `Bearer ${apiKey}` } };
    }
    const extractor = scriptedExtractor(() => {
      throw new ProviderError(`request with ${apiKey} failed for "I have diabetes"`, { cause: new Error(apiKey) });
    });
    const bridged = await new Memory({ ...offline, extractor }).add('I have diabetes', { userId: 'a' }).catch((e) => e);
    expect(bridged).toBeInstanceOf(ModelCallError);
    const printed = everythingPrinted(bridged);
    expect(printed).not.toContain('LEAKED-KEY');
    expect(printed).not.toContain('diabetes');
    expect((bridged as ModelCallError).cause).toMatchObject({ name: 'Error' });
  });
});

describe('item 14: an aborted add writes nothing', () => {
  it('stops between steps when the model ignores the signal', async () => {
    const controller = new AbortController();
    const extractor = scriptedExtractor(() => {
      controller.abort(); // the model call "finishes" after the caller gave up, ignoring the signal
      return [{ event: 'ADD', text: 'Likes tea' }];
    });
    const memory = new Memory({ ...offline, extractor });
    await expect(memory.add('I like tea', { userId: 'alice', signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
    await expect(
      memory.add('I like tea', { userId: 'alice', infer: false, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await expect(memory.add('I like tea', { userId: 'alice', signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(extractor.calls).toHaveLength(1);
    expect((await memory.getAll({ userId: 'alice' })).results).toEqual([]);
  });
});

describe('item 15: an update that changes nothing', () => {
  it('keeps the version and writes no history for {} or the current values', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const id = (await memory.add('Likes tea', { userId: 'alice', metadata: { topic: 'food' } })).results[0]!.id!;
    const before = await memory.get(id);
    expect(await memory.update(id, {})).toEqual(before);
    expect(await memory.update(id, { text: 'Likes tea', metadata: { topic: 'food' } })).toEqual(before);
    expect((await memory.history(id)).map((entry) => entry.event)).toEqual(['ADD']);
    const changed = await memory.update(id, { metadata: { topic: 'drinks' } });
    expect(changed.version).toBe(2);
    expect((await memory.history(id)).map((entry) => entry.event)).toEqual(['ADD', 'UPDATE']);
  });
});

describe('item 16: unsupported config keys and options', () => {
  it('warns once at construction for Mem0 keys memzero ignores, with a typed warning and no values', () => {
    const received: Warning[] = [];
    const memory = new Memory({
      ...offline,
      graphStore: { provider: 'neo4j', config: { password: 'hunter2' } },
      customCategories: [{ secret: 'hunter2' }],
      disableHistory: true,
      asyncMode: true,
      version: 'v1.1',
      onWarning: (warning: Warning) => received.push(warning),
    } as never);
    expect(received.map((warning) => warning.code)).toEqual(Array(4).fill('unsupported_option'));
    expect(received.map((warning) => warning.message).join(' ')).toMatch(/graph.*categor.*history.*asyncMode/s);
    expect(JSON.stringify(received)).not.toContain('hunter2');
    expect(memory.configWarnings).toEqual(received);
  });

  it('throws ConfigurationError in the constructor for what cannot work as asked', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ enableGraph: true }, /graph memory is not supported/],
      [{ reranker: { provider: 'cohere', config: { apiKey: 'co-secret' } } }, /Reranker instance/],
      [
        { llm: { provider: 'anthropic', config: { apiKey: 'sk-ant-secret' } } },
        /createAiSdkLanguageModel.*createLangChainLanguageModel/,
      ],
      [{ embedder: { provider: 'huggingface' } }, /createAiSdkEmbedder/],
      [{ vectorStore: { provider: 'qdrant' } }, /built in: in-memory.*upstash/],
      [{ historyStore: { provider: 'sqlite' } }, /historyStore\.provider "sqlite"/],
      [{ vector_store: { provider: 'upstash' } }, /spelled vectorStore/],
      [{ vectorstore: {} }, /unknown config key "vectorstore"/],
      [{ llm: 'gpt-4.1' }, /llm must be/],
    ];
    for (const [config, message] of cases) {
      let thrown: unknown;
      try {
        new Memory(config as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(Object.keys(config))).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toMatch(/secret/);
    }
  });

  it('reports unsupported per-call Mem0 options as warnings in the result', async () => {
    const memory = new Memory({ ...offline, extractor: addEachUserMessage });
    const added = await memory.add('Likes tea', { userId: 'alice', includes: 'food', async_mode: true } as never);
    expect(added.warnings.filter((warning) => warning.code === 'unsupported_option')).toHaveLength(2);
    const found = await memory.search('tea', { userId: 'alice', keyword_search: true } as never);
    expect(found.warnings).toMatchObject([{ code: 'unsupported_option', message: expect.stringMatching(/hybrid/) }]);
  });

  it('accepts the upstash_vector spelling', () => {
    expect(() => new Memory({ vectorStore: { provider: 'upstash_vector', config: {} } })).not.toThrow();
  });
});

describe("issue 14, item 6: Mem0's scope inside AND", () => {
  it('reads user_id from filters: { AND: [...] } and still applies the rest of the filter', async () => {
    const memory = new Memory(offline);
    await memory.add('Tea at noon', { userId: 'alice', infer: false, metadata: { topic: 'food' } });
    await memory.add('Tea with Bob', { userId: 'alice', infer: false, metadata: { topic: 'people' } });
    await memory.add('Tea for Carol', { userId: 'carol', infer: false, metadata: { topic: 'food' } });
    const filters = { AND: [{ user_id: 'alice' }, { topic: 'food' }] };
    expect((await memory.search('tea', { filters })).results.map((hit) => hit.memory)).toEqual(['Tea at noon']);
    expect((await memory.getAll({ filters })).results.map((record) => record.memory)).toEqual(['Tea at noon']);
  });

  it('never takes a scope from OR or NOT, and refuses two values for one field', async () => {
    const memory = new Memory(offline);
    await expect(memory.search('tea', { filters: { OR: [{ user_id: 'alice' }] } })).rejects.toBeInstanceOf(
      MissingScopeError,
    );
    await expect(memory.search('tea', { filters: { NOT: [{ user_id: 'alice' }] } })).rejects.toBeInstanceOf(
      MissingScopeError,
    );
    await expect(
      memory.search('tea', { filters: { user_id: 'alice', AND: [{ user_id: 'bob' }] } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
