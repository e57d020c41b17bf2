import { defineConfig } from 'vitest/config'

// One run, several projects: pure packages, the web app's unit tests, and the API suite,
// which runs against embedded PGlite and, when TEST_DATABASE_URL is set, again against PostgreSQL.
const apiProject = (name: string, driver: 'pglite' | 'pg') => ({
  test: {
    name,
    include: ['apps/api/src/**/*.test.ts', 'apps/api/test/**/*.test.ts'],
    // The slow process-level suites run in `pnpm test:stress`.
    exclude: ['apps/api/test/stress/**', '**/node_modules/**'],
    env: { TEST_DB_DRIVER: driver },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['packages/*/src/**/*.test.ts'] } },
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts', 'apps/web/build/**/*.test.ts'] } },
      apiProject('api-pglite', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [apiProject('api-postgres', 'pg')] : []),
    ],
  },
})
