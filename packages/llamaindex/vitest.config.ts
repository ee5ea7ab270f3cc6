import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'llamaindex',
    include: ['test/**/*.test.ts'],
  },
});
