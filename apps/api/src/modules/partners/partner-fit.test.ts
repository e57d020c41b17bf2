import { describe, expect, it } from 'vitest'
import { rankByFit } from './partner-fit'

describe('rankByFit', () => {
  const e = (id: string, sdgGoals: number[], lookingForPartners = false) => ({ id, name: id.toUpperCase(), sdgGoals, lookingForPartners })
  it('puts most shared goals first, then those looking for partners, then by name; drops non-matching', () => {
    const ranked = rankByFit([3, 8, 11], [e('a', [8]), e('b', [3, 8, 13]), e('c', [1, 2]), e('d', [11], true), e('e', [8, 8, 3])])
    expect(ranked.map((r) => [r.id, r.matchingSdgs])).toEqual([
      ['b', [3, 8]],
      ['e', [3, 8]],
      ['d', [11]],
      ['a', [8]],
    ])
  })
  it('honours the limit', () => {
    expect(rankByFit([1], [e('a', [1]), e('b', [1])], 1)).toHaveLength(1)
  })
})
