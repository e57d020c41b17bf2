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

/**
 * Set in onRequest so that every answer carries them — 404, 413, 429 and 500 included,
 * because those are produced after this hook has run.
 */
export function applySecurityHeaders(reply: FastifyReply, url: string) {
  const isDocs = url.startsWith('/api/docs')
  const isApi = url.startsWith('/api/') && !isDocs
  reply.headers({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    'cross-origin-opener-policy': 'same-origin',
    'content-security-policy': isApi ? API_CSP : isDocs ? DOCS_CSP : WEB_CSP,
  })
  if (isApi) reply.headers({ 'cache-control': 'no-store', 'api-version': API_VERSION })
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => applySecurityHeaders(reply, request.url))
  },
  { name: 'security-headers' },
)

/** Swagger UI injects inline styles; the docs page alone allows them. */
const DOCS_CSP = WEB_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
