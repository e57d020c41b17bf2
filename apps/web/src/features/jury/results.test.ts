import { describe, expect, it } from 'vitest'
import type { RoundResults } from '@opgave/domain'
import { alphaDisplay, alphaVerdict, asRoundResults, cleanCuts, filterRows, jurorZScores, pageOf, rankingRows } from './results'

const alpha = { alpha: 0.5, reason: null, pairableValues: 6, pairableUnits: 3, observedDisagreement: 1, expectedDisagreement: 2 } as const
const proposal = (proposalId: string, rank: number, totals: [string, number][], extra: Partial<RoundResults['proposals'][number]> = {}): RoundResults['proposals'][number] => ({
  proposalId,
  jurorTotals: totals.map(([jurorId, raw]) => ({ jurorId, raw, calibrated: raw })),
  finalScore: totals.reduce((s, [, r]) => s + r, 0) / totals.length,
  roundedScore: 0,
  disagreement: { sd: 0, flagged: false },
  thresholdFailures: [],
  rank,
  tied: false,
  perSdg: {},
  stability: { bestRank: rank, worstRank: rank },
  ...extra,
})
const results: RoundResults = {
  proposals: [
    proposal('p1', 1, [['a', 80], ['b', 70], ['c', 90]]),
    proposal('p2', 2, [['a', 60], ['b', 70]], { tied: true, stability: { bestRank: 1, worstRank: 3 } }),
    proposal('p3', 2, [['a', 40], ['c', 50]], { tied: true, disagreement: { sd: 20, flagged: true } }),
    proposal('p4', 4, [['b', 70], ['c', 30]], { thresholdFailures: ['crit-1'] }),
  ],
  alphaOverall: alpha,
  alphaPerCriterion: {},
  uncalibratedJurors: [{ jurorId: 'b', reason: 'zero_deviation' }],
  ignoredScorecards: 0,
  ignoredScorecardDetails: [],
  unscoredProposalIds: [],
  topN: 3,
  topNChanges: false,
  changingVariants: [],
}

describe('rankingRows and filterRows', () => {
  const rows = rankingRows(results, { p1: 'Groene daken', p2: 'Water', p3: 'Zon', p4: 'Sedum' }, { 'crit-1': 'Impact' })

  it('carries rank, tie, disagreement, thresholds (by name) and stability per proposal', () => {
    expect(rows.map((r) => [r.title, r.rank, r.tied, r.flagged, r.failedCriteria, r.bestRank, r.worstRank, r.jurorCount])).toEqual([
      ['Groene daken', 1, false, false, [], 1, 1, 3],
      ['Water', 2, true, false, [], 1, 3, 2],
      ['Zon', 2, true, true, [], 2, 2, 2],
      ['Sedum', 4, false, false, ['Impact'], 4, 4, 2],
    ])
    expect(rows[0]!.rawMean).toBeCloseTo(80, 10)
  })

  it('filters by flag and searches titles case-insensitively', () => {
    expect(filterRows(rows, 'flagged', '').map((r) => r.proposalId)).toEqual(['p3'])
    expect(filterRows(rows, 'failing', '').map((r) => r.proposalId)).toEqual(['p4'])
    expect(filterRows(rows, 'tied', '').map((r) => r.proposalId)).toEqual(['p2', 'p3'])
    expect(filterRows(rows, 'unstable', '').map((r) => r.proposalId)).toEqual(['p2'])
    expect(filterRows(rows, 'all', 'ZO').map((r) => r.proposalId)).toEqual(['p3'])
  })

  it('does not split ties when suggesting top-N cuts, and skips proposals under a threshold', () => {
    expect(cleanCuts(rows)).toEqual([1, 3])
  })
})

describe('pageOf', () => {
  const many = Array.from({ length: 2345 }, (_, i) => i)
  it('pages a long list and clamps out-of-range pages', () => {
    expect(pageOf(many, 1, 50)).toMatchObject({ page: 1, pageCount: 47, from: 1, to: 50, total: 2345 })
    const last = pageOf(many, 47, 50)
    expect(last).toMatchObject({ from: 2301, to: 2345 })
    expect(last.items).toHaveLength(45)
    expect(pageOf(many, 99, 50).page).toBe(47)
    expect(pageOf(many, 0, 50).page).toBe(1)
    expect(pageOf([], 1, 50)).toMatchObject({ page: 1, pageCount: 1, from: 0, to: 0, items: [] })
  })
})

describe('jurorZScores', () => {
  it('computes each juror’s z-score over their own totals (population sd), null for uncalibrated jurors', () => {
    const z = jurorZScores(results)
    // Juror a: 80, 60, 40 → mean 60, sd √(800/3).
    const sd = Math.sqrt(800 / 3)
    expect(z.get('a')!.get('p1')).toBeCloseTo(20 / sd, 10)
    expect(z.get('a')!.get('p2')).toBeCloseTo(0, 10)
    expect(z.get('a')!.get('p3')).toBeCloseTo(-20 / sd, 10)
    expect(z.get('b')!.get('p1')).toBeNull()
    // Juror c scored 3 proposals: 90, 50, 30 → mean 170/3.
    const mean = 170 / 3
    const sdC = Math.sqrt(((90 - mean) ** 2 + (50 - mean) ** 2 + (30 - mean) ** 2) / 3)
    expect(z.get('c')!.get('p4')).toBeCloseTo((30 - mean) / sdC, 10)
  })
})

describe('alpha display', () => {
  it('shows the value or the reason it is undefined, and reads it the way Krippendorff does', () => {
    expect(alphaDisplay(alpha)).toEqual({ value: 0.5, key: null })
    expect(alphaDisplay({ ...alpha, alpha: null, reason: 'no_variation' })).toEqual({ value: null, key: 'jury.results.alphaUndefined.no_variation' })
    expect([alphaVerdict(0.85), alphaVerdict(0.7), alphaVerdict(0.2)]).toEqual(['reliable', 'tentative', 'low'])
  })

  it('accepts only objects shaped like results', () => {
    expect(asRoundResults(null)).toBeNull()
    expect(asRoundResults({ proposals: 'x' })).toBeNull()
    expect(asRoundResults(results)).toBe(results)
  })
})
