import { describe, expect, it } from 'vitest'
import { jurorTotal, normaliseScore, normaliseWeights, weightSharesPercent } from './weighted-total'
import type { Criterion } from './types'

const crit = (id: string, weight: number, scaleMin: number, scaleMax: number): Criterion => ({
  id,
  weight,
  scaleMin,
  scaleMax,
  sdgGoals: [],
})

describe('normaliseScore', () => {
  it('maps the raw scale onto 0–1', () => {
    // (7 − 0)/(10 − 0) = 0.7; (3 − 1)/(5 − 1) = 0.5; ends map to 0 and 1.
    expect(normaliseScore({ score: 7, scaleMin: 0, scaleMax: 10 })).toBeCloseTo(0.7, 12)
    expect(normaliseScore({ score: 3, scaleMin: 1, scaleMax: 5 })).toBe(0.5)
    expect(normaliseScore({ score: 1, scaleMin: 1, scaleMax: 5 })).toBe(0)
    expect(normaliseScore({ score: 5, scaleMin: 1, scaleMax: 5 })).toBe(1)
  })

  it('rejects an empty scale', () => {
    expect(() => normaliseScore({ score: 1, scaleMin: 5, scaleMax: 5 })).toThrow(RangeError)
  })
})

describe('normaliseWeights', () => {
  it('divides by the sum so the weights add up to 1', () => {
    // 2, 1, 1 → sum 4 → 0.5, 0.25, 0.25
    const { weights } = normaliseWeights({ criteria: [crit('a', 2, 0, 10), crit('b', 1, 0, 10), crit('c', 1, 0, 10)] })
    expect([...weights]).toEqual([
      ['a', 0.5],
      ['b', 0.25],
      ['c', 0.25],
    ])
  })

  it('handles non-integer weights', () => {
    // 3, 1.5 → sum 4.5 → 2/3, 1/3
    const { weights } = normaliseWeights({ criteria: [crit('a', 3, 0, 10), crit('b', 1.5, 0, 10)] })
    expect(weights.get('a')).toBeCloseTo(2 / 3, 12)
    expect(weights.get('b')).toBeCloseTo(1 / 3, 12)
  })

  it('rejects a zero weight and duplicate ids', () => {
    expect(() => normaliseWeights({ criteria: [crit('a', 0, 0, 10)] })).toThrow(RangeError)
    expect(() => normaliseWeights({ criteria: [crit('a', 1, 0, 10), crit('a', 1, 0, 10)] })).toThrow(RangeError)
  })
})

describe('weightSharesPercent', () => {
  it('gives each weight its share of 100, unrounded, in the given order', () => {
    // 4, 3, 2, 1 → sum 10 → 40, 30, 20, 10; 1, 2 → 33.33…, 66.66…
    expect(weightSharesPercent([4, 3, 2, 1])).toEqual([40, 30, 20, 10])
    const [a, b] = weightSharesPercent([1, 2])
    expect(a).toBeCloseTo(100 / 3, 12)
    expect(b).toBeCloseTo(200 / 3, 12)
  })

  it('gives 0 to every share of a round with nothing weighted yet, and nothing for no criteria', () => {
    expect(weightSharesPercent([0, 0])).toEqual([0, 0])
    expect(weightSharesPercent([])).toEqual([])
  })
})

describe('jurorTotal', () => {
  const criteria = [crit('a', 2, 0, 10), crit('b', 1, 1, 5), crit('c', 1, 0, 100)]

  it('is 100 · Σ w·u on mixed scales', () => {
    // w = 0.5, 0.25, 0.25; u = 8/10 = 0.8, (4−1)/4 = 0.75, 30/100 = 0.3
    // R = 100 · (0.5·0.8 + 0.25·0.75 + 0.25·0.3) = 100 · (0.4 + 0.1875 + 0.075) = 66.25
    expect(jurorTotal({ criteria, scores: { a: 8, b: 4, c: 30 } })).toBeCloseTo(66.25, 10)
  })

  it('is 0 at every minimum and 100 at every maximum', () => {
    expect(jurorTotal({ criteria, scores: { a: 0, b: 1, c: 0 } })).toBe(0)
    expect(jurorTotal({ criteria, scores: { a: 10, b: 5, c: 100 } })).toBeCloseTo(100, 10)
  })

  it('refuses an incomplete scorecard', () => {
    expect(() => jurorTotal({ criteria, scores: { a: 8, b: null, c: 30 } })).toThrow(/missing score for criterion b/)
  })
})
