import { defineConfig } from 'vitest/config';

/**
 * The server's integration suites that also run against PostgreSQL (issue: "the integration
 * suite of the server runs against both stores"): journey, notes and consent, concurrency,
 * idempotency, restart, privacy, access, malformed input, retention, statistics, SIGKILL during a
 * burst, and the region's own (two offices in one database, the server and CLI on it).
 */
const BOTH_STORES = [
  'test/integration/journey.test.ts',
  'test/integration/notes.test.ts',
  'test/integration/concurrency.test.ts',
  'test/integration/idempotency.test.ts',
  'test/integration/restart.test.ts',
  'test/integration/privacy.test.ts',
  'test/integration/access.test.ts',
  'test/integration/malformed.test.ts',
  'test/integration/retention.test.ts',
  'test/integration/statistics.test.ts',
  'test/integration/reception.test.ts',
  'test/integration/adminAudit.test.ts',
  'test/integration/hardening.test.ts',
  'test/integration/faults/crash.test.ts',
  'test/integration/region/*.test.ts',
];

export default defineConfig({
  test: {
    // better-sqlite3 is a native module: separate processes keep each test file's handles apart.
    pool: 'forks',
    setupFiles: ['test/setup/equality.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // Several offices in one database: PostgreSQL's alone.
          exclude: ['test/integration/region/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: BOTH_STORES,
          env: { MOTESPLATS_TEST_STORE: 'postgres' },
          // One PostgreSQL server for the project, started by the tests themselves.
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
    ],
  },
});
