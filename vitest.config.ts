import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/hub/**/*.test.ts'],
    environment: 'node',
    // Two cores on CI: two forks keep SQLite-heavy integration tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
