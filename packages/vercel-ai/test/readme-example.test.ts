import { fileURLToPath } from 'node:url';
import { exampleSource, readmeExample, runExample } from '@memzero/test-tooling';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));

describe('README example', () => {
  it('shows examples/basic.ts as it runs, and the second turn recalls both facts offline', async () => {
    expect(readmeExample(readme, 'examples/basic.ts')).toBe(exampleSource(readme, 'examples/basic.ts'));
    const { stdout: output, stderr } = await runExample(packageDirectory, 'examples/basic.ts');
    expect(stderr).toBe('');
    expect(output).toContain('turn 1 > Nice to meet you!');
    expect(output).toContain('turn 2 > I remember:\n- Is vegetarian\n- Lives in Berlin\n');
  }, 60_000); // a separate Node process loading the framework: seconds on a loaded machine
});
