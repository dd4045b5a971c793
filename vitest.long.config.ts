import { defineConfig } from 'vitest/config';

/**
 * `npm run test:long`: the fault suite (test/integration/faults) with hundreds of rounds, and
 * the soak; and the SIGKILL rounds again on a PostgreSQL the tests start. The files run one
 * after another, so that the timings and memory figures they measure are not disturbed by each
 * other on a small machine.
 */
export default defineConfig({
  test: {
    env: { MOTESPLATS_LONG: '1' },
    pool: 'forks',
    setupFiles: ['test/setup/equality.ts'],
    fileParallelism: false,
    testTimeout: 3_600_000,
    hookTimeout: 900_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/integration/faults/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/integration/faults/crash.test.ts'],
          env: { MOTESPLATS_LONG: '1', MOTESPLATS_TEST_STORE: 'postgres' },
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
    ],
  },
});
