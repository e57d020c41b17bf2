import { describe, expect, it } from 'vitest'
import { canOnOrganisation, isRoleOfKind, mayCreateOrganisation, mayKnowOrganisation } from './organisation-policy'

const user = { isPlatformAdmin: false }
const platformAdmin = { isPlatformAdmin: true }

describe('organisation policy', () => {
  it('denies everything to non-members', () => {
    for (const action of ['organisation.read', 'organisation.update', 'members.read', 'members.manage', 'invitations.manage'] as const) {
      expect(canOnOrganisation(user, null, action)).toBe(false)
    }
    expect(mayKnowOrganisation(user, null)).toBe(false)
  })

  it('lets members read but only owners and admins manage', () => {
    expect(canOnOrganisation(user, 'member', 'organisation.read')).toBe(true)
    expect(canOnOrganisation(user, 'member', 'members.manage')).toBe(false)
    expect(canOnOrganisation(user, 'challenge_manager', 'invitations.manage')).toBe(false)
    expect(canOnOrganisation(user, 'owner', 'invitations.manage')).toBe(true)
    expect(canOnOrganisation(user, 'admin', 'organisation.update')).toBe(true)
  })

  it('lets platform admins do everything', () => {
    expect(canOnOrganisation(platformAdmin, null, 'members.manage')).toBe(true)
    expect(mayCreateOrganisation(platformAdmin, 'municipality')).toBe(true)
  })

  it('keeps municipality roles and enterprise roles apart', () => {
    expect(isRoleOfKind('enterprise', 'owner')).toBe(true)
    expect(isRoleOfKind('enterprise', 'challenge_manager')).toBe(false)
    expect(isRoleOfKind('municipality', 'member')).toBe(false)
    expect(mayCreateOrganisation(user, 'municipality')).toBe(false)
    expect(mayCreateOrganisation(user, 'enterprise')).toBe(true)
  })
})
