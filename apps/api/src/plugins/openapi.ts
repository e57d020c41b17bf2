import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Problem } from '@opgave/contracts'
import { canonicalJson } from '@opgave/domain'
import { fixedJsonAnswer } from './compression'
import { API_VERSION } from './security-headers'

export const API_PREFIX = '/api/v1'

type Json = Record<string, unknown>
type Operation = { responses?: Record<string, Json>; parameters?: unknown[] }

const apiVersionHeader = {
  'API-Version': { description: 'Full version of the API (NLGov ADR /core/version-header)', schema: { type: 'string', example: API_VERSION } },
}

/** Error responses are declared with the Problem schema; on the wire they are application/problem+json. */
function asProblemMediaType(response: Json) {
  const content = response.content as Record<string, Json> | undefined
  if (!content?.['application/json']) return
  response.content = { 'application/problem+json': content['application/json'] }
}

/** `GET /api/v1/items/:id` as the document names it: `get /api/v1/items/{id}`. */
const operationKey = (method: string, url: string) => `${method.toLowerCase()} ${url.replace(/:(\w+)/g, '{$1}')}`

/**
 * The problems any operation can answer, whatever its route declares: 500 (a fault of ours, logged whole,
 * told to the client without internals), 503 with Retry-After (the database is down, restarting or busy,
 * plugins/errors.ts, or this instance is shutting down, plugins/draining.ts), and 429 with Retry-After from the
 * global per-IP limit (plugins/rate-limits.ts) unless the route is exempt from it. Declared with the Problem
 * schema every operation's 400 already carries; a route's own declaration of one of them wins.
 */
export function declareCommonProblems(document: Json, notRateLimited: ReadonlySet<string>): Json {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, { responses }] of Object.entries(item)) {
      const invalid = responses?.['400']
      if (!responses || !invalid) continue
      const common: Record<string, string> = {
        ...(notRateLimited.has(operationKey(method, path)) ? {} : { '429': 'Too many requests from this client: retry after Retry-After seconds' }),
        '500': 'Internal server error: a fault on our side; what went wrong is only in the server log',
        '503': 'Service unavailable for a moment (database unreachable or busy, instance shutting down): retry after Retry-After seconds',
      }
      for (const [status, description] of Object.entries(common)) responses[status] ??= { description, content: invalid.content }
    }
  }
  return document
}

/**
 * NLGov API Design Rules conventions that hold for every operation and are enforced by plugins
 * rather than by each route (the API-Version header, the server URL with the major version).
 * The route schemas stay the source; this only moves the prefix into `servers` and documents headers.
 */
export function applyNlGovConventions(document: Json, publicUrl: string): Json {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>
  const rewritten: Record<string, Record<string, Operation>> = {}
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith(API_PREFIX)) continue
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (/^[23]\d\d$/.test(status)) response.headers = { ...((response.headers as Json) ?? {}), ...apiVersionHeader }
        if (/^[45]\d\d$/.test(status)) asProblemMediaType(response)
      }
    }
    rewritten[path.slice(API_PREFIX.length) || '/'] = item
  }
  return {
    ...document,
    servers: [{ url: `${publicUrl.replace(/\/$/, '')}${API_PREFIX}`, description: 'This Opgave instance (production, or wherever it is deployed)', 'x-internal': false }],
    paths: rewritten,
  }
}

export const openapiPlugin = fp(
  async (app: FastifyInstance, opts: { publicUrl: string }) => {
    /** Operations with `config.rateLimit: false` (health, metrics): the only ones that never answer 429. */
    const notRateLimited = new Set<string>()
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Opgave API',
          version: API_VERSION,
          description:
            'Municipalities put societal challenges to the market; entrepreneurs answer with proposals; juries score them against SDG-tagged criteria. Errors are RFC 9457 problem details.',
          contact: { name: 'Opgave maintainers', email: 'opgave@example.org', url: 'https://github.com/opgave/opgave' },
          license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
        },
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: 'Short-lived access token (15 minutes) from /auth/login, following RFC8725 (JWT best practices): HS256 only (`alg: none` and other algorithms refused), issuer, audience and expiry checked, the session looked up on every request.',
            },
          },
        },
        tags: [
          { name: 'system', description: 'Health and documentation' },
          { name: 'auth', description: 'Registration, login and sessions' },
          { name: 'me', description: 'The signed-in user' },
          { name: 'organisations', description: 'Municipalities and enterprises, their members and invitations' },
          { name: 'invitations', description: 'Accepting invitations' },
          { name: 'admin', description: 'Platform administration' },
          { name: 'challenges', description: 'Societal challenges put to the market, their lifecycle and followers' },
          { name: 'questions', description: 'Questions and answers, and the versioned nota van inlichtingen' },
          { name: 'enterprises', description: 'Enterprise profiles and the directory' },
          { name: 'account-management', description: 'Account managers of municipalities for enterprises' },
          { name: 'routekaart', description: 'Who to contact at a municipality, per theme or SDG' },
          { name: 'proposals', description: 'Proposals, consortium partners, submission receipts' },
          { name: 'documents', description: 'Uploaded documents of challenges and proposals' },
          { name: 'jury', description: 'Evaluation rounds, criteria, jurors, conflicts, assignment, scorecards and results' },
          { name: 'sso', description: 'Single sign-on for municipal staff through their municipality (OpenID Connect)' },
          { name: 'impact', description: 'Public impact dashboards of municipalities and of the platform' },
          { name: 'open-data', description: 'Open data without personal data, in JSON and CSV, with a licence per municipality' },
          { name: 'pilot-reports', description: 'Pilots of winning proposals: impact reports and their validation' },
          { name: 'showcase', description: 'Inspiring examples: winners who consented, with their pilots’ results' },
          { name: 'partners', description: 'The partner directory, contact messages and partner suggestions' },
          { name: 'guidance', description: 'Guidance pages of municipalities in Markdown: a pocket guide for civil servants, a route map for entrepreneurs' },
          { name: 'meetings', description: 'Meetings of municipalities (matchmaking, information sessions, pitch days): registration and calendar files' },
        ],
      },
      transformObject: (documentObject) => {
        const document = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
        const declared = declareCommonProblems(document as Json, notRateLimited)
        return shareProblemSchema(applyOwaspConventions(applyNlGovConventions(declared, opts.publicUrl))) as typeof document
      },
    })
    // Request inputs get the bounds the OWASP rules ask for, enforced by the validator (see boundedSchema).
    app.addHook('onRoute', (route) => {
      if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit === false) for (const method of [route.method].flat()) notRateLimited.add(operationKey(method, route.url))
      const schema = route.schema as Record<string, unknown> | undefined
      if (!schema || !route.url.startsWith(API_PREFIX)) return
      if (schema.body) schema.body = boundedSchema(schema.body, BODY_STRING_MAX)
      for (const part of ['querystring', 'params'] as const) if (schema[part]) schema[part] = boundedSchema(schema[part], URL_STRING_MAX)
    })
    app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, fixedJsonAnswer(() => app.swagger()))
    await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { url: `${API_PREFIX}/openapi.json` } })
  },
  { name: 'openapi' },
)

const BODY_STRING_MAX = 1024 * 1024 // the body limit: no string in a body can be longer
const URL_STRING_MAX = 2048
const ARRAY_MAX = 10_000
const INTEGER_BOUNDS = { format: 'int64', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }

/**
 * A copy of a JSON schema in which every string, integer and array has an upper bound (OWASP API4:2023,
 * unrestricted resource consumption). Bounds a schema already has are kept; the defaults are the limits
 * the server enforces anyway (body size, safe integers), plus at most 10,000 array items.
 */
export function boundedSchema(schema: unknown, stringMax: number): unknown {
  if (Array.isArray(schema)) return schema.map((s) => boundedSchema(s, stringMax))
  if (!schema || typeof schema !== 'object') return schema
  const out: Json = {}
  for (const [key, value] of Object.entries(schema)) {
    out[key] = ['properties', 'patternProperties', '$defs', 'definitions'].includes(key) && value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, boundedSchema(v, stringMax)]))
      : ['const', 'enum', 'default', 'examples', 'example'].includes(key) ? value : boundedSchema(value, stringMax)
  }
  const types = Array.isArray(out.type) ? (out.type as string[]) : [out.type]
  const fixed = out.enum !== undefined || out.const !== undefined
  if (types.includes('string') && !fixed && out.maxLength === undefined) out.maxLength = stringMax
  if (types.includes('integer') && !fixed) {
    out.format ??= INTEGER_BOUNDS.format
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INTEGER_BOUNDS.minimum
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INTEGER_BOUNDS.maximum
  }
  if (types.includes('array') && out.maxItems === undefined) out.maxItems = ARRAY_MAX
  return out
}

const rateLimitHeaders = {
  'X-RateLimit-Limit': { description: 'Requests allowed per minute for this client', schema: { type: 'integer', ...INTEGER_BOUNDS, minimum: 0 } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer', ...INTEGER_BOUNDS, minimum: 0 } },
  'X-RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer', ...INTEGER_BOUNDS, minimum: 0 } },
}
const retryAfterHeader = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', ...INTEGER_BOUNDS, minimum: 0 } } }
const corsHeader = {
  'Access-Control-Allow-Origin': { description: 'Present only for the origins configured in CORS_ORIGINS (none by default)', schema: { type: 'string', maxLength: URL_STRING_MAX, format: 'uri' } },
}

/**
 * OWASP API Security conventions for the published document: the rate-limit headers @fastify/rate-limit
 * sends on every answer, the CORS header, and bounds on every schema (responses are bounded by what
 * requests could store: the body limit).
 */
export function applyOwaspConventions(document: Json): Json {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const headers = { ...((response.headers as Record<string, Json>) ?? {}) }
        if (/^[24]\d\d$/.test(status)) Object.assign(headers, rateLimitHeaders)
        if (status === '429' || status === '503') Object.assign(headers, retryAfterHeader)
        Object.assign(headers, corsHeader)
        if (Object.keys(headers).length) response.headers = headers
      }
    }
  }
  return boundedSchema(document, BODY_STRING_MAX) as Json
}

/** The Problem schema of `problemResponses` (lib/route-schema.ts), bounded as the document bounds every schema. */
const PUBLISHED_PROBLEM = JSON.parse(JSON.stringify(boundedSchema(Problem, BODY_STRING_MAX))) as Json

/**
 * Every error answer is the same RFC 9457 problem: the schema is published once, as `Problem` in
 * `components.schemas`, and each problem+json response with that schema refers to it (a response with a
 * schema of its own keeps it). Inline, the document repeated it in over a thousand responses.
 */
export function shareProblemSchema(document: Json): Json {
  const problem = canonicalJson(PUBLISHED_PROBLEM)
  const ref = { $ref: '#/components/schemas/Problem' }
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>
  for (const operation of Object.values(paths).flatMap((item) => Object.values(item))) {
    for (const response of Object.values(operation.responses ?? {})) {
      const content = (response.content as Record<string, Json> | undefined)?.['application/problem+json']
      if (content?.schema !== undefined && canonicalJson(content.schema) === problem) content.schema = ref
    }
  }
  const components = (document.components ?? {}) as Json
  return { ...document, components: { ...components, schemas: { ...((components.schemas as Json) ?? {}), Problem: PUBLISHED_PROBLEM } } }
}
