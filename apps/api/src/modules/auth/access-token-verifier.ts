import { createVerifier } from 'fast-jwt'

/** The claims an access token must carry; the policy looks roles up per object, never in the token. */
export interface AccessClaims {
  sub: string
  sid: string
  /** Seconds since the epoch. */
  exp: number
}

export interface AccessTokenRules {
  secret: string
  issuer: string
  audience: string
}

/** The verification rules of access tokens, shared with @fastify/jwt's registration (plugins/auth.ts). */
export function accessTokenVerifyOptions({ issuer, audience }: Pick<AccessTokenRules, 'issuer' | 'audience'>) {
  return { algorithms: ['HS256' as const], allowedIss: issuer, allowedAud: audience, requiredClaims: ['sub', 'sid', 'exp', 'iat', 'iss', 'aud'] }
}

export const VERIFIED_TOKEN_CACHE_MAX_ENTRIES = 10_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Verifies the `Authorization` header of every authenticated request (benchmark 1d). A header whose exact
 * text was verified before is recognised without parsing it, decoding the token again or recomputing its
 * HMAC: the same text under the same key always verifies the same way, except for time, so `exp` is
 * checked again on every hit. Only headers that passed every check are remembered; a tampered token is a
 * different text and is verified in full. At most `maxEntries` (15 minutes of life each) are kept, the
 * oldest dropped first.
 *
 * Whether the session behind the token is still live is not this module's question: plugins/auth.ts
 * asks the session check (and its cache) on every request.
 */
export function createAccessTokenVerifier(rules: AccessTokenRules, options: { maxEntries?: number } = {}) {
  const verifyInFull = createVerifier({ key: rules.secret, ...accessTokenVerifyOptions(rules) }) as (token: string) => AccessClaims
  const maxEntries = options.maxEntries ?? VERIFIED_TOKEN_CACHE_MAX_ENTRIES
  const verified = new Map<string, AccessClaims>()

  return function verify(authorization: string): AccessClaims | null {
    const known = verified.get(authorization)
    if (known) {
      // Date.now, as fast-jwt's own expiry check: the two agree about when a token has run out.
      if (known.exp * 1000 > Date.now()) return known
      verified.delete(authorization)
      return null
    }
    const token = bearerToken(authorization)
    if (!token) return null
    let claims: AccessClaims
    try {
      claims = verifyInFull(token)
    } catch {
      return null
    }
    // The ids are looked up in the database: anything but a UUID is refused here, once per token.
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !UUID.test(claims.sub) || !UUID.test(claims.sid)) return null
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!)
    const kept = { sub: claims.sub, sid: claims.sid, exp: claims.exp }
    verified.set(authorization, kept)
    return kept
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null when the header has another shape. */
export function bearerToken(authorization: string): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(authorization)
  return match ? match[1]! : null
}
