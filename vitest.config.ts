import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'agent-console/e2e/**/*.test.ts'],
    pool: 'forks',
    // Two cores: two files at a time, each with its own database and Redis prefix.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['src/testing/global-setup.ts'],
  },
});
