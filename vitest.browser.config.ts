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
    // A page's first fetches can take seconds on a busy CI host; expect.poll's own default (1 s) made
    // questions.e2e fail once while the page was still loading. Each poll still fails within 10 s.
    expect: { poll: { timeout: 10_000 } },
    fileParallelism: false,
    // One shared browser page walks through the flow step by step; later steps need the earlier ones.
    sequence: { concurrent: false },
  },
})
