import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { Memory } from '../../../src/engine/memory.js';
import { temporaryDirectories } from './helpers.js';

const directories = temporaryDirectories('memzero-readme-');
afterAll(() => directories.removeAll());

it("the README's durable store snippet runs as written and shows what it claims", async () => {
  vi.stubEnv('OPENAI_API_KEY', '');
  const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Durable store'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const path = directories.make();
  const body = `${code
    .replace(/^import .*$/m, '')
    .replaceAll("'./.memzero'", JSON.stringify(path))}\nreturn { results, again };`;
  const AsyncFunction = (async () => {}).constructor as new (
    ...args: string[]
  ) => (memory: typeof Memory) => Promise<{
    results: Array<{ memory: string }>;
    again: Memory;
  }>;
  const { results, again } = await new AsyncFunction('Memory', body)(Memory);
  expect(results.map((record) => record.memory)).toEqual(['Lives in Oslo']);
  expect(await again.describe()).toMatchObject({ vectorStore: 'sqlite', historyStore: 'sqlite' });
  await again.close();
  vi.unstubAllEnvs();
});
