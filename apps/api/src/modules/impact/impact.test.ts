import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, http } from '../../../test/http'
import { seedDemoData } from '../../seed/demo-seed'

const DAY = 86_400_000

describe('impact dashboard on the demo data', () => {
  let ctx: TestContext
  // The two demo challenges with published results were published 300 and 240 days ago; the
  // other demo challenges in the last weeks. This period holds exactly those two.
  let period: { from: string; to: string }
  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
    const day = (days: number) => new Date(ctx.clock.now.getTime() + days * DAY).toISOString().slice(0, 10)
    period = { from: day(-400), to: day(-100) }
    // Seeding the demo (password hashing, snapshots) is slow on a busy machine.
  }, 180_000)
  afterAll(() => ctx.close())

  it('matches the hand count of the two decided demo challenges', async () => {
    const res = await http(ctx).get('/api/v1/impact').query({ municipality: 'voorbeeldstad', ...period })
    expect(res.status).toBe(200)
    const f = res.body.figures
    expect(f.challengeCount).toBe(2)
    // Moestuinen: SDG 2, 8, 11; zonnepanelen: SDG 7, 13.
    expect(f.challengesPerSdg).toEqual([2, 7, 8, 11, 13].map((sdg) => ({ sdg, challenges: 1 })))
    expect(f.challengesPerStatus.find((s: { status: string }) => s.status === 'results_published').challenges).toBe(2)
    // € 60.000 over three goals, € 80.000 over two.
    expect(f.budgetTotalCents).toBe(14_000_000)
    expect(f.budgetPerSdg).toEqual([
      { sdg: 2, budgetCents: 2_000_000 },
      { sdg: 7, budgetCents: 4_000_000 },
      { sdg: 8, budgetCents: 2_000_000 },
      { sdg: 11, budgetCents: 2_000_000 },
      { sdg: 13, budgetCents: 4_000_000 },
    ])
    expect(f.budgetPerPortfolio).toEqual([
      { portfolio: 'Duurzaamheid', budgetCents: 6_000_000 },
      { portfolio: 'Werk en inkomen', budgetCents: 4_000_000 },
      { portfolio: 'Openbare ruimte', budgetCents: 2_000_000 },
      { portfolio: 'Vastgoed', budgetCents: 2_000_000 },
    ])
    // Moestuinmakers on both, Zon op Dak on one; only the Moestuinmakers are a social enterprise.
    expect(f.proposalsReceived).toBe(3)
    expect(f.enterprisesReached).toBe(2)
    expect(f.socialEnterprisesReached).toBe(1)
    expect(f.reservedArt282Challenges).toBe(1)
    // Promised by the winners 6 + 2 jobs, 7200 + 1600 hours; validated reports 2 + 2 + 1 jobs
    // (the pending and the rejected report do not count).
    expect(f.socialReturn).toEqual({ committedJobs: 8, committedHours: 8800, realisedJobs: 5, realisedHours: 5700, realisedAmountCents: 1_250_000 })
    expect(f.pilots).toEqual({ awarded: 2, awardedCents: 12_900_000, reporting: 2 })
    // 5 jobs × € 16.145,40 against € 129.000 awarded.
    expect(res.body.socialBusinessCase).toMatchObject({ jobsRealised: 5, annualBenefitCents: 1_614_540, estimatedAnnualSavingsCents: 8_072_700, spentCents: 12_900_000, savingsPerEuroSpent: 0.63 })
    expect(res.body.scope).toMatchObject({ municipality: { slug: 'voorbeeldstad', name: 'Gemeente Voorbeeldstad' }, licence: 'CC0-1.0', ...period })

    const gardens = res.body.pilots.find((p: { enterprise: { name: string } }) => p.enterprise.name === 'De Moestuinmakers')
    expect(gardens.indicators).toEqual([
      expect.objectContaining({ sdgTarget: '8.5', target: 12, realised: 9, percentOfTarget: 75 }),
      expect.objectContaining({ sdgTarget: '11.7', target: 5, realised: 3, percentOfTarget: 60 }),
    ])
    expect(gardens.socialReturn).toEqual({ committedJobs: 6, committedHours: 7200, realisedJobs: 4, realisedHours: 5000, realisedAmountCents: 0 })
  })

  it('counts every published demo challenge without a period, never the draft', async () => {
    const res = await http(ctx).get('/api/v1/impact').query({ municipality: 'voorbeeldstad' })
    expect(res.status).toBe(200)
    const catalogue = await http(ctx).get('/api/v1/challenges').query({ municipality: 'voorbeeldstad', limit: 50 })
    expect(res.body.figures.challengeCount).toBe(catalogue.body.items.length)
    expect(res.body.figures.challengeCount).toBeGreaterThanOrEqual(6)
  })

  it('aggregates the platform when no municipality is named', async () => {
    const all = await http(ctx).get('/api/v1/impact').query(period)
    expect(all.status).toBe(200)
    expect(all.body.scope.municipality).toBeNull()
    expect(all.body.scope.sources).toEqual([{ municipality: 'Gemeente Voorbeeldstad', slug: 'voorbeeldstad', licence: 'CC0-1.0' }])
    expect(all.body.figures.challengeCount).toBe(2)
  })

  it('refuses a reversed period and an unknown municipality with problem details', async () => {
    const reversed = await http(ctx).get('/api/v1/impact').query({ from: '2026-05-01', to: '2026-04-30' })
    expect(reversed.status).toBe(400)
    expect(reversed.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(reversed.body.errors[0].field).toBe('query/to')
    const bad = await http(ctx).get('/api/v1/impact').query({ from: '2026-13-45' })
    expect(bad.status).toBe(400)
    const unknown = await http(ctx).get('/api/v1/impact').query({ municipality: 'nergenshuizen' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('impact.municipality_not_found')
    assertNoInternals(unknown.body)
  })
})
