import { describe, expect, it } from 'vitest';
import { measureBundle, offlineAppSource } from '../../bench/bundle-size.js';

// Runs on the built dist/ (npm test builds first), bundled as an app's bundler would: esbuild, platform browser.
describe('browser bundle of @memzero/core', () => {
  it.each([
    '@memzero/core',
    '@memzero/core/stores/in-memory',
    '@memzero/core/stores/upstash-vector',
    '@memzero/core/stores/upstash-redis',
    '@memzero/core/extractors/model',
    '@memzero/core/filters',
  ])('%s bundles for the browser with no Node built-in', async (subpath) => {
    const nodeImports: string[] = [];
    await measureBundle(`export * from '${subpath}';`, nodeImports);
    expect(nodeImports).toEqual([]);
  });

  it('the check fails on a node: import, naming it', async () => {
    const nodeImports: string[] = [];
    await expect(
      measureBundle(`import { readFileSync } from 'node:fs'; console.log(readFileSync);`, nodeImports),
    ).rejects.toThrow(/node:fs/);
    expect(nodeImports).toEqual(['node:fs (from app.js)']);
  });

  // Issue 11's budget: 40 KiB gzip up front. What an offline add + search does not need on every call sits in chunks
  // loaded on demand: the filter parser (`filters`), the date parser (string dates), the verbatim path with its
  // conversation context (`infer: false`), the SQLite loader (`path`). BENCHMARKS.md has the numbers.
  it('an offline app (new Memory(), add, search, getAll) stays under its size ceiling, with no openai code', async () => {
    const size = await measureBundle(offlineAppSource);
    expect(size.gzipBytes).toBeLessThanOrEqual(40 * 1024);
    expect(size.inputs.filter((path) => /node_modules\/(openai|@upstash)\//.test(path))).toEqual([]);
    // zod validates model output only: it sits in a chunk loaded when a model is configured.
    expect(size.dependencyBytes).toEqual({});
    expect(size.code.join('\n')).not.toMatch(/api\.openai\.com/);
  });
});
