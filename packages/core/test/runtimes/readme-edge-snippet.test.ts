import { readFileSync } from 'node:fs';
import { startUpstashTestServers } from '@memzero/test-tooling';
import { EdgeRuntime } from 'edge-runtime';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

// The README's edge snippet ("Runtimes, bundlers and TypeScript"), as written, bundled and run in edge-runtime with
// the Upstash variables pointing at the emulator and the REST bridge.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const snippet = /- \*\*Backends by name\.\*\*[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1]?.replace(/^ {2}/gm, '');
const servers = await startUpstashTestServers();
afterAll(() => servers.close());

it('the README edge snippet runs in edge-runtime on the Upstash stores', async () => {
  expect(snippet).toContain('createUpstashVectorStore()');
  const usage = `${snippet}
export async function run() {
  await memory.add('I love sushi', { userId: 'readme' });
  return (await memory.search('sushi', { userId: 'readme' })).results.map((hit) => hit.memory);
}`;
  const bundled = await build({
    stdin: { contents: usage, resolveDir: new URL('.', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    conditions: ['edge-light', 'worker', 'browser'],
    format: 'iife',
    globalName: 'snippet',
    write: false,
    logLevel: 'silent',
  });
  // The edge runtime exposes deployment variables as process.env; memzero reads them from there when present.
  const env = {
    UPSTASH_VECTOR_REST_URL: servers.vector.url,
    UPSTASH_VECTOR_REST_TOKEN: servers.vector.token,
    UPSTASH_REDIS_REST_URL: servers.redis.url,
    UPSTASH_REDIS_REST_TOKEN: servers.redis.token,
  };
  const runtime = new EdgeRuntime({
    initialCode: `globalThis.process = { env: ${JSON.stringify(env)} };\n${bundled.outputFiles[0]!.text}`,
  });
  expect(await runtime.evaluate('snippet.run()')).toEqual(['Likes sushi']);
});
