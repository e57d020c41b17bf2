import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Path segments that carry a secret (single-use invitation links): logged as `***`. */
const SECRET_PATH = /\/((?:jury-)?invitations)\/[^/?]+/g
/** Query parameters that carry a secret (OIDC callback, tokens): their values are logged as `***`. */
const SECRET_QUERY = /([?&](?:code|state|token|access_token|id_token|refresh_token|session_state)=)[^&]*/gi

/** The request URL as it may appear in a log: no invitation tokens, no authorization codes. */
export function loggableUrl(url: string): string {
  return url.replace(SECRET_PATH, '/$1/***').replace(SECRET_QUERY, '$1***')
}

/**
 * One log line per request, written when the response is sent (method, route, status, time, request id),
 * instead of Fastify's two lines per request: request logging was the largest fixed cost per request in
 * bench 1c/1f. Server errors are logged by the error handler with their stack; this line stays small.
 */
export const requestLogPlugin = fp(async (app) => {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const status = reply.statusCode
    const line = {
      reqId: request.id,
      method: request.method,
      url: loggableUrl(request.url),
      route: request.routeOptions.url,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (status >= 500) request.log.error(line, 'request failed')
    else request.log.info(line, 'request')
  })
})
