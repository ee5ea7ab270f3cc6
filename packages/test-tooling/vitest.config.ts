import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'test-tooling',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./src/global-setup.ts'],
  },
});
