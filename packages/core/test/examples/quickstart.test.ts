import { fileURLToPath } from 'node:url';
import { runExample } from '@memzero/test-tooling';
import { describe, expect, it } from 'vitest';

const quickstart = fileURLToPath(new URL('../../../../examples/quickstart', import.meta.url));

describe('examples/quickstart (npm run demo)', () => {
  it('runs offline and recalls each user’s own facts, never the other user’s', async () => {
    const { stdout } = await runExample(quickstart, 'src/main.ts');
    const search = (query: string): string => {
      const start = stdout.indexOf(`search(${JSON.stringify(query)}`);
      expect(start).toBeGreaterThan(-1);
      return stdout.slice(start, stdout.indexOf('search(', start + 1));
    };
    expect(search('Where does she live?')).toMatch(/Lives in Berlin/);
    expect(search('Where does she live?')).not.toMatch(/Austin/);
    expect(search('Where does he live?')).toMatch(/Lives in Austin/);
    expect(search('What food does she like?')).toMatch(/Likes sushi/);
  }, 60_000);
});
