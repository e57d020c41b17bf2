import { describe, expect, it } from 'vitest'
import { calibrateTotals } from './calibration'
import { computeRoundResults } from './compute-round-results'
import { rankProposals } from './ranking'
import { seededRandom } from './seeded-random'
import { populationSd } from './statistics'
import { jurorTotal } from './weighted-total'
import type { AggregationMethod, Criterion, Scorecard } from './types'

const METHODS: AggregationMethod[] = ['mean', 'median', 'trimmed_mean']

function randomRound(random: () => number) {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
  const criteria: Criterion[] = Array.from({ length: int(1, 4) }, (_, i) => {
    const scaleMin = int(0, 1)
    const scaleMax = scaleMin + int(4, 10)
    return {
      id: `c${i}`,
      weight: 0.5 + random() * 3,
      scaleMin,
      scaleMax,
      threshold: random() < 0.3 ? scaleMin + (scaleMax - scaleMin) * random() * 0.6 : null,
      sdgGoals: random() < 0.7 ? [int(1, 17)] : [],
    }
  })
  const proposals = int(1, 25)
  const jurors = int(1, 7)
  const scorecards: Scorecard[] = []
  for (let j = 0; j < jurors; j++) {
    for (let p = 0; p < proposals; p++) {
      if (random() > 0.65) continue
      const scores: Record<string, number | null> = {}
      for (const c of criteria) scores[c.id] = int(c.scaleMin, c.scaleMax)
      if (random() < 0.05) scores[criteria[0]!.id] = null
      scorecards.push({ jurorId: `j${j}`, proposalId: `p${String(p).padStart(2, '0')}`, submitted: random() > 0.05, scores })
    }
  }
  return { criteria, scorecards }
}

describe('properties over seeded random rounds', () => {
  it('ranking is a permutation with non-decreasing competition ranks, failures last', () => {
    const random = seededRandom(20240601)
    for (let round = 0; round < 150; round++) {
      const { criteria, scorecards } = randomRound(random)
      const calibrate = round % 2 === 0
      const result = computeRoundResults({
        criteria,
        scorecards,
        options: {
          aggregation: METHODS[round % 3]!,
          calibrate,
          topN: 1 + (round % 4),
        },
      })
      const counted = new Set(
        scorecards
          .filter((s) => s.submitted && criteria.every((c) => typeof s.scores[c.id] === 'number'))
          .map((s) => s.proposalId),
      )
      const ids = result.proposals.map((p) => p.proposalId)
      expect(new Set(ids).size).toBe(ids.length)
      expect([...ids].sort()).toEqual([...counted].sort())
      result.proposals.forEach((p, i) => {
        const prev = result.proposals[i - 1]
        if (!prev) {
          expect(p.rank).toBe(1)
          return
        }
        expect(p.rank).toBeGreaterThanOrEqual(prev.rank)
        // competition ranking: a new rank is 1 + the number of proposals ahead
        if (p.rank !== prev.rank) expect(p.rank).toBe(i + 1)
        // passing before failing; within a group, rounded scores never go up
        const prevFails = prev.thresholdFailures.length > 0
        const fails = p.thresholdFailures.length > 0
        expect(!prevFails || fails).toBe(true)
        if (prevFails === fails) expect(p.roundedScore).toBeLessThanOrEqual(prev.roundedScore)
      })
      for (const p of result.proposals) {
        expect(p.tied).toBe(result.proposals.some((q) => q !== p && q.rank === p.rank))
        expect(p.stability!.bestRank).toBeLessThanOrEqual(p.rank)
        expect(p.stability!.worstRank).toBeGreaterThanOrEqual(p.rank)
        for (const t of p.jurorTotals) {
          expect(t.raw).toBeGreaterThanOrEqual(-1e-9)
          expect(t.raw).toBeLessThanOrEqual(100 + 1e-9)
          // Without calibration, and for jurors named as uncalibrated, C = R.
          if (!calibrate || result.uncalibratedJurors.some((u) => u.jurorId === t.jurorId)) {
            expect(t.calibrated).toBe(t.raw)
          }
        }
      }
      if (calibrate) {
        // Each calibrated juror's C values average to the pooled mean of all R in the round.
        const all = result.proposals.flatMap((p) => p.jurorTotals)
        const pooledMean = all.reduce((s, t) => s + t.raw, 0) / all.length
        const named = new Set(result.uncalibratedJurors.map((u) => u.jurorId))
        for (const jurorId of new Set(all.map((t) => t.jurorId))) {
          if (named.has(jurorId)) continue
          const mine = all.filter((t) => t.jurorId === jurorId)
          expect(mine.length).toBeGreaterThanOrEqual(3)
          expect(mine.reduce((s, t) => s + t.calibrated, 0) / mine.length).toBeCloseTo(pooledMean, 8)
        }
      }
      if (result.alphaOverall.alpha !== null) expect(result.alphaOverall.alpha).toBeLessThanOrEqual(1 + 1e-12)
    }
  })

  it('the round total equals jurorTotal for every counted scorecard', () => {
    const random = seededRandom(7)
    for (let round = 0; round < 40; round++) {
      const { criteria, scorecards } = randomRound(random)
      const result = computeRoundResults({ criteria, scorecards, options: { includeStability: false } })
      for (const p of result.proposals) {
        for (const t of p.jurorTotals) {
          const s = scorecards.find((c) => c.jurorId === t.jurorId && c.proposalId === p.proposalId)!
          expect(t.raw).toBe(jurorTotal({ criteria, scores: s.scores }))
        }
      }
    }
  })

  it('calibrated totals of each calibrated juror have the pooled mean and the pooled sd', () => {
    const random = seededRandom(99)
    for (let round = 0; round < 200; round++) {
      const jurors = 1 + Math.floor(random() * 5)
      const totals = []
      for (let j = 0; j < jurors; j++) {
        const count = 1 + Math.floor(random() * 8)
        const bias = random() * 40
        for (let p = 0; p < count; p++) totals.push({ jurorId: `j${j}`, proposalId: `p${p}`, total: bias + random() * 60 })
      }
      const result = calibrateTotals({ totals })
      const pooledMean = totals.reduce((s, t) => s + t.total, 0) / totals.length
      expect(result.pooledMean).toBeCloseTo(pooledMean, 9)
      for (let j = 0; j < jurors; j++) {
        const mine = result.totals.filter((t) => t.jurorId === `j${j}`)
        const named = result.uncalibratedJurors.find((u) => u.jurorId === `j${j}`)
        if (mine.length < 3) {
          expect(named?.reason).toBe('too_few_proposals')
          continue
        }
        expect(named).toBeUndefined()
        const c = mine.map((t) => t.calibrated)
        expect(c.reduce((s, v) => s + v, 0) / c.length).toBeCloseTo(pooledMean, 9)
        expect(populationSd(c)).toBeCloseTo(result.pooledSd, 9)
      }
    }
  })

  it('rankProposals keeps every entry exactly once for random scores with many near-ties', () => {
    const random = seededRandom(3)
    for (let round = 0; round < 100; round++) {
      const entries = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => ({
        proposalId: `p${i}`,
        score: 50 + Math.floor(random() * 20) / 10 + (random() - 0.5) / 100,
        passesThresholds: random() > 0.2,
      }))
      const { ranking } = rankProposals({ entries })
      expect(ranking.map((r) => r.proposalId).sort()).toEqual(entries.map((e) => e.proposalId).sort())
      for (let i = 1; i < ranking.length; i++) {
        const a = ranking[i - 1]!
        const b = ranking[i]!
        expect(b.rank).toBeGreaterThanOrEqual(a.rank)
        const sameGroup = a.passesThresholds === b.passesThresholds && a.roundedScore === b.roundedScore
        expect(b.rank === a.rank).toBe(sameGroup)
      }
    }
  })
})
