import { describe, expect, it } from 'vitest'
import { isBelowThreshold, thresholdFailures } from './thresholds'
import type { Criterion, Scorecard } from './types'

const crit = (id: string, threshold: number | null): Criterion => ({
  id,
  weight: 1,
  scaleMin: 0,
  scaleMax: 10,
  threshold,
  sdgGoals: [],
})
const card = (jurorId: string, scores: Record<string, number>): Scorecard => ({
  jurorId,
  proposalId: 'p1',
  submitted: true,
  scores,
})

describe('thresholdFailures', () => {
  it('fails a criterion whose mean raw score is below its threshold', () => {
    // a: (4 + 5)/2 = 4.5 < 5 → fails; b has no threshold; c: (6 + 7)/2 = 6.5 ≥ 6 → passes
    const result = thresholdFailures({
      criteria: [crit('a', 5), crit('b', null), crit('c', 6)],
      scorecards: [card('j1', { a: 4, b: 1, c: 6 }), card('j2', { a: 5, b: 2, c: 7 })],
    })
    expect(result.failures).toEqual(['a'])
    expect([...result.meanRawScores]).toEqual([
      ['a', 4.5],
      ['b', 1.5],
      ['c', 6.5],
    ])
  })

  it('uses the mean, not each juror: one low score does not knock out', () => {
    // a: (2 + 9)/2 = 5.5 ≥ 5
    const result = thresholdFailures({
      criteria: [crit('a', 5)],
      scorecards: [card('j1', { a: 2 }), card('j2', { a: 9 })],
    })
    expect(result.failures).toEqual([])
  })

  it('passes a mean exactly at the threshold, also when floating point lands just under it', () => {
    // (1 + 1 + 4.6)/3 is 2.2 on paper but 2.1999999999999997 in binary floating point
    expect((1 + 1 + 4.6) / 3).toBeLessThan(2.2)
    // b: (6 + 7 + 6.5)/3 = 6.5 exactly at the threshold
    const result = thresholdFailures({
      criteria: [crit('a', 2.2), crit('b', 6.5)],
      scorecards: [card('j1', { a: 1, b: 6 }), card('j2', { a: 1, b: 7 }), card('j3', { a: 4.6, b: 6.5 })],
    })
    expect(result.failures).toEqual([])
  })

  it('isBelowThreshold ignores a missing threshold', () => {
    expect(isBelowThreshold({ mean: 0, threshold: null })).toBe(false)
    expect(isBelowThreshold({ mean: 4.99, threshold: 5 })).toBe(true)
  })
})
