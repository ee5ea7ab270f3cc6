import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/nextjs-chat'],
    reporters: ['default', './scripts/summary-reporter.mjs'],
  },
});
