import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'vercel-ai',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
  },
});
