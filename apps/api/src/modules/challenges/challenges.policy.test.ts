import { describe, expect, it } from 'vitest'
import { canOnChallenges, isMunicipalityStaff } from './challenges.policy'

const user = { isPlatformAdmin: false }
const platform = { isPlatformAdmin: true }

describe('challenge policy (default deny)', () => {
  it('lets admins and challenge managers edit and take steps; account managers only read drafts', () => {
    for (const role of ['admin', 'challenge_manager'] as const) {
      expect(canOnChallenges(user, role, 'challenge.edit')).toBe(true)
      expect(canOnChallenges(user, role, 'challenge.transition')).toBe(true)
    }
    expect(canOnChallenges(user, 'account_manager', 'challenge.read_draft')).toBe(true)
    expect(canOnChallenges(user, 'account_manager', 'challenge.edit')).toBe(false)
    expect(canOnChallenges(user, 'account_manager', 'challenge.transition')).toBe(false)
  })

  it('refuses enterprise roles, non-members and anonymous callers everything', () => {
    for (const role of ['owner', 'member', null] as const) {
      for (const action of ['challenge.read_draft', 'challenge.edit', 'challenge.transition'] as const) {
        expect(canOnChallenges(user, role, action)).toBe(false)
      }
    }
    expect(canOnChallenges(null, 'admin', 'challenge.edit')).toBe(false)
    expect(isMunicipalityStaff(null, null)).toBe(false)
  })

  it('lets platform admins do everything', () => {
    expect(canOnChallenges(platform, null, 'challenge.transition')).toBe(true)
    expect(isMunicipalityStaff(platform, null)).toBe(true)
  })
})
