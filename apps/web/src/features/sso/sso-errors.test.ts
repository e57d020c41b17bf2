import { describe, expect, it } from 'vitest'
import en from '../../i18n/en.features.json'
import nl from '../../i18n/nl.features.json'
import { ssoErrorKey } from './sso-errors'

describe('ssoErrorKey', () => {
  it('names a message for every code the API sends, in both languages', () => {
    for (const code of ['sso.not_found', 'sso.state_invalid', 'sso.access_denied', 'sso.token_invalid', 'sso.email_not_allowed', 'sso.no_role', 'sso.account_disabled', 'sso.provider_unavailable']) {
      const key = ssoErrorKey(code)!
      expect(key).toBe(`sso.errors.${code.slice(4)}`)
      const name = key.split('.')[2] as keyof typeof nl.sso.errors
      expect(nl.sso.errors[name]).toBeTruthy()
      expect(en.sso.errors[name]).toBeTruthy()
    }
  })
  it('falls back to a general message, and shows nothing without a code', () => {
    expect(ssoErrorKey('request.rate_limited')).toBe('sso.errors.unknown')
    expect(ssoErrorKey('sso.whatever')).toBe('sso.errors.unknown')
    expect(ssoErrorKey(undefined)).toBeNull()
    expect(ssoErrorKey(['sso.no_role'])).toBeNull()
  })
})
