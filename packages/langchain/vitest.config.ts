import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'langchain',
    include: ['test/**/*.test.ts'],
    // The LangGraph checkpoint validation suite registers its tests through vitest's globals.
    globals: true,
    globalSetup: ['@memzero/test-tooling/global-setup'],
  },
});
