import { describe, expect, it } from 'vitest'
import { manageAccess, municipalityAccess, placesLeft, readAccess, registrationRefusal } from './meetings.policy'

const at = (iso: string) => new Date(iso)
const meeting = { status: 'published' as const, startsAt: at('2026-12-01T15:00:00Z'), registrationClosesAt: null, capacity: 2 }

describe('meeting policy', () => {
  it('shows drafts only to staff; managing needs admin or challenge manager', () => {
    expect(readAccess('draft', null, false)).toBe('unknown')
    expect(readAccess('draft', 'member', false)).toBe('unknown')
    expect(readAccess('draft', 'account_manager', false)).toBe('allowed')
    expect(readAccess('cancelled', null, false)).toBe('allowed')
    expect(manageAccess('draft', 'account_manager', false)).toBe('forbidden')
    expect(manageAccess('draft', null, false)).toBe('unknown')
    expect(manageAccess('published', null, false)).toBe('forbidden')
    expect(manageAccess('draft', 'challenge_manager', false)).toBe('allowed')
    expect(manageAccess('draft', null, true)).toBe('allowed')
    expect(municipalityAccess(null, false, 'read')).toBe('unknown')
    expect(municipalityAccess('account_manager', false, 'read')).toBe('allowed')
    expect(municipalityAccess('account_manager', false, 'manage')).toBe('forbidden')
  })

  it('refuses registration when cancelled, unpublished, after the deadline or when full — on the given clock', () => {
    const before = at('2026-12-01T14:59:59Z')
    expect(registrationRefusal(meeting, 1, before)).toBeNull()
    expect(registrationRefusal(meeting, 2, before)).toBe('full')
    expect(registrationRefusal({ ...meeting, capacity: null }, 10_000, before)).toBeNull()
    expect(registrationRefusal(meeting, 0, at('2026-12-01T15:00:00Z'))).toBe('closed')
    expect(registrationRefusal({ ...meeting, registrationClosesAt: at('2026-11-30T12:00:00Z') }, 0, at('2026-11-30T12:00:00Z'))).toBe('closed')
    expect(registrationRefusal({ ...meeting, status: 'cancelled' }, 0, before)).toBe('cancelled')
    expect(registrationRefusal({ ...meeting, status: 'draft' }, 0, before)).toBe('not_published')
    expect(placesLeft(3, 1)).toBe(2)
    expect(placesLeft(null, 1)).toBeNull()
  })
})
