import { defineConfig } from 'vitest/config'

// The slower suites (`pnpm test:stress`): the full OpenAPI fuzz run, later crash and load tests.
export default defineConfig({
  test: {
    name: 'stress',
    include: ['apps/api/test/fuzz/**/*.test.ts', 'apps/api/test/stress/**/*.test.ts'],
    env: { TEST_DB_DRIVER: process.env.TEST_DATABASE_URL ? 'pg' : 'pglite', FUZZ_REQUESTS: '10000' },
    testTimeout: 900_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
