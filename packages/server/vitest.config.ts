import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    // Mem0's client sends telemetry unless told not to; the tests make no outside calls.
    env: { MEM0_TELEMETRY: 'false' },
    testTimeout: 30_000,
  },
});
