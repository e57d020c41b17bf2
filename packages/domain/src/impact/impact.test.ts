import { describe, expect, it } from 'vitest'
import { isInPeriod, pilotProgress, socialBusinessCase, splitCents, summariseImpact, unpromisedIndicators, type ImpactInput } from './index'

const d = (iso: string) => new Date(iso)

// Hand-built world: three published challenges, proposals from three enterprises (one social).
const world: ImpactInput = {
  challenges: [
    { id: 'a', status: 'published', publishedAt: d('2026-01-10T00:00:00Z'), sdgGoals: [3, 10, 11], reservedArt282: false, socialReturnPercent: 5, contractValueCents: 100, budgetLines: [{ portfolio: 'Sociaal', amountCents: 80 }, { portfolio: 'Wonen', amountCents: 20 }] },
    { id: 'b', status: 'results_published', publishedAt: d('2026-03-01T00:00:00Z'), sdgGoals: [8], reservedArt282: true, socialReturnPercent: null, contractValueCents: 50, budgetLines: [{ portfolio: 'Werk', amountCents: 50 }] },
    { id: 'c', status: 'closed', publishedAt: d('2026-06-01T00:00:00Z'), sdgGoals: [8, 3], reservedArt282: false, socialReturnPercent: 10, contractValueCents: 7, budgetLines: [{ portfolio: 'Sociaal', amountCents: 7 }] },
  ],
  proposals: [
    { challengeId: 'a', leadEnterpriseId: 'e1', partnerEnterpriseIds: ['e2'] },
    { challengeId: 'b', leadEnterpriseId: 'e1', partnerEnterpriseIds: [] },
    { challengeId: 'c', leadEnterpriseId: 'e3', partnerEnterpriseIds: [] },
  ],
  enterprises: [
    { id: 'e1', isSocialEnterprise: true },
    { id: 'e2', isSocialEnterprise: false },
    { id: 'e3', isSocialEnterprise: false },
  ],
  pilots: [
    {
      proposalId: 'p1',
      challengeId: 'b',
      awardedCents: 45,
      promisedJobs: 6,
      promisedHours: 4800,
      validatedReports: [
        { jobs: 2, hours: 1000, amountCents: 30 },
        { jobs: 1, hours: 500, amountCents: 0 },
      ],
    },
  ],
}

describe('summariseImpact', () => {
  it('computes every figure of the whole period by hand', () => {
    const s = summariseImpact(world)
    expect(s.challengeCount).toBe(3)
    // SDG 3: a + c; 8: b + c; 10, 11: a.
    expect(s.challengesPerSdg).toEqual([
      { sdg: 3, challenges: 2 },
      { sdg: 8, challenges: 2 },
      { sdg: 10, challenges: 1 },
      { sdg: 11, challenges: 1 },
    ])
    // a: 100 over 3 goals → 34, 33, 33; b: 50 to 8; c: 7 over [3, 8] → 4, 3.
    expect(s.budgetPerSdg).toEqual([
      { sdg: 3, budgetCents: 34 + 4 },
      { sdg: 8, budgetCents: 50 + 3 },
      { sdg: 10, budgetCents: 33 },
      { sdg: 11, budgetCents: 33 },
    ])
    expect(s.budgetTotalCents).toBe(157)
    expect(s.budgetPerSdg.reduce((a, b) => a + b.budgetCents, 0)).toBe(157)
    expect(s.budgetPerPortfolio).toEqual([
      { portfolio: 'Sociaal', budgetCents: 87 },
      { portfolio: 'Werk', budgetCents: 50 },
      { portfolio: 'Wonen', budgetCents: 20 },
    ])
    expect(s.challengesPerStatus).toEqual([
      { status: 'published', challenges: 1 },
      { status: 'closed', challenges: 1 },
      { status: 'in_evaluation', challenges: 0 },
      { status: 'decided', challenges: 0 },
      { status: 'results_published', challenges: 1 },
      { status: 'archived', challenges: 0 },
    ])
    expect(s.proposalsReceived).toBe(3)
    expect(s.enterprisesReached).toBe(3)
    expect(s.socialEnterprisesReached).toBe(1)
    expect(s.reservedArt282Challenges).toBe(1)
    expect(s.socialReturn).toEqual({ committedJobs: 6, committedHours: 4800, realisedJobs: 3, realisedHours: 1500, realisedAmountCents: 30 })
    expect(s.pilots).toEqual({ awarded: 1, awardedCents: 45, reporting: 1 })
  })

  it('keeps only challenges published in the period, and what hangs off them', () => {
    const s = summariseImpact(world, { from: d('2026-02-01T00:00:00Z'), to: d('2026-06-01T00:00:00Z') })
    // Only b: from is inclusive, to exclusive (c is published exactly at `to`).
    expect(s.challengeCount).toBe(1)
    expect(s.challengesPerSdg).toEqual([{ sdg: 8, challenges: 1 }])
    expect(s.proposalsReceived).toBe(1)
    expect(s.enterprisesReached).toBe(1)
    expect(s.socialEnterprisesReached).toBe(1)
    expect(s.pilots.awarded).toBe(1)
    expect(s.budgetPerPortfolio).toEqual([{ portfolio: 'Werk', budgetCents: 50 }])
  })

  it('is all zeros on an empty world', () => {
    const s = summariseImpact({ challenges: [], proposals: [], enterprises: [], pilots: [] })
    expect(s.challengeCount).toBe(0)
    expect(s.challengesPerSdg).toEqual([])
    expect(s.challengesPerStatus.every((x) => x.challenges === 0)).toBe(true)
    expect(s.socialReturn.realisedJobs).toBe(0)
  })
})

describe('splitCents and isInPeriod', () => {
  it('splits without losing a cent', () => {
    expect(splitCents(100, 3)).toEqual([34, 33, 33])
    expect(splitCents(2, 3)).toEqual([1, 1, 0])
    expect(splitCents(5, 0)).toEqual([])
  })
  it('treats from as inclusive and to as exclusive', () => {
    const at = d('2026-05-01T00:00:00Z')
    expect(isInPeriod(at, { from: at })).toBe(true)
    expect(isInPeriod(at, { to: at })).toBe(false)
    expect(isInPeriod(at, {})).toBe(true)
  })
})

describe('pilotProgress', () => {
  const promised = [
    { sdgTarget: '3.4', indicators: [{ name: 'Deelnemers', baseline: 0, target: 200, unit: 'personen' }] },
    { sdgTarget: '10.2', indicators: [{ name: 'Plekken', baseline: 2, target: 6, unit: 'plekken' }, { name: 'Leeg', baseline: null, target: null, unit: '' }] },
  ]
  it('takes the latest validated measurement and its share of the target', () => {
    const progress = pilotProgress(promised, [
      { indicators: [{ sdgTarget: '3.4', indicator: 'Deelnemers', value: 80, measuredOn: '2026-09-30' }, { sdgTarget: '10.2', indicator: 'Plekken', value: 5, measuredOn: '2026-09-30' }] },
      { indicators: [{ sdgTarget: '3.4', indicator: 'Deelnemers', value: 50, measuredOn: '2026-06-30' }] },
    ])
    expect(progress).toEqual([
      { sdgTarget: '3.4', indicator: 'Deelnemers', unit: 'personen', baseline: 0, target: 200, realised: 80, measuredOn: '2026-09-30', percentOfTarget: 40 },
      // (5 − 2) / (6 − 2) = 75 %.
      { sdgTarget: '10.2', indicator: 'Plekken', unit: 'plekken', baseline: 2, target: 6, realised: 5, measuredOn: '2026-09-30', percentOfTarget: 75 },
      { sdgTarget: '10.2', indicator: 'Leeg', unit: '', baseline: null, target: null, realised: null, measuredOn: null, percentOfTarget: null },
    ])
  })
  it('names indicators that were never promised', () => {
    expect(unpromisedIndicators(promised, [{ sdgTarget: '3.4', indicator: 'Deelnemers' }, { sdgTarget: '3.4', indicator: 'Plekken' }])).toEqual([1])
  })
})

describe('socialBusinessCase', () => {
  it('multiplies jobs by the annual benefit and relates it to the money spent', () => {
    expect(socialBusinessCase({ jobsRealised: 3, annualBenefitCents: 1_500_000, spentCents: 9_000_000 })).toEqual({
      jobsRealised: 3,
      annualBenefitCents: 1_500_000,
      estimatedAnnualSavingsCents: 4_500_000,
      spentCents: 9_000_000,
      savingsPerEuroSpent: 0.5,
    })
    expect(socialBusinessCase({ jobsRealised: 1, annualBenefitCents: 100, spentCents: 0 }).savingsPerEuroSpent).toBeNull()
  })
})
