import { fileURLToPath } from 'node:url';
import { exampleSource, readmeExample, runExample } from '@memzero/test-tooling';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));

describe('README example', () => {
  it('shows examples/agent-with-memory.ts as it runs, and a new thread recalls both facts offline', async () => {
    const example = 'examples/agent-with-memory.ts';
    expect(readmeExample(readme, example)).toBe(exampleSource(readme, example));
    const { stdout: output, stderr } = await runExample(packageDirectory, example);
    expect(stderr).toBe('');
    expect(output).toContain('- Likes jazz\n- Lives in Berlin\n</memzero-memories>');
    expect(output).toContain('retriever: Lives in Berlin\n');
  }, 60_000); // a separate Node process loading the framework: seconds on a loaded machine
});
