import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { chooseContentCoding, type ContentCoding } from '../lib/content-coding'

/** Below this an answer fits in a packet or two: compressing it costs more than it saves. */
export const COMPRESSION_THRESHOLD_BYTES = 1024
const COMPRESSIBLE_TYPE = /^(application\/(json|problem\+json)|text\/(html|plain|csv|calendar))\b/

function withAcceptEncoding(vary: unknown): string {
  const current = Array.isArray(vary) ? vary.join(', ') : typeof vary === 'string' ? vary : ''
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(current)) return current
  return current ? `${current}, Accept-Encoding` : 'Accept-Encoding'
}

function compress(input: string | Buffer, coding: ContentCoding): Buffer {
  return coding === 'br'
    ? brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(input) } })
    : gzipSync(input, { level: 6 })
}

/**
 * Compresses answers to GET that the app builds in memory (JSON of the API, the pages' HTML): the
 * catalogue's first page is ~13 KB of JSON, ~3 KB in brotli, which a phone on a slow connection feels
 * (Lighthouse listed it, benchmark 6b). Built assets are pre-compressed at build time and streamed
 * answers (CSV/XLSX exports) pass untouched. Only GET: its answers carry no credentials (tokens come
 * from POST /auth/…), so a secret never sits compressed beside text an attacker chose (BREACH).
 * Brotli at quality 4 and gzip at level 6: about as fast as each other, and well under a millisecond here.
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    // A callback hook: it runs on every answer, and most leave at the first check.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.method !== 'GET') return done(null, payload)
      const isText = typeof payload === 'string'
      if (!isText && !Buffer.isBuffer(payload)) return done(null, payload)
      // A string's length is at most its UTF-8 size: enough to find the small ones cheaply.
      if ((payload as string | Buffer).length < COMPRESSION_THRESHOLD_BYTES || reply.hasHeader('content-encoding')) return done(null, payload)
      const type = reply.getHeader('content-type')
      if (typeof type !== 'string' || !COMPRESSIBLE_TYPE.test(type)) return done(null, payload)
      // Caches must keep the plain and the compressed answer apart, whichever this client gets.
      reply.header('vary', withAcceptEncoding(reply.getHeader('vary')))
      const coding = chooseContentCoding(request.headers['accept-encoding'])
      if (!coding) return done(null, payload)
      const body = compress(payload as string | Buffer, coding)
      reply.header('content-encoding', coding)
      reply.removeHeader('content-length')
      done(null, body)
    })
  },
  { name: 'compression' },
)

/**
 * A JSON answer that does not change while the app runs (the OpenAPI document, 1.6 MB): serialised on
 * the first request and compressed once per coding, then served from memory. Built per request it
 * held the event loop ~25 ms for every GET anyone sent (serialising ~20 ms, brotli ~5 ms).
 */
export function fixedJsonAnswer(build: () => unknown) {
  let text: string | null = null
  const encoded = new Map<ContentCoding, Buffer>()
  return (request: FastifyRequest, reply: FastifyReply): string | Buffer => {
    text ??= JSON.stringify(build())
    reply.type('application/json; charset=utf-8').header('vary', 'Accept-Encoding')
    const coding = chooseContentCoding(request.headers['accept-encoding'])
    if (!coding) return text
    let body = encoded.get(coding)
    if (!body) {
      body = compress(text, coding)
      encoded.set(coding, body)
    }
    reply.header('content-encoding', coding)
    return body
  }
}
