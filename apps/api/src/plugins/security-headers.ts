import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'

export const API_VERSION = '1.0.0'

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Swagger UI injects inline styles; the docs page alone allows them. */
const DOCS_CSP = WEB_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
}
// Built once: this runs on every request, including the cheapest ones (bench 1c/1g).
const API_HEADERS = { ...COMMON_HEADERS, 'content-security-policy': API_CSP, 'cache-control': 'no-store', 'api-version': API_VERSION }
const DOCS_HEADERS = { ...COMMON_HEADERS, 'content-security-policy': DOCS_CSP }
const WEB_HEADERS = { ...COMMON_HEADERS, 'content-security-policy': WEB_CSP }

/**
 * Set in onRequest so that every answer carries them — 404, 413, 429 and 500 included,
 * because those are produced after this hook has run.
 */
export function applySecurityHeaders(reply: FastifyReply, url: string) {
  if (url.startsWith('/api/docs')) reply.headers(DOCS_HEADERS)
  else if (url.startsWith('/api/')) reply.headers(API_HEADERS)
  else reply.headers(WEB_HEADERS)
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    // A callback hook, not an async one: no promise per request.
    app.addHook('onRequest', (request, reply, done) => {
      applySecurityHeaders(reply, request.url)
      done()
    })
  },
  { name: 'security-headers' },
)

