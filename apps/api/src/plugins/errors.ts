import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Problem } from '@opgave/contracts'
import { databaseUnavailability } from '../db/unavailable'
import { commonProblems, ProblemError, problemType } from '../lib/problem'
import { applySecurityHeaders } from './security-headers'
import { sendSpaPage } from './web-app'

const PROBLEM_TYPE = 'application/problem+json'

/** Fastify's own 4xx errors, mapped to stable codes. Their messages are safe to show. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.empty_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_RATE_LIMIT: 'request.rate_limited',
}

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'Service unavailable',
}

interface AjvLikeError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Turns ajv errors into fields a form can point at: /email, /budgetLines/0/amount, query/cursor. */
export function validationFieldErrors(errors: AjvLikeError[], context: string | undefined) {
  return errors.map((e) => {
    let path = e.instancePath
    if (e.keyword === 'required') path += `/${String(e.params.missingProperty)}`
    if (e.keyword === 'additionalProperties') path += `/${String(e.params.additionalProperty)}`
    const field = context && context !== 'body' ? `${context}${path || '/'}` : path || '/'
    const code = e.keyword === 'additionalProperties' ? 'unknown_field' : e.keyword
    const message = e.keyword === 'additionalProperties' ? `unknown field ${String(e.params.additionalProperty)}` : (e.message ?? 'is invalid')
    return { field, code, message }
  })
}

function render(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value)
  // Sent as a string so no route's response serializer can reshape or drop fields.
  return reply.status(problem.status).type(PROBLEM_TYPE).send(JSON.stringify(problem))
}

function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const instance = request.url.split('?')[0]
  if (error instanceof ProblemError) {
    if (error.status >= 500) request.log.error({ err: error }, 'server problem')
    return render(reply, error.toProblem(instance), error.headers)
  }
  if (error.validation) {
    const errors = validationFieldErrors(error.validation as AjvLikeError[], error.validationContext)
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')
    return render(reply, { type: problemType('request.invalid'), title: 'Invalid request', status: 400, detail, code: 'request.invalid', errors, instance })
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code = FRAMEWORK_CODES[error.code] ?? `request.http_${status}`
    const headers: Record<string, string> = {}
    const retryAfter = reply.getHeader('retry-after')
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter)
    return render(reply, { type: problemType(code), title: TITLES[status] ?? 'Request error', status, detail: error.message, code, instance }, headers)
  }
  // The database's state, not a bug: the transaction rolled back, and the client may retry shortly.
  const unavailable = databaseUnavailability(error)
  if (unavailable) {
    request.log.warn({ reason: unavailable.reason }, 'database unavailable')
    const problem =
      unavailable.code === 'system.database_down'
        ? commonProblems.databaseDown('The database cannot be reached right now. Please try again shortly.')
        : commonProblems.databaseBusy('The database was busy with a conflicting change. Please try again.')
    return render(reply, problem.toProblem(instance), { 'Retry-After': String(unavailable.retryAfterSeconds) })
  }
  // Anything else is our fault: log it whole, tell the client nothing internal.
  request.log.error({ err: error }, 'unhandled error')
  return render(reply, {
    type: problemType('server.error'),
    title: 'Internal server error',
    status: 500,
    detail: 'Something went wrong on our side. Please try again later.',
    code: 'server.error',
    instance,
  })
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(errorHandler)
    app.setNotFoundHandler((request, reply) => {
      // Client-side routes of the web app (e.g. /organisaties/…) get its index.html.
      const html = request.server.spaIndexHtml
      if (html && (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/')) {
        return sendSpaPage(reply, html)
      }
      return render(reply, {
        type: problemType('resource.not_found'),
        title: 'Not found',
        status: 404,
        detail: `No route ${request.method} ${request.url.split('?')[0]}`,
        code: 'resource.not_found',
        instance: request.url.split('?')[0],
      })
    })
  },
  { name: 'errors', dependencies: ['web-app'] },
)

/**
 * Errors Fastify raises before routing (an over-long or malformed URL): no hook has run yet,
 * so the security headers are applied here.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  applySecurityHeaders(reply, request.url)
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400)
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.uri_too_long' : 'request.invalid_url'
  return render(reply, {
    type: problemType(code),
    title: status === 414 ? 'URI too long' : 'Invalid request',
    status,
    detail: status === 414 ? 'A path parameter is too long.' : 'The URL is not valid.',
    code,
  })
}

export { render as renderProblem }
