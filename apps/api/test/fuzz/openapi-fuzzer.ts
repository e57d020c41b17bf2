import fc from 'fast-check'
import type { TestContext } from '../test-app'
import { hostileArbitrary, parameterArbitrary, validArbitrary, type JsonSchema } from './schema-arbitrary'

interface Operation {
  method: string
  path: string
  parameters: { name: string; in: 'path' | 'query' | 'header'; schema: JsonSchema; required?: boolean }[]
  body?: JsonSchema
  bodyType?: string
}

export interface FuzzReport {
  requests: number
  byStatusClass: Record<string, number>
  serverErrors: { method: string; url: string; status: number; body: string }[]
  leaks: { method: string; url: string; body: string }[]
  nonProblemErrors: { method: string; url: string; status: number; contentType: string }[]
  operations: number
}

const LEAK = /\bat .+\.(ts|js):\d+|node_modules|SQLSTATE|syntax error at or near|violates .* constraint|relation ".*" does not exist|drizzle|pglite|Failed query/i
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

export function operationsOf(document: { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const content = op.requestBody?.content ?? {}
      const bodyType = Object.keys(content)[0]
      ops.push({ method: method.toUpperCase(), path: `/api/v1${path}`, parameters: op.parameters ?? [], body: bodyType ? content[bodyType]!.schema : undefined, bodyType })
    }
  }
  return ops
}

/** Lone surrogates cannot be URI-encoded; send them as invalid UTF-8 bytes instead, a hostile case of its own. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    return '%ED%A0%80'
  }
}

/** Seeded PRNG so a failing run can be replayed with the printed seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Drives every operation of the OpenAPI document with valid, boundary and hostile input as several
 * identities. Ids seen in successful responses join the pool, so the fuzzer reaches objects it created.
 */
export async function fuzzOpenApi(ctx: TestContext, options: { requests: number; seed: number; tokens: (string | null)[]; knownIds: string[] }): Promise<FuzzReport> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
  const operations = operationsOf(document)
  const random = mulberry32(options.seed)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
  const ids = new Set(options.knownIds)
  const report: FuzzReport = { requests: 0, byStatusClass: {}, serverErrors: [], leaks: [], nonProblemErrors: [], operations: operations.length }
  const perOperation = Math.ceil(options.requests / operations.length)

  for (const [index, op] of operations.entries()) {
    const seed = options.seed + index
    const bodies = op.body
      ? fc.sample(fc.oneof(validArbitrary(op.body), hostileArbitrary(op.body)), { numRuns: perOperation, seed })
      : Array.from({ length: perOperation }, () => undefined)
    const paramSamples = new Map(op.parameters.map((p) => [p.name, fc.sample(parameterArbitrary(p.schema, []), { numRuns: perOperation, seed: seed + 7 })]))
    for (let i = 0; i < perOperation && report.requests < options.requests; i++) {
      const pool = [...ids]
      let url = op.path
      const query: string[] = []
      for (const p of op.parameters) {
        const sampled = paramSamples.get(p.name)![i]!
        const value = pool.length > 0 && random() < 0.5 ? pick(pool) : sampled
        if (p.in === 'path') url = url.replace(`{${p.name}}`, encode(value))
        else if (p.in === 'query' && random() < 0.7) query.push(`${encode(p.name)}=${encode(value)}`)
      }
      if (query.length) url += `?${query.join('&')}`
      const token = pick(options.tokens)
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
      const body = bodies[i]
      let payload: string | undefined
      if (op.body) {
        headers['content-type'] = op.bodyType === 'multipart/form-data' ? 'application/json' : 'application/json'
        payload = JSON.stringify(body ?? null)
      }
      const res = await ctx.app.inject({ method: op.method as 'GET', url, headers, payload })
      report.requests++
      const cls = `${Math.floor(res.statusCode / 100)}xx`
      report.byStatusClass[cls] = (report.byStatusClass[cls] ?? 0) + 1
      if (res.statusCode >= 500) report.serverErrors.push({ method: op.method, url: url.slice(0, 160), status: res.statusCode, body: res.body.slice(0, 300) })
      if (LEAK.test(res.body)) report.leaks.push({ method: op.method, url: url.slice(0, 160), body: res.body.slice(0, 300) })
      if (res.statusCode >= 400) {
        const contentType = String(res.headers['content-type'] ?? '')
        if (!contentType.startsWith('application/problem+json')) report.nonProblemErrors.push({ method: op.method, url: url.slice(0, 160), status: res.statusCode, contentType })
      } else if (res.statusCode < 300 && String(res.headers['content-type'] ?? '').includes('json')) {
        for (const id of res.body.match(UUID) ?? []) if (ids.size < 500) ids.add(id)
      }
    }
  }
  return report
}

export function printReport(name: string, report: FuzzReport) {
  console.log(
    `[fuzz:${name}] ${report.requests} requests over ${report.operations} operations; by status: ${JSON.stringify(report.byStatusClass)}; ` +
      `5xx: ${report.serverErrors.length}; bodies leaking internals: ${report.leaks.length}; errors not problem+json: ${report.nonProblemErrors.length}`,
  )
}

export interface BoundaryReport {
  /** Operations with a JSON body probed for 413 (over the body limit) and 415 (wrong content type). */
  probed: number
  wrongStatus: { method: string; url: string; expected: number; status: number }[]
  nonProblem: { method: string; url: string; status: number }[]
}

/** Every operation with a JSON body, called as a signed-in user: a body over the limit → 413, XML or text → 415. */
export async function probeBodyLimits(ctx: TestContext, options: { token: string; knownIds: string[]; bodyLimit: number }): Promise<BoundaryReport> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
  const report: BoundaryReport = { probed: 0, wrongStatus: [], nonProblem: [] }
  const huge = JSON.stringify({ text: 'x'.repeat(options.bodyLimit + 1) })
  for (const op of operationsOf(document)) {
    if (!op.body || op.bodyType !== 'application/json') continue
    let url = op.path
    for (const p of op.parameters) if (p.in === 'path') url = url.replace(`{${p.name}}`, options.knownIds[0] ?? '00000000-0000-4000-8000-000000000000')
    report.probed++
    const cases: [number, string, string][] = [
      [413, 'application/json', huge],
      [415, 'application/xml', '<a/>'],
      [415, 'text/plain', 'hello'],
    ]
    for (const [expected, contentType, payload] of cases) {
      const res = await ctx.app.inject({ method: op.method as 'POST', url, headers: { authorization: `Bearer ${options.token}`, 'content-type': contentType }, payload })
      if (res.statusCode !== expected) report.wrongStatus.push({ method: op.method, url, expected, status: res.statusCode })
      if (!String(res.headers['content-type'] ?? '').startsWith('application/problem+json')) report.nonProblem.push({ method: op.method, url, status: res.statusCode })
    }
  }
  return report
}

export const PROTECTED_FIELDS = ['id', 'ownerId', 'status', 'score', 'role', 'isPlatformAdmin', 'organisationId', 'userId', 'createdBy', 'submittedAt', 'contentHash', 'version', 'createdAt', 'kind']

export interface MassAssignmentReport {
  attempts: number
  /** A body carrying a field its schema does not declare was accepted (2xx). */
  accepted: { method: string; url: string; field: string; status: number }[]
}

/**
 * Mass assignment (OWASP API3): every write operation gets a valid body plus one field it does not
 * declare (id, ownerId, status, score, role, …). The request must be refused; that nothing changed is
 * checked by the caller, which reads the objects back from the database before and after.
 */
export async function probeMassAssignment(ctx: TestContext, options: { tokens: string[]; knownIds: string[]; seed: number }): Promise<MassAssignmentReport> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
  const random = mulberry32(options.seed)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
  const report: MassAssignmentReport = { attempts: 0, accepted: [] }
  for (const [index, op] of operationsOf(document).entries()) {
    if (!op.body || op.bodyType !== 'application/json' || op.body.type !== 'object') continue
    const declared = new Set(Object.keys(op.body.properties ?? {}))
    const [valid] = fc.sample(validArbitrary(op.body), { numRuns: 1, seed: options.seed + index })
    for (const field of PROTECTED_FIELDS.filter((f) => !declared.has(f))) {
      let url = op.path
      for (const p of op.parameters) if (p.in === 'path') url = url.replace(`{${p.name}}`, pick(options.knownIds))
      const body = { ...(valid as object), [field]: field === 'isPlatformAdmin' ? true : field === 'role' ? 'owner' : field === 'status' ? 'submitted' : pick(options.knownIds) }
      const res = await ctx.app.inject({ method: op.method as 'POST', url, headers: { authorization: `Bearer ${pick(options.tokens)}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
      report.attempts++
      if (res.statusCode < 300) report.accepted.push({ method: op.method, url, field, status: res.statusCode })
    }
  }
  return report
}
