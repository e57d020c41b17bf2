import { describe, expect, it } from 'vitest'
import { questionAccess } from './questions.policy'

describe('questionAccess', () => {
  const user = { isPlatformAdmin: false }
  it('lets admins, challenge managers and platform admins manage', () => {
    expect(questionAccess(user, 'admin')).toBe('manage')
    expect(questionAccess(user, 'challenge_manager')).toBe('manage')
    expect(questionAccess({ isPlatformAdmin: true }, null)).toBe('manage')
  })
  it('refuses account managers (403) and hides the inbox from everyone else (404)', () => {
    expect(questionAccess(user, 'account_manager')).toBe('forbidden')
    expect(questionAccess(user, 'owner')).toBe('unknown')
    expect(questionAccess(user, null)).toBe('unknown')
    expect(questionAccess(null, null)).toBe('unknown')
  })
})
