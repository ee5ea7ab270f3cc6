import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'nextjs-chat',
    include: ['test/**/*.test.ts'],
    // One browser and one `next start` at a time: the machine has two cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
