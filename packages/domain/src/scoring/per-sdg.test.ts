import { describe, expect, it } from 'vitest'
import { sdgWeightSets } from './per-sdg'
import type { Criterion } from './types'

describe('sdgWeightSets', () => {
  it('restricts to the criteria tagged with each goal and renormalises within them', () => {
    const criteria: Criterion[] = [
      { id: 'a', weight: 2, scaleMin: 0, scaleMax: 10, sdgGoals: [1] },
      { id: 'b', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [7, 1] },
      { id: 'c', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [7] },
      { id: 'd', weight: 5, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
    ]
    // goal 1: a, b → 2/3, 1/3; goal 7: b, c → 1/2, 1/2; d is tagged with nothing and never counts.
    const { sdgs } = sdgWeightSets({ criteria })
    expect(sdgs.map((s) => s.goal)).toEqual([1, 7])
    const g1 = sdgs[0]!.weights
    expect(g1.get('a')).toBeCloseTo(2 / 3, 12)
    expect(g1.get('b')).toBeCloseTo(1 / 3, 12)
    expect(g1.get('c')).toBe(0)
    expect(g1.get('d')).toBe(0)
    expect([...sdgs[1]!.weights.values()]).toEqual([0, 0.5, 0.5, 0])
  })

  it('is empty when no criterion carries an SDG, and rejects goals outside 1–17', () => {
    expect(sdgWeightSets({ criteria: [{ id: 'a', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] }] }).sdgs).toEqual(
      [],
    )
    expect(() =>
      sdgWeightSets({ criteria: [{ id: 'a', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [18] }] }),
    ).toThrow(RangeError)
  })
})
