import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bearerToken, createAccessTokenVerifier } from './access-token-verifier'

const rules = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'opgave', audience: 'opgave-api' }
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** An Authorization header with a token signed over `claims`. */
function sign(claims: Record<string, unknown>, key = rules.secret) {
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`
  return `Bearer ${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`
}
const nowSeconds = () => Math.floor(Date.now() / 1000)
const USER = '0b5e2c4e-7f1a-4c2b-9d3e-1a2b3c4d5e6f'
const OTHER_USER = '1c6f3d5f-8a2b-4d3c-8e4f-2b3c4d5e6f70'
const sessionId = (n: number) => `2d7a4e6a-9b3c-4e4d-9f5a-3c4d5e6f70${String(n).padStart(2, '0')}`
const claims = (extra: Record<string, unknown> = {}) => ({ sub: USER, sid: sessionId(1), iat: nowSeconds(), exp: nowSeconds() + 900, iss: 'opgave', aud: 'opgave-api', ...extra })

afterEach(() => vi.useRealTimers())

describe('access token verifier', () => {
  it('returns the claims of a valid token, the first time and from the cache', () => {
    const verify = createAccessTokenVerifier(rules)
    const token = sign(claims())
    expect(verify(token)).toMatchObject({ sub: USER, sid: sessionId(1) })
    expect(verify(token)).toMatchObject({ sub: USER, sid: sessionId(1) })
  })

  it('verifies any other spelling of a remembered header in full: only a Bearer header with a well-formed token passes', () => {
    const verify = createAccessTokenVerifier(rules)
    const header = sign(claims())
    expect(verify(header)).not.toBeNull()
    expect(verify(header.replace('Bearer', 'bearer'))).toMatchObject({ sub: USER })
    for (const other of [`${header} extra`, header.replace('Bearer ', 'Bearer  '), header.replace('Bearer ', 'Basic '), header.slice(7), 'Bearer']) {
      expect(verify(other)).toBeNull()
    }
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
    expect(verify(`${head}.${b64(claims({ sub: OTHER_USER }))}.${signature}`)).toBeNull()
    expect(verify(sign(claims({ sub: OTHER_USER }), 'another-key-another-key-another-key-0123'))).toBeNull()
  })

  it('refuses wrong issuers, audiences, missing claims, ids that are not UUIDs and other algorithms, and does not remember them', () => {
    const verify = createAccessTokenVerifier(rules)
    for (const bad of [claims({ iss: 'x' }), claims({ aud: 'x' }), claims({ sid: undefined }), claims({ exp: nowSeconds() - 1 }), claims({ sub: 'user-1' }), claims({ sid: "x' or 1=1" })]) {
      const token = sign(bad)
      expect(verify(token)).toBeNull()
      expect(verify(token)).toBeNull()
    }
    const none = `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`
    expect(verify(none)).toBeNull()
  })

  it('keeps at most maxEntries tokens, dropping the oldest, and still verifies a dropped one in full', () => {
    const verify = createAccessTokenVerifier(rules, { maxEntries: 2 })
    const tokens = [1, 2, 3].map((n) => sign(claims({ sid: sessionId(n) })))
    for (const token of tokens) expect(verify(token)).not.toBeNull()
    expect(verify(tokens[0]!)).toMatchObject({ sid: sessionId(1) })
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
