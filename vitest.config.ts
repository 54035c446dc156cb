import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores on CI: two forks keep SQLite-heavy integration tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    globalSetup: ['tests/support/scratch-root.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/hub/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // React components in a simulated DOM, against a fake core (tests/renderer/fake-core.ts).
        extends: true,
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts'],
          // Tokyo, UTC+9: its mornings are the previous day in UTC, so a date taken from UTC shows up wrong.
          env: { TZ: 'Asia/Tokyo' },
        },
      },
    ],
  },
});
