import { startUpstashTestServers, type UpstashTestServers } from '@memzero/test-tooling';
import { EdgeRuntime } from 'edge-runtime';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioOptions, ScenarioReport } from './scenario.js';

// The package as an app's bundler sees it (built dist/ through the exports map), run in the two Web runtimes that
// edge deployments use: Vercel's edge-runtime and Cloudflare's workerd (through miniflare, without nodejs_compat).
// Neither has process, Buffer, node:* modules or AsyncLocalStorage.

async function bundle(format: 'iife' | 'esm', footer = ''): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./scenario.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    conditions: ['edge-light', 'workerd', 'worker', 'browser'],
    format,
    ...(format === 'iife' ? { globalName: 'memzeroScenario' } : {}),
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    footer: { js: footer },
  });
  return result.outputFiles[0]!.text;
}

interface Runtime {
  run(options: ScenarioOptions): Promise<ScenarioReport>;
  close(): Promise<void>;
}

async function edgeRuntime(): Promise<Runtime> {
  const runtime = new EdgeRuntime({ initialCode: await bundle('iife') });
  return {
    run: async (options) =>
      (await runtime.evaluate(`memzeroScenario.runScenario(${JSON.stringify(options)})`)) as ScenarioReport,
    close: async () => undefined,
  };
}

async function workerd(): Promise<Runtime> {
  const worker = `${await bundle('esm')}
export default {
  async fetch(request) {
    try {
      return Response.json(await runScenario(await request.json()));
    } catch (error) {
      return Response.json({ error: String(error && error.stack || error) }, { status: 500 });
    }
  },
};`;
  // Modules listed explicitly: miniflare's own dependency walk rejects the non-literal import() that the engine keeps
  // for backends chosen by name (never called here); workerd itself accepts it, as it does from wrangler's bundle.
  const miniflare = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.mjs', contents: worker }],
    compatibilityDate: '2025-09-01',
  });
  await miniflare.ready;
  return {
    run: async (options) => {
      const response = await miniflare.dispatchFetch('http://worker/', {
        method: 'POST',
        body: JSON.stringify(options),
      });
      const body = (await response.json()) as ScenarioReport & { error?: string };
      if (body.error) throw new Error(`workerd: ${body.error}`);
      return body;
    },
    close: () => miniflare.dispose(),
  };
}

let servers: UpstashTestServers;
beforeAll(async () => {
  // Queries see writes only after a minute: read-after-write must come from Redis and fetch by id, as on Upstash.
  servers = await startUpstashTestServers({ vector: { visibilityDelayMs: 60_000 } });
});
afterAll(() => servers?.close());

describe.each([
  ['edge-runtime', edgeRuntime],
  ['workerd', workerd],
])('%s', (name, start) => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await start();
  });
  afterAll(() => runtime?.close());

  it('runs the offline default: add, update, search, getAll, history', async () => {
    const report = await runtime.run({});
    expect(report.runtime).toEqual({ process: 'undefined', buffer: 'undefined' });
    expect(report.offline).toBe(true);
    expect(report.added).toEqual(['ADD Name is Alice', 'ADD Lives in Paris', 'ADD Likes sushi']);
    expect(report.updated).toEqual(['UPDATE Lives in Berlin']);
    expect(report.found[0]).toBe('Lives in Berlin');
    expect(report.all).toEqual(['Likes sushi', 'Lives in Berlin', 'Name is Alice']);
    expect(report.history).toEqual(['ADD Lives in Paris', 'UPDATE Lives in Berlin']);
  });

  it('runs on the Upstash stores (emulator and REST bridge on loopback, queries lagging)', async () => {
    const upstash = {
      vectorUrl: servers.vector.url,
      vectorToken: servers.vector.token,
      redisUrl: servers.redis.url,
      redisToken: servers.redis.token,
      namespace: `runtime-${name}`,
    };
    const report = await runtime.run({ upstash });
    expect(report.offline).toBe(true);
    expect(report.added).toEqual(['ADD Name is Alice', 'ADD Lives in Paris', 'ADD Likes sushi']);
    // The update found "Lives in Paris" although no query can see it yet: recent writes in Redis, fetch by id.
    expect(report.updated).toEqual(['UPDATE Lives in Berlin']);
    expect(report.all).toEqual(['Likes sushi', 'Lives in Berlin', 'Name is Alice']);
    expect(report.history).toEqual(['ADD Lives in Paris', 'UPDATE Lives in Berlin']);
    expect(report.byName).toMatchObject({ code: 'configuration' });
    expect(report.byName?.message).toContain(
      "import { createUpstashVectorStore } from '@memzero/core/stores/upstash-vector'",
    );
    // Written through HTTP for real: a second run in the same scope finds them (no duplicates).
    const again = await runtime.run({ upstash });
    expect(again.added).toEqual(expect.arrayContaining(['NONE Name is Alice', 'NONE Likes sushi']));
    expect(again.all).toEqual(['Likes sushi', 'Lives in Berlin', 'Name is Alice']);
  });
});
