import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIsolatedInstall, repositoryRoot } from './isolated-install.js';

// @memzero/core installed as an app gets it from the registry (its dependencies only: no openai, no @upstash/*),
// loaded by plain Node, ESM and CommonJS.
const coreDirectory = join(repositoryRoot, 'packages/core');
const app = createIsolatedInstall({
  directory: mkdtempSync(join(tmpdir(), 'memzero-isolated-')),
  workspacePackages: [coreDirectory],
  links: [{ name: 'zod', from: coreDirectory }],
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

function run(file: string, source: string, environment: Record<string, string> = {}): unknown {
  writeFileSync(join(app, file), source);
  const { OPENAI_API_KEY: _key, ...inherited } = process.env;
  const output = execFileSync(process.execPath, [file], { cwd: app, env: { ...inherited, ...environment } });
  return JSON.parse(output.toString());
}

const secret = 'sk-isolated-test-secret-0123456789';
const attempts = `
import { ConfigurationError, Memory } from '@memzero/core';
const offline = { llm: { provider: 'rules' }, embedder: { provider: 'lexical' } };
const configs = {
  vector: { ...offline, vectorStore: { provider: 'upstash', config: { url: 'http://127.0.0.1:9', token: '${secret}' } } },
  redis: { ...offline, historyStore: { provider: 'upstash-redis', config: { url: 'http://127.0.0.1:9', token: '${secret}' } } },
  openai: { ...offline, llm: { provider: 'openai', config: { apiKey: '${secret}' } } },
  groqEmbedder: { ...offline, embedder: { provider: 'groq', config: { apiKey: '${secret}' } } },
  defaultWithKey: {},
};
const chain = (error) => error ? [error.message, ...chain(error.cause)] : [];
const results = {};
for (const [name, config] of Object.entries(configs)) {
  try {
    await new Memory(config).describe();
    results[name] = 'no error';
  } catch (error) {
    results[name] = { configuration: ConfigurationError.isInstance(error), code: error.code, message: error.message, chain: chain(error).join(' | ') };
  }
}
console.log(JSON.stringify(results));
`;

describe('optional packages that are not installed', () => {
  it('each configuration that needs one fails with a ConfigurationError naming the package to install', () => {
    const results = run('attempts.mjs', attempts, { OPENAI_API_KEY: secret }) as Record<
      string,
      { configuration: boolean; code: string; message: string; chain: string }
    >;
    const expected = {
      vector: 'vectorStore.provider "upstash" needs the optional package @upstash/vector',
      redis: 'historyStore.provider "upstash-redis" needs the optional package @upstash/redis',
      openai: 'llm.provider "openai" needs the optional package openai',
      groqEmbedder: 'embedder.provider "groq" needs the optional package openai',
      defaultWithKey: 'the default llm (OpenAI, because OPENAI_API_KEY is set',
    };
    for (const [name, start] of Object.entries(expected)) {
      expect(results[name], name).toMatchObject({ configuration: true, code: 'configuration' });
      expect(results[name]!.message).toContain(start);
      expect(results[name]!.chain).not.toContain(secret);
    }
    expect(results.vector!.message).toContain('npm install @upstash/vector');
    expect(results.defaultWithKey!.message).toContain("llm: { provider: 'rules' } stays offline");
  });

  it('the offline default runs without them, from ESM and from CommonJS require()', () => {
    const scenario = (load: string): string => `${load}
const memory = new Memory();
memory.add("I'm Alice and I live in Paris.", { userId: 'alice' })
  .then(() => memory.search('Where does she live?', { userId: 'alice' }))
  .then((found) => console.log(JSON.stringify(found.results.map((hit) => hit.memory))));`;
    expect(run('esm.mjs', scenario("import { Memory } from '@memzero/core';"))).toContain('Lives in Paris');
    expect(run('cjs.cjs', scenario("const { Memory } = require('@memzero/core');"))).toContain('Lives in Paris');
  });
});
