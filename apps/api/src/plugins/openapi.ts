import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
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
    servers: [{ url: `${publicUrl.replace(/\/$/, '')}${API_PREFIX}`, description: 'This Opgave instance' }],
    paths: rewritten,
  }
}

export const openapiPlugin = fp(
  async (app: FastifyInstance, opts: { publicUrl: string }) => {
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
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
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
        ],
      },
      transformObject: (documentObject) => {
        const document = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
        return applyNlGovConventions(document as Json, opts.publicUrl) as typeof document
      },
    })
    app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger())
    await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { url: `${API_PREFIX}/openapi.json` } })
  },
  { name: 'openapi' },
)
