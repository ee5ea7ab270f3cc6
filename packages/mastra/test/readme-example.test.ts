import { fileURLToPath } from 'node:url';
import { exampleSource, readmeExample, runExample } from '@memzero/test-tooling';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));

describe('README example', () => {
  it('shows examples/agent.ts as it runs: a new thread recalls both facts, another resource nothing', async () => {
    expect(readmeExample(readme, 'examples/agent.ts')).toBe(exampleSource(readme, 'examples/agent.ts'));
    const { stdout: output, stderr } = await runExample(packageDirectory, 'examples/agent.ts');
    expect(stderr).toBe('');
    expect(output).toContain('alice, thread 2 > I remember:\n- Likes jazz\n- Lives in Berlin\n');
    expect(output).toContain('bob > Nice to meet you!');
  }, 60_000); // a separate Node process loading the framework: seconds on a loaded machine
});
