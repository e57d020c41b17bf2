import { describe, expect, it } from 'vitest'
import { guidanceAccess } from './guidance.policy'

describe('guidanceAccess', () => {
  it('lets admins, challenge managers and platform admins edit', () => {
    expect(guidanceAccess('admin', false, 'guidance.edit')).toBe('allowed')
    expect(guidanceAccess('challenge_manager', false, 'guidance.edit')).toBe('allowed')
    expect(guidanceAccess(null, true, 'guidance.edit')).toBe('allowed')
  })
  it('lets account managers read drafts but not edit', () => {
    expect(guidanceAccess('account_manager', false, 'guidance.read_drafts')).toBe('allowed')
    expect(guidanceAccess('account_manager', false, 'guidance.edit')).toBe('forbidden')
  })
  it('hides drafts from everyone else', () => {
    for (const action of ['guidance.read_drafts', 'guidance.edit'] as const) {
      expect(guidanceAccess(null, false, action)).toBe('unknown')
      expect(guidanceAccess('owner', false, action)).toBe('unknown')
      expect(guidanceAccess('member', false, action)).toBe('unknown')
    }
  })
})
