import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const REFRESH_COOKIE = 'opgave_refresh'
export const REFRESH_COOKIE_PATH = '/api/v1/auth'
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000

/** A refresh token is `<token row id>.<secret>`; the database keeps only the secret's SHA-256. */
export function newRefreshSecret() {
  const secret = randomBytes(32).toString('base64url')
  return { secret, hash: hashSecret(secret) }
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

export function parseRefreshToken(value: string | undefined): { id: string; secret: string } | null {
  if (!value) return null
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(value)
  return match ? { id: match[1]!, secret: match[2]! } : null
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
