import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../test-app'
import { fuzzWorld } from './fuzz-setup'
import { fuzzOpenApi, printReport } from './openapi-fuzzer'

// The quick run of the OpenAPI fuzzer, part of `pnpm test`; `pnpm test:stress` runs 10,000 requests.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1_500)
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)

describe('fuzzing every operation of the OpenAPI document', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp({ rateLimitPerMinute: 1_000_000 })
  })
  afterAll(() => ctx.close())

  it(`answers ${REQUESTS} valid, boundary and hostile requests without a 5xx or a leak`, { timeout: 600_000 }, async () => {
    const world = await fuzzWorld(ctx)
    const report = await fuzzOpenApi(ctx, { requests: REQUESTS, seed: SEED, ...world })
    printReport(`seed ${SEED}`, report)
    expect(report.requests).toBeGreaterThanOrEqual(REQUESTS)
    expect(report.serverErrors).toEqual([])
    expect(report.leaks).toEqual([])
    expect(report.nonProblemErrors).toEqual([])
    // The run must actually get through validation sometimes, or it only tests the validator.
    expect(report.byStatusClass['2xx'] ?? 0).toBeGreaterThan(0)
  })
})
