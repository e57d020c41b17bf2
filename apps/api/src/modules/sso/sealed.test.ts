import { describe, expect, it } from 'vitest'
import { sealer } from './sealed'
import { safeReturnPath } from './sso-login.service'

describe('sealer', () => {
  const secret = 'an-app-secret-of-at-least-thirty-two-characters'
  it('round-trips and never shows the plain text', () => {
    const s = sealer(secret, 'purpose-a')
    const sealed = s.seal('client-secret-123')
    expect(sealed).not.toContain('client-secret-123')
    expect(s.open(sealed)).toBe('client-secret-123')
    expect(s.seal('x')).not.toBe(s.seal('x'))
  })
  it('refuses other purposes, other secrets and tampering', () => {
    const sealed = sealer(secret, 'purpose-a').seal('value')
    expect(sealer(secret, 'purpose-b').open(sealed)).toBeNull()
    expect(sealer(`${secret}!`, 'purpose-a').open(sealed)).toBeNull()
    const parts = sealed.split('.')
    const flipped = parts[2]!.startsWith('A') ? `B${parts[2]!.slice(1)}` : `A${parts[2]!.slice(1)}`
    expect(sealer(secret, 'purpose-a').open([parts[0], parts[1], flipped, parts[3]].join('.'))).toBeNull()
    expect(sealer(secret, 'purpose-a').open('garbage')).toBeNull()
    expect(sealer(secret, 'purpose-a').open(undefined)).toBeNull()
  })
})

describe('safeReturnPath', () => {
  it('keeps web-app paths and drops anything that could leave the app', () => {
    expect(safeReturnPath('/opgaven?x=1')).toBe('/opgaven?x=1')
    expect(safeReturnPath('//evil.example')).toBe('/')
    expect(safeReturnPath('/\\evil.example')).toBe('/')
    expect(safeReturnPath('https://evil.example')).toBe('/')
    expect(safeReturnPath(undefined)).toBe('/')
  })
})
