import { describe, expect, it } from 'vitest'
import { computeRoundResults } from './compute-round-results'
import { seededRandom } from './seeded-random'
import type { Criterion, Scorecard } from './types'

// PRODUCT scale target: 5,000 proposals × 40 jurors × 5 criteria (200,000 scorecards).
describe('scale', () => {
  const random = seededRandom(42)
  const criteria: Criterion[] = Array.from({ length: 5 }, (_, i) => ({
    id: `c${i}`,
    weight: i + 1,
    scaleMin: 0,
    scaleMax: 10,
    threshold: i === 0 ? 2 : null,
    sdgGoals: [1 + (i % 3)],
  }))
  const scorecards: Scorecard[] = []
  for (let p = 0; p < 5000; p++) {
    for (let j = 0; j < 40; j++) {
      const scores: Record<string, number> = {}
      for (const c of criteria) scores[c.id] = Math.floor(random() * 11)
      scorecards.push({ jurorId: `j${j}`, proposalId: `p${p}`, submitted: true, scores })
    }
  }

  it('computes full results without stability well under 2 s', () => {
    const started = performance.now()
    const result = computeRoundResults({
      criteria,
      scorecards,
      options: { aggregation: 'trimmed_mean', calibrate: true, includeStability: false },
    })
    const elapsed = performance.now() - started
    expect(result.proposals).toHaveLength(5000)
    expect(result.alphaOverall.pairableValues).toBe(200_000)
    expect(elapsed).toBeLessThan(2000)
  })

  it('computes results with rank stability (10 weight + 40 juror variants) too', { timeout: 60_000 }, () => {
    const result = computeRoundResults({
      criteria,
      scorecards,
      options: { aggregation: 'median', calibrate: true },
    })
    expect(result.proposals.every((p) => p.stability !== null)).toBe(true)
  })
})
