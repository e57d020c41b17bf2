import { describe, expect, it } from 'vitest'
import { countedScorecards } from './scorecard-filter'
import type { Criterion } from './types'

const criteria: Criterion[] = [
  { id: 'a', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
  { id: 'toString', weight: 1, scaleMin: 0, scaleMax: 10, sdgGoals: [] },
]

describe('countedScorecards', () => {
  it('counts only submitted, complete, in-range scorecards and says why the rest are ignored', () => {
    const { counted, ignored } = countedScorecards({
      criteria,
      scorecards: [
        { jurorId: 'j1', proposalId: 'p1', submitted: true, scores: { a: 5, toString: 6 } },
        { jurorId: 'j2', proposalId: 'p1', submitted: false, scores: { a: 5, toString: 6 } },
        { jurorId: 'j3', proposalId: 'p1', submitted: true, scores: { a: null, toString: 6 } },
        // "toString" is inherited by every object; it must not count as a score.
        { jurorId: 'j4', proposalId: 'p1', submitted: true, scores: { a: 5 } },
        { jurorId: 'j5', proposalId: 'p1', submitted: true, scores: { a: 11, toString: 6 } },
        { jurorId: 'j6', proposalId: 'p1', submitted: true, scores: { a: Number.NaN, toString: 6 } },
      ],
    })
    expect(counted.map((s) => s.jurorId)).toEqual(['j1'])
    expect(ignored).toEqual([
      { jurorId: 'j2', proposalId: 'p1', reason: 'not_submitted' },
      { jurorId: 'j3', proposalId: 'p1', reason: 'incomplete' },
      { jurorId: 'j4', proposalId: 'p1', reason: 'incomplete' },
      { jurorId: 'j5', proposalId: 'p1', reason: 'out_of_range' },
      { jurorId: 'j6', proposalId: 'p1', reason: 'incomplete' },
    ])
  })
})
