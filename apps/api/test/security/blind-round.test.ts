import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../test-app'
import { bearer, http } from '../http'
import { juryAssignments, juryRounds, juryScorecards } from '../../src/modules/jury/jury.table'
import { MATRIX } from './authorization-matrix'
import { defaultParams, documentedOperations, operationKey, runCell, type Row } from './matrix-runner'
import { setRoundStatus } from './fresh-targets'
import { buildWorld, type Identity, type World } from './world'

const JURY: Identity[] = ['juror', 'unassigned', 'conflicted', 'chair']
/**
 * The jury's own operations: every path about rounds, jury members, conflicts, seats or the decision,
 * acting on the challenge under evaluation (rows pointed at another stage, e.g. the public decision of a
 * finished challenge, are about another challenge).
 */
const isJuryOperation = (r: Row) => /jury|\/rounds\b|\{roundId\}/.test(r.path) && (r.at === undefined || r.at === 'jury')

/**
 * Blind review, proven over the whole API rather than screen by screen: the operations are taken from
 * the OpenAPI document and the matrix, so a new jury route is covered the day it is added.
 */
describe('blind rounds, hidden scores and conflicts', () => {
  let ctx: TestContext
  let dataDir: string
  let w: World
  const rows = () => {
    const documented = new Set(documentedOperations(ctx).map((o) => operationKey(o.method, o.path)))
    return MATRIX.filter((r) => documented.has(operationKey(r.method, r.path)))
  }
  const params = (r: Row) => ({ ...defaultParams(w, 'jury'), ...(r.params?.(w) ?? {}) })

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'opgave-blind-'))
    ctx = await createTestApp({ dataDir })
    w = await buildWorld(ctx, { dataDir })
  }, 120_000)
  afterAll(async () => {
    await ctx?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('names no applicant in any answer to a jury member, for every jury GET operation', async () => {
    const reads = rows().filter((r) => r.method === 'GET' && isJuryOperation(r) && !r.prepare)
    let checked = 0
    for (const r of reads) {
      for (const who of JURY) {
        if (r.expect[who] !== 'ok') continue
        const res = await runCell(ctx, w, r, who, params(r))
        expect(res.observed, `${r.method} ${r.path} as ${who}: ${res.detail}`).toBe('ok')
        const text = res.text.toLowerCase()
        for (const term of w.identityTerms) expect(text, `${r.method} ${r.path} as ${who} names the applicant ("${term}")`).not.toContain(term.toLowerCase())
        checked++
      }
    }
    // The jury report in its other shapes (XLSX is a zip of stored entries, so its text is searchable as is).
    for (const query of ['format=xlsx', 'detail=scores']) {
      const res = await http(ctx).get(`/api/v1/jury-rounds/${w.jury.round.id}/results/export?${query}`).set(bearer(w.people.chair.token)).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => done(null, Buffer.concat(chunks)))
      })
      expect(res.status, query).toBe(200)
      const text = `${String(res.headers['content-disposition'])}\n${(res.body as Buffer).toString('latin1')}`.toLowerCase()
      for (const term of w.identityTerms) expect(text, `export ${query} names the applicant ("${term}")`).not.toContain(term.toLowerCase())
      checked++
    }
    // The written round's proposal as its juror sees it: the text that named the company is redacted, not dropped.
    const proposal = await http(ctx).get(`/api/v1/jury-rounds/${w.jury.round.id}/proposals/${w.jury.proposalA.id}`).set(bearer(w.people.juror.token))
    expect(JSON.stringify(proposal.body)).toContain('[verborgen]')
    // The search is not vacuous: once the round is no longer blind, the same answer names the applicant.
    await ctx.database.db.update(juryRounds).set({ blindReview: false }).where(eq(juryRounds.id, w.jury.round.id))
    const named = await http(ctx).get(`/api/v1/jury-rounds/${w.jury.round.id}/proposals/${w.jury.proposalA.id}`).set(bearer(w.people.juror.token))
    expect(JSON.stringify(named.body)).toContain(w.orgs.A.name)
    await ctx.database.db.update(juryRounds).set({ blindReview: true }).where(eq(juryRounds.id, w.jury.round.id))
    console.log(`blind round: ${reads.length} jury GET operations, ${checked} jury-member responses searched for ${w.identityTerms.length} identity strings, 0 found`)
    expect(checked).toBeGreaterThanOrEqual(10)
  })

  it('shows no other juror’s scores before the own scorecard is submitted and deliberation is open', async () => {
    const { round, proposalA, seats, criterion } = w.jury
    const db = ctx.database.db
    const secret = 'Uitmuntend-alleen-voor-de-voorzitter'
    // The chair scored A's proposal too, and submitted.
    await db.insert(juryAssignments).values({ roundId: round.id, proposalId: proposalA.id, memberId: seats.chair.id })
    await db.insert(juryScorecards).values({ roundId: round.id, proposalId: proposalA.id, memberId: seats.chair.id, scores: { [criterion.id]: { score: 9, comment: secret } }, hasScores: true, status: 'submitted', submittedAt: ctx.clock.now })
    const reads = rows().filter((r) => r.method === 'GET' && isJuryOperation(r) && !r.prepare && r.expect.juror === 'ok')
    const scorecards = () => http(ctx).get(`/api/v1/jury-rounds/${round.id}/proposals/${proposalA.id}/scorecards`).set(bearer(w.people.juror.token))
    const nothingLeaks = async (stage: string) => {
      for (const r of reads) {
        const res = await runCell(ctx, w, r, 'juror', params(r))
        expect(res.text, `${r.method} ${r.path} (${stage}) shows the chair's comment`).not.toContain(secret)
      }
    }

    await setRoundStatus(w, ctx, 'scoring')
    expect((await scorecards()).status, 'scoring, own card a draft').toBe(403)
    await nothingLeaks('scoring, own card a draft')

    await setRoundStatus(w, ctx, 'deliberation')
    expect((await scorecards()).status, 'deliberation open, own card still a draft').toBe(403)
    await nothingLeaks('deliberation, own card a draft')

    await setRoundStatus(w, ctx, 'scoring')
    const [card] = await db.select().from(juryScorecards).where(and(eq(juryScorecards.roundId, round.id), eq(juryScorecards.proposalId, proposalA.id), eq(juryScorecards.memberId, seats.juror.id)))
    const submit = await http(ctx).post(`/api/v1/jury-rounds/${round.id}/proposals/${proposalA.id}/scorecard/submit`).set(bearer(w.people.juror.token)).send({ version: card!.version })
    expect(submit.status).toBe(200)
    expect((await scorecards()).status, 'own card submitted, deliberation not open').toBe(403)
    await nothingLeaks('scoring, own card submitted')

    await setRoundStatus(w, ctx, 'deliberation')
    const open = await scorecards()
    expect(open.status).toBe(200)
    expect(JSON.stringify(open.body)).toContain(secret)
    // Other jurors are labelled, never named.
    expect(JSON.stringify(open.body)).not.toContain(w.people.chair.name)
    expect(open.body.items.map((c: { juror: string }) => c.juror).sort()).toEqual(['Ik / Me', expect.stringMatching(/^Jurylid \d+$/)].sort())
  })

  it('answers 404 to a conflicted juror on every operation about that proposal, and lists it nowhere', async () => {
    const scoped = rows().filter((r) => r.path.startsWith('/jury-rounds/') && r.path.includes('{proposalId}'))
    expect(scoped.length).toBeGreaterThanOrEqual(6)
    for (const r of scoped) {
      const res = await runCell(ctx, w, r, 'conflicted', params(r))
      expect(res.status, `${r.method} ${r.path} as the conflicted juror: ${res.detail}`).toBe(404)
    }
    const lists = rows().filter((r) => r.method === 'GET' && isJuryOperation(r) && !r.prepare && r.expect.conflicted === 'ok')
    for (const r of lists) {
      const res = await runCell(ctx, w, r, 'conflicted', params(r))
      // The conflict list names the proposal the juror declared; everything else keeps silent about it.
      if (r.path.endsWith('/jury-conflicts')) continue
      expect(res.text, `${r.method} ${r.path} mentions the conflicted proposal`).not.toContain(w.jury.proposalA.id)
      expect(res.text).not.toContain(w.jury.proposalA.title)
    }
    console.log(`conflicts: ${scoped.length} proposal-scoped jury operations answer 404 to the conflicted juror; ${lists.length} jury lists checked for the proposal`)
  })
})
