import { count } from 'drizzle-orm'
import request from 'supertest'
import { auditEvents } from '../../src/modules/audit/audit.table'
import { API_PREFIX } from '../../src/plugins/openapi'
import { assertNoInternals } from '../http'
import type { TestContext } from '../test-app'
import { IDENTITIES, type Identity, type World } from './world'

/** The outcome class of one cell: allowed (any 2xx), or refused with 400 (bad request), 401, 403 or 404 ("may not know it exists"). */
export type Outcome = 'ok' | '400' | '401' | '403' | '404'
export const OUTCOMES: readonly Outcome[] = ['ok', '400', '401', '403', '404']

export type Stage = 'open' | 'draft' | 'jury' | 'done'
export type Params = Record<string, string>

export interface Cell {
  who: Identity
  /** Unique per request of the whole run, for bodies that must not collide (emails, names). */
  seq: number
  /** The path parameters of this request. */
  params: Params
}

export interface RowOptions {
  /** A second row for the same operation on an object in another state (e.g. a submitted proposal): name it here. */
  variant?: string
  /** Which challenge (and its proposals) the path parameters point at; default `open`. */
  at?: Stage
  /** Path parameters beyond (or instead of) the defaults for `at`. */
  params?: (w: World) => Params
  /** A valid body (sent to every identity, so the decision and not the validation is tested). */
  body?: (w: World, cell: Cell) => unknown
  /** Sends a multipart file instead of JSON. */
  upload?: boolean
  /** Sends the identity's refresh cookie. */
  cookie?: boolean
  /** Brings the world into the state the operation needs, once, before its cells. */
  prepare?: (w: World, ctx: TestContext) => Promise<void>
  /**
   * Runs before each cell and returns fresh path parameters, for operations that can succeed only
   * once per object (publish, accept, delete): every identity tries its own, identical target.
   */
  fresh?: (w: World, ctx: TestContext, who: Identity) => Promise<Params | void>
}

export interface Row extends RowOptions {
  method: string
  path: string
  expect: Record<Identity, Outcome>
}

/**
 * One matrix row: `'METHOD /path'` and the twelve expected outcomes in the order of IDENTITIES
 * (anon entA entB partner juror unassigned conflicted chair managerX accountManagerX adminY platform).
 */
export function row(operation: string, outcomes: string, options: RowOptions = {}): Row {
  const [method, path, ...rest] = operation.trim().split(/\s+/)
  if (!method || !path || rest.length > 0) throw new Error(`matrix row "${operation}": write "METHOD /path"`)
  const cells = outcomes.trim().split(/\s+/)
  if (cells.length !== IDENTITIES.length || cells.some((c) => !(OUTCOMES as readonly string[]).includes(c))) {
    throw new Error(`matrix row ${operation}: give ${IDENTITIES.length} outcomes out of ${OUTCOMES.join(', ')}, got "${outcomes}"`)
  }
  return { method: method.toUpperCase(), path, expect: Object.fromEntries(IDENTITIES.map((id, i) => [id, cells[i] as Outcome])) as Row['expect'], ...options }
}

export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`

/** Every operation the OpenAPI document of the running app lists. */
export function documentedOperations(ctx: TestContext): { method: string; path: string }[] {
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> }
  const out: { method: string; path: string }[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) if (['get', 'put', 'post', 'patch', 'delete'].includes(method)) out.push({ method: method.toUpperCase(), path })
  }
  return out
}

/** Path parameters filled from the world; `at` picks the challenge the operation acts on. */
export function defaultParams(w: World, at: Stage): Params {
  const stage = w[at] as { challenge: { id: string }; proposalA?: { id: string } }
  return {
    challengeId: stage.challenge.id,
    proposalId: stage.proposalA?.id ?? w.open.proposalA.id,
    organisationId: w.orgs.A.id,
    userId: w.colleagueA.id,
    invitationId: w.orgInvitation.id,
    token: w.orgInvitation.token,
    municipalityId: w.orgs.X.id,
    enterpriseId: w.orgs.A.id,
    entryId: w.routekaart.id,
    documentId: at === 'jury' ? w.jury.proposalA.document.id : w.open.documentA.id,
    questionId: w.open.questionA.id,
    version: '1',
    slug: w.orgs.X.slug,
    roundId: w.jury.round.id,
    criterionId: w.jury.criterion.id,
    memberId: w.jury.seats.juror.id,
    scorecardId: w.jury.submittedCard.id,
    reportId: w.done.reportId,
    id: w.done.proposalA.id,
  }
}

export function fillPath(path: string, params: Params): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`no value for path parameter {${name}} in ${path}: add it to defaultParams or the row's params`)
    return encodeURIComponent(value)
  })
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')
function multipart() {
  const boundary = `----opgave${Math.random().toString(16).slice(2)}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bijlage.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

export interface CellResult {
  row: Row
  who: Identity
  expected: Outcome
  status: number
  observed: string
  detail: string
  /** The response as text (JSON serialised, CSV, HTML…) with its Content-Disposition, for content checks. */
  text: string
}

let seq = 0

async function auditCount(ctx: TestContext): Promise<number> {
  const [row] = await ctx.database.db.select({ n: count() }).from(auditEvents)
  return row!.n
}

/** Sends the row's request as `who` and classifies the answer. */
export async function runCell(ctx: TestContext, w: World, r: Row, who: Identity, params: Params): Promise<CellResult> {
  const url = `${API_PREFIX}${fillPath(r.path, params)}`
  const cell: Cell = { who, seq: ++seq, params }
  let req = request(ctx.app.server)[r.method.toLowerCase() as 'get'](url)
  if (who !== 'anon') {
    const person = w.people[who]
    req = req.set('Authorization', `Bearer ${person.token}`)
    if (r.cookie) req = req.set('Cookie', person.cookie)
  }
  let res
  if (r.upload) {
    const form = multipart()
    res = await req.set('Content-Type', form.contentType).send(form.body)
  } else if (r.body) {
    res = await req.send((await r.body(w, cell)) as object)
  } else {
    res = await req
  }
  const observed = res.status >= 200 && res.status < 300 ? 'ok' : String(res.status)
  const body: unknown = res.body && Object.keys(res.body as object).length > 0 ? res.body : res.text
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`${r.method} ${r.path} as ${who}: ${res.status} is not problem+json`)
  }
  assertNoInternals(body)
  const detail = res.status >= 400 ? `${(res.body as { code?: string }).code ?? ''} ${(res.body as { detail?: string }).detail ?? ''}`.trim() : ''
  const raw = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('latin1') : JSON.stringify(body)
  const text = `${String(res.headers['content-disposition'] ?? '')}\n${raw}`
  return { row: r, who, expected: r.expect[who], status: res.status, observed, detail, text }
}

/** All cells of one row: refusals first (they must change nothing), then the allowed ones; each on a fresh target if the row says so. */
export async function runRow(ctx: TestContext, w: World, r: Row): Promise<CellResult[]> {
  if (r.prepare) await r.prepare(w, ctx)
  const base = { ...defaultParams(w, r.at ?? 'open'), ...(r.params?.(w) ?? {}) }
  const order = [...IDENTITIES].sort((a, b) => Number(r.expect[a] === 'ok') - Number(r.expect[b] === 'ok'))
  const results: CellResult[] = []
  for (const who of order) {
    const fresh = r.fresh ? await r.fresh(w, ctx, who) : undefined
    // Every state change is audited: a refused request must leave the audit log as it was.
    const before = r.method === 'GET' ? 0 : await auditCount(ctx)
    const result = await runCell(ctx, w, r, who, { ...base, ...(fresh ?? {}) })
    if (r.method !== 'GET' && result.observed !== 'ok') {
      const written = (await auditCount(ctx)) - before
      if (written !== 0) result.detail = `${result.detail} — and the refused request wrote ${written} audit event(s)`
      if (written !== 0) result.observed = `${result.observed}+changed`
    }
    results.push(result)
  }
  return results
}
