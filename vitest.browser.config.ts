import { defineConfig } from 'vitest/config'

// Browser smoke tests: each file starts the real product (API serving the built web app) and drives
// Debian's Chromium through playwright-core. Run with `pnpm test:browser`, which builds the web app first.
export default defineConfig({
  test: {
    name: 'browser',
    include: ['apps/web/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // One shared browser page walks through the flow step by step; later steps need the earlier ones.
    sequence: { concurrent: false },
  },
})
