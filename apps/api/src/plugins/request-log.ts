import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'

/** Path segments that carry a secret (single-use invitation links): logged as `***`. */
const SECRET_PATH = /\/((?:jury-)?invitations)\/[^/?]+/g
/** Query parameters that carry a secret (OIDC callback, tokens): their values are logged as `***`. */
const SECRET_QUERY = /([?&](?:code|state|token|access_token|id_token|refresh_token|session_state)=)[^&]*/gi

/** The request URL as it may appear in a log: no invitation tokens, no authorization codes. */
export function loggableUrl(url: string): string {
  // Most URLs have neither an invitation path nor a query string: no regex needed for those.
  if (!url.includes('?') && !url.includes('&') && !url.includes('invitations/')) return url
  return url.replace(SECRET_PATH, '/$1/***').replace(SECRET_QUERY, '$1***')
}

/** The fields of the one line per request. */
export interface RequestLine {
  reqId: string
  method: string
  url: string
  route: string | undefined
  status: number
  ms: number
}

/** Writes a request line; `failed` for a 5xx answer (error level, "request failed"). */
export type RequestLineWriter = (line: RequestLine, failed: boolean) => void

/**
 * One log line per request, written when the response is sent (method, route, status, time, request id),
 * instead of Fastify's two lines per request: request logging was the largest fixed cost per request in
 * bench 1c/1f. Server errors are logged by the error handler with their stack; this line stays small.
 * `write` is the app's writer (plugins/logging.ts: pino's format straight to the log destination); without
 * it the request's own logger writes the line.
 */
export const requestLogPlugin = fp(async (app, opts: { write?: RequestLineWriter }) => {
  const write: RequestLineWriter = opts.write ?? ((line, failed) => (failed ? app.log.error(line, 'request failed') : app.log.info(line, 'request')))
  // A callback hook, not an async one: no promise per request.
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const status = reply.statusCode
    write({ reqId: request.id, method: request.method, url: loggableUrl(request.url), route: request.routeOptions.url, status, ms: Math.round(reply.elapsedTime * 10) / 10 }, status >= 500)
    done()
  })
})
