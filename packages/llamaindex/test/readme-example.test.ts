import { fileURLToPath } from 'node:url';
import { exampleSource, readmeExample, runExample } from '@memzero/test-tooling';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));

describe('README example', () => {
  it('shows examples/chat-engine.ts as it runs: a new conversation recalls both facts, another user nothing', async () => {
    const example = 'examples/chat-engine.ts';
    expect(readmeExample(readme, example)).toBe(exampleSource(readme, example));
    const { stdout: output, stderr } = await runExample(packageDirectory, example);
    const [, alice, bob] = output.split(/^(?=alice: Any|bob: )/m);
    expect(alice).toContain('[system] <memzero-memories>');
    expect(alice).toContain('- Likes jazz\n  - Lives in Berlin');
    expect(bob).not.toContain('memzero-memories');
    // One copy of @llamaindex/core (the documented install): two copies print this on every start.
    expect(stderr).not.toContain('already imported');
  }, 60_000); // a separate Node process loading the framework: seconds on a loaded machine
});
