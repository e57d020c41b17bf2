import { describe, expect, it } from 'vitest'
import { isPublishable, mergeTargets, statusKey } from './status'

describe('question status helpers', () => {
  it('names the status message', () => {
    expect(statusKey('merged')).toBe('questions.status.merged')
  })
  it('publishes only answered questions', () => {
    expect(['open', 'answered', 'merged', 'published'].map((status) => isPublishable({ status: status as 'open' }))).toEqual([false, true, false, false])
  })
  it('offers every other unmerged question as merge target', () => {
    const qs = [
      { id: 'a', status: 'open' as const },
      { id: 'b', status: 'merged' as const },
      { id: 'c', status: 'published' as const },
    ]
    expect(mergeTargets(qs, qs[0]!).map((q) => q.id)).toEqual(['c'])
  })
})
