import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));

/** Loads a module in a plain Node process in which importing `vitest` fails, as for a Jest or node:test user. */
function importWithoutVitest(specifier: string): Promise<string> {
  const hooks = `data:text/javascript,${encodeURIComponent(
    "export async function resolve(s, c, next) { if (s === 'vitest' || s.startsWith('vitest/')) throw new Error('vitest is not installed'); return next(s, c); }",
  )}`;
  const script = `
    import { register } from 'node:module';
    register(${JSON.stringify(hooks)});
    const testing = await import(${JSON.stringify(specifier)});
    const model = new testing.MockLanguageModel({ responses: [{ text: '{}' }] });
    const embedder = new testing.MockEmbedder({ dimension: 4 });
    console.log(Object.keys(testing).sort().join(','), typeof model.generate, (await embedder.embed({ texts: ['a'], purpose: 'query' })).embeddings[0].length);
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: packageDirectory },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())),
    );
  });
}

describe('@memzero/core/testing', () => {
  it('loads and works without vitest (the mocks are runner-free); the conformance suites need it', async () => {
    const output = await importWithoutVitest('@memzero/core/testing');
    expect(output).toContain('MockEmbedder');
    expect(output).toContain('MockLanguageModel');
    expect(output).not.toContain('describeVectorStoreConformance');
    expect(output).toMatch(/ function 4$/);
    await expect(importWithoutVitest('@memzero/core/testing/conformance')).rejects.toThrow(/vitest is not installed/);
  }, 30_000);
});
