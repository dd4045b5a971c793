import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // better-sqlite3 is a native module: separate processes keep each test file's handles apart.
    pool: 'forks',
    setupFiles: ['test/setup/equality.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
