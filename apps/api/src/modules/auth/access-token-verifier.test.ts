import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bearerToken, createAccessTokenVerifier } from './access-token-verifier'

const rules = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'opgave', audience: 'opgave-api' }
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
function sign(claims: Record<string, unknown>, key = rules.secret) {
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`
}
const nowSeconds = () => Math.floor(Date.now() / 1000)
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'user-1', sid: 'session-1', iat: nowSeconds(), exp: nowSeconds() + 900, iss: 'opgave', aud: 'opgave-api', ...extra })

afterEach(() => vi.useRealTimers())

describe('access token verifier', () => {
  it('returns the claims of a valid token, the first time and from the cache', () => {
    const verify = createAccessTokenVerifier(rules)
    const token = sign(claims())
    expect(verify(token)).toMatchObject({ sub: 'user-1', sid: 'session-1' })
    expect(verify(token)).toMatchObject({ sub: 'user-1', sid: 'session-1' })
  })

  it('refuses a remembered token once it has expired', () => {
    const verify = createAccessTokenVerifier(rules)
    const token = sign(claims({ exp: nowSeconds() + 60 }))
    expect(verify(token)).not.toBeNull()
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] })
    expect(verify(token)).toBeNull()
    expect(verify(token)).toBeNull()
  })

  it('never serves a tampered copy of a remembered token from the cache', () => {
    const verify = createAccessTokenVerifier(rules)
    const token = sign(claims())
    expect(verify(token)).not.toBeNull()
    const [head, , signature] = token.split('.')
    expect(verify(`${head}.${b64(claims({ sub: 'user-2' }))}.${signature}`)).toBeNull()
    expect(verify(sign(claims({ sub: 'user-2' }), 'another-key-another-key-another-key-0123'))).toBeNull()
  })

  it('refuses wrong issuers, audiences, missing claims and other algorithms, and does not remember them', () => {
    const verify = createAccessTokenVerifier(rules)
    for (const bad of [claims({ iss: 'x' }), claims({ aud: 'x' }), claims({ sid: undefined }), claims({ exp: nowSeconds() - 1 })]) {
      const token = sign(bad)
      expect(verify(token)).toBeNull()
      expect(verify(token)).toBeNull()
    }
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`
    expect(verify(none)).toBeNull()
  })

  it('keeps at most maxEntries tokens, dropping the oldest, and still verifies a dropped one in full', () => {
    const verify = createAccessTokenVerifier(rules, { maxEntries: 2 })
    const tokens = ['a', 'b', 'c'].map((sid) => sign(claims({ sid })))
    for (const token of tokens) expect(verify(token)).not.toBeNull()
    expect(verify(tokens[0]!)).toMatchObject({ sid: 'a' })
  })
})

describe('bearerToken', () => {
  it('takes the token of a Bearer header and nothing else', () => {
    expect(bearerToken('Bearer aa.bb.cc')).toBe('aa.bb.cc')
    expect(bearerToken('bearer aa.bb.cc')).toBe('aa.bb.cc')
    for (const header of ['Bearer', 'Bearer ', 'Bearer aa.bb', 'Bearer aa.bb.', 'Basic YTpi', 'Beareraa.bb.cc', 'Bearer  aa.bb.cc', 'Bearer aa.bb.cc extra']) {
      expect(bearerToken(header)).toBeNull()
    }
  })
})
