import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Authenticated encryption (AES-256-GCM) with a key derived from the app secret (JWT_SECRET, or the
 * one kept in DATA_DIR) per purpose, so a sealed value of one purpose never opens as another.
 * Rotating the app secret makes sealed values unreadable: client secrets must then be entered again.
 */
export function sealer(appSecret: string, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', appSecret, 'opgave-sealed', purpose, 32))
  return {
    seal(plain: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')
    },
    /** null for anything not sealed by this key and purpose (tampered, truncated, other secret). */
    open(sealed: string | undefined | null): string | null {
      const parts = sealed?.split('.')
      if (!parts || parts.length !== 4 || parts[0] !== 'v1') return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[1]!, 'base64url'))
        decipher.setAuthTag(Buffer.from(parts[3]!, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(parts[2]!, 'base64url')), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}
export type Sealer = ReturnType<typeof sealer>
