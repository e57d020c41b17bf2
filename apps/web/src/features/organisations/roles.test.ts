import { describe, expect, it } from 'vitest'
import { canManageMembers, defaultInvitationRole, rolesFor } from './roles'

describe('organisation roles', () => {
  it('lists the roles per kind of organisation', () => {
    expect(rolesFor('enterprise')).toEqual(['owner', 'member'])
    expect(rolesFor('municipality')).toEqual(['admin', 'challenge_manager', 'account_manager'])
  })

  it('lets owners and admins manage members, nobody else', () => {
    expect(canManageMembers('enterprise', 'owner')).toBe(true)
    expect(canManageMembers('enterprise', 'member')).toBe(false)
    expect(canManageMembers('municipality', 'admin')).toBe(true)
    expect(canManageMembers('municipality', 'challenge_manager')).toBe(false)
    expect(canManageMembers('municipality', null)).toBe(false)
  })

  it('invites with the least powerful role by default', () => {
    expect(defaultInvitationRole('enterprise')).toBe('member')
    expect(defaultInvitationRole('municipality')).toBe('account_manager')
  })
})
