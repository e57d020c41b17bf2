import { describe, expect, it } from 'vitest'
import { progressPercent, roundCompletion } from './progress'
import { juryViewer } from './viewer'

describe('progress', () => {
  it('gives whole percentages, rounding down so 99.9% never shows as done', () => {
    expect(progressPercent({ assigned: 3, submitted: 1 })).toBe(33)
    expect(progressPercent({ assigned: 1000, submitted: 999 })).toBe(99)
    expect(progressPercent({ assigned: 0, submitted: 0 })).toBe(0)
    expect(roundCompletion([{ assigned: 3, submitted: 3 }, { assigned: 5, submitted: 1 }])).toEqual({ assigned: 8, submitted: 4, percent: 50 })
  })
})

describe('juryViewer', () => {
  const base = { isPlatformAdmin: false, memberships: [{ organisationId: 'gem', role: 'challenge_manager' }], seats: [{ challengeId: 'c1', isChair: true }, { challengeId: 'c2', isChair: false }] }
  it('is staff for their own municipality’s admins and challenge managers, chair only on their own seat', () => {
    expect(juryViewer(base, 'c1', 'gem')).toEqual({ staff: true, chair: true })
    expect(juryViewer(base, 'c2', 'other')).toEqual({ staff: false, chair: false })
    expect(juryViewer({ ...base, memberships: [{ organisationId: 'gem', role: 'account_manager' }] }, 'c1', 'gem')).toEqual({ staff: false, chair: true })
    expect(juryViewer({ ...base, isPlatformAdmin: true, seats: [] }, 'c9', null)).toEqual({ staff: true, chair: false })
  })
})
