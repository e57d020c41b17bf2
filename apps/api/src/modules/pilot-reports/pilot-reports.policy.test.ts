import { describe, expect, it } from 'vitest'
import { consentAccess, reportAccess, reviewAccess } from './pilot-reports.policy'

describe('pilot report policy', () => {
  it('lets every member of the winning enterprise report, and hides the pilot from others', () => {
    expect(reportAccess('owner')).toBe('allowed')
    expect(reportAccess('member')).toBe('allowed')
    expect(reportAccess(null)).toBe('unknown')
  })
  it('leaves showcase consent to the owner', () => {
    expect(consentAccess('owner')).toBe('allowed')
    expect(consentAccess('member')).toBe('forbidden')
    expect(consentAccess(null)).toBe('unknown')
  })
  it('lets account managers and admins of the municipality review, and platform admins; not challenge managers', () => {
    expect(reviewAccess('account_manager')).toBe('allowed')
    expect(reviewAccess('admin')).toBe('allowed')
    expect(reviewAccess('challenge_manager')).toBe('forbidden')
    expect(reviewAccess(null)).toBe('unknown')
    expect(reviewAccess(null, true)).toBe('allowed')
  })
})
