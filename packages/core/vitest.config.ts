import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    // Property-based suites run thousands of cases; a loaded 2-core machine must not turn them into timeouts.
    testTimeout: 30_000,
  },
});
