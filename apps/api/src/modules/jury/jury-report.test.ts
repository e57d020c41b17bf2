import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { documents } from '../documents/documents.table'
import { emailOutbox } from '../outbox/outbox.table'
import { detectDocumentType, zipEntryNames } from '@opgave/domain'
import { csvCell } from './jury-report.service'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from './jury.fixtures'

describe('jury reminders, documents, CSV report and concurrent writes', () => {
  let ctx: TestContext
  let dataDir: string
  let staff: TestUser
  let chair: TestUser
  let juror: TestUser
  let owner: TestUser
  let challengeId: string
  let roundId: string
  let criterionId: string
  const proposalIds: string[] = []
  let documentId: string

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'opgave-jury-'))
    ctx = await createTestApp({ dataDir })
    staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    chair = await registerUser(ctx, 'chair@jury.nl', 'Chris Voorzitter')
    juror = await registerUser(ctx, 'juror@jury.nl', 'Jan Jurylid')
    owner = await registerUser(ctx, 'owner@dak.nl', 'Otto Ondernemer')
    const enterprise = await createEnterprise(ctx, owner, 'Dakdokters')
    const other = await createEnterprise(ctx, owner, 'Groenwerkers')
    const municipality = await createMunicipality(ctx, staff)
    challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    // The first proposal carries a stored file named after the company, as files often are.
    const storeDocument = async (proposalId: string) => {
      const storageKey = randomUUID()
      mkdirSync(join(dataDir, 'uploads'), { recursive: true })
      writeFileSync(join(dataDir, 'uploads', storageKey), '%PDF-1.4 test')
      const [doc] = await ctx.database.db
        .insert(documents)
        .values({ ownerType: 'proposal', ownerId: proposalId, originalName: 'Begroting Dakdokters.pdf', storageKey, mediaType: 'application/pdf', sizeBytes: 13, sha256: 'abc', uploadedBy: owner.user.id })
        .returning()
      documentId = doc!.id
      return [{ id: doc!.id, name: 'Begroting Dakdokters.pdf', mediaType: 'application/pdf', sizeBytes: 13, sha256: 'abc' }]
    }
    for (const [i, e] of [enterprise, other].entries()) {
      proposalIds.push((await createSubmittedProposal(ctx, { challengeId, enterprise: e, title: `Plan ${i + 1}`, sdgTargets: ['11.6'], submittedBy: owner.user.id, ...(i === 0 ? { documents: storeDocument } : {}) })).id)
    }

    await seatJuror(ctx, staff, challengeId, chair, { isChair: true })
    await seatJuror(ctx, staff, challengeId, juror)
    const round = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Ronde 1', blindReview: true, jurorsPerProposal: 2, maxLoad: 2 })
    roundId = round.body.id
    criterionId = (await http(ctx).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(chair.token)).send({ name: '=Impact', weight: 1 })).body.id
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))).status).toBe(200)
  }, 120_000)
  afterAll(async () => {
    await ctx.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('serves a submitted document to an assigned juror under a neutral name in a blind round', async () => {
    const url = `/api/v1/jury-rounds/${roundId}/proposals/${proposalIds[0]}/documents/${documentId}`
    const res = await http(ctx).get(url).set(bearer(juror.token))
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toContain('document-1.pdf')
    expect(res.headers['content-disposition']).not.toContain('Dakdokters')
    expect(res.headers['content-type']).toBe('application/pdf')
    expect((await http(ctx).get(url).set(bearer(owner.token))).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/jury-rounds/${roundId}/proposals/${proposalIds[1]}/documents/${documentId}`).set(bearer(juror.token))).status).toBe(404)
  })

  it('never loses a first save to a concurrent one: one wins, the other gets 409 with the current card', async () => {
    const url = `/api/v1/jury-rounds/${roundId}/proposals/${proposalIds[0]}/scorecard`
    const [a, b] = await Promise.all([
      http(ctx).put(url).set(bearer(juror.token)).send({ version: 0, scores: { [criterionId]: { score: 3 } } }),
      http(ctx).put(url).set(bearer(juror.token)).send({ version: 0, scores: { [criterionId]: { score: 9 } } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const loser = a.status === 409 ? a : b
    const winner = a.status === 200 ? a : b
    expect(loser.body.current).toMatchObject({ version: 1, scores: winner.body.scores })
  })

  it('reminds jurors with open scorecards through the outbox (chair only)', async () => {
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/reminders`).set(bearer(juror.token))).status).toBe(403)
    const res = await http(ctx).post(`/api/v1/jury-rounds/${roundId}/reminders`).set(bearer(chair.token))
    expect(res.status).toBe(200)
    expect(res.body.reminded).toBe(2)
    const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'juror@jury.nl'))
    expect(mails.some((m) => m.subject.startsWith('Herinnering jury'))).toBe(true)
  })

  it('exports the jury report as CSV with blinded titles for jury members and formula-safe cells', async () => {
    for (const user of [chair, juror]) {
      for (const pid of proposalIds) {
        const url = `/api/v1/jury-rounds/${roundId}/proposals/${pid}/scorecard`
        const current = await http(ctx).get(url).set(bearer(user.token))
        const saved = await http(ctx).put(url).set(bearer(user.token)).send({ version: current.body.version, scores: { [criterionId]: { score: user === chair ? 8 : 6, comment: 'Goed' } } })
        expect((await http(ctx).post(`${url}/submit`).set(bearer(user.token)).send({ version: saved.body.version })).status).toBe(200)
      }
    }
    expect((await http(ctx).get(`/api/v1/jury-rounds/${roundId}/results/export`).set(bearer(chair.token))).status).toBe(409)
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/results`).set(bearer(chair.token))).status).toBe(409) // deliberation first
    await http(ctx).post(`/api/v1/jury-rounds/${roundId}/deliberation`).set(bearer(chair.token))
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/results`).set(bearer(chair.token))).status).toBe(201)
    const csv = await http(ctx).get(`/api/v1/jury-rounds/${roundId}/results/export`).set(bearer(chair.token))
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toBe('rank,tied,proposal_id,title,final_score,disagreement_sd,disagreement_flagged,threshold_failures,best_rank,worst_rank,jurors')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^1,true,/) // equal scores share rank 1
    expect(csv.text).not.toContain('Dakdokters')
    expect((await http(ctx).get(`/api/v1/jury-rounds/${roundId}/results/export`).set(bearer(juror.token))).status).toBe(403)
    const xlsx = await http(ctx)
      .get(`/api/v1/jury-rounds/${roundId}/results/export?format=xlsx`)
      .set(bearer(chair.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done(null, Buffer.concat(chunks)))
      })
    expect(xlsx.status).toBe(200)
    const bytes = new Uint8Array(xlsx.body as Buffer)
    expect(detectDocumentType(bytes)).toBe('xlsx')
    expect([...(zipEntryNames(bytes) ?? [])]).toContain('xl/worksheets/sheet1.xml')
    const sheet = (xlsx.body as Buffer).toString('utf8')
    expect(sheet).toContain('<t xml:space="preserve">title</t>')
    expect(sheet).not.toContain('Dakdokters')
    expect((await http(ctx).get(`/api/v1/jury-rounds/${roundId}/results/export?format=pdf`).set(bearer(chair.token))).status).toBe(400)
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvCell('a,"b"')).toBe('"a,""b"""')
    expect(csvCell(-1.234)).toBe('-1.23')
  })

  it('gives concurrent first decisions one winner and one 409, never a 500', async () => {
    const body = { version: 0, winnerProposalIds: [proposalIds[0]], motivation: 'Het beste plan voor de stad.' }
    const [a, b] = await Promise.all([http(ctx).put(`/api/v1/challenges/${challengeId}/jury-decision`).set(bearer(chair.token)).send(body), http(ctx).put(`/api/v1/challenges/${challengeId}/jury-decision`).set(bearer(chair.token)).send(body)])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const bad = await http(ctx).put(`/api/v1/challenges/${challengeId}/jury-decision`).set(bearer(chair.token)).send({ version: 1, winnerProposalIds: ['00000000-0000-4000-8000-000000000009'], motivation: 'Onbekend voorstel gekozen.' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].field).toBe('/winnerProposalIds/0')
  })

  it('removes a juror’s assignment and card when they declare a conflict later; scored members cannot be removed', async () => {
    const declared = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-conflicts`).set(bearer(juror.token)).send({ proposalId: proposalIds[1], reason: 'Oud-collega van de indiener' })
    expect(declared.status).toBe(201)
    const list = await http(ctx).get(`/api/v1/jury-rounds/${roundId}/my-proposals`).set(bearer(juror.token))
    expect(list.body.items.map((i: { proposalId: string }) => i.proposalId)).toEqual([proposalIds[0]])
    expect((await http(ctx).get(`/api/v1/jury-rounds/${roundId}/proposals/${proposalIds[1]}/scorecard`).set(bearer(juror.token))).status).toBe(404)
    const progress = await http(ctx).get(`/api/v1/jury-rounds/${roundId}/progress`).set(bearer(staff.token))
    expect(progress.body.perProposal.find((p: { proposalId: string }) => p.proposalId === proposalIds[1])).toMatchObject({ assigned: 1 })
    const results = await http(ctx).get(`/api/v1/jury-rounds/${roundId}/results`).set(bearer(staff.token))
    expect(results.body.stale).toBe(true) // a counted card disappeared since the computation
    const members = await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token))
    const jan = members.body.items.find((m: { email: string }) => m.email === 'juror@jury.nl')
    const removal = await http(ctx).delete(`/api/v1/challenges/${challengeId}/jury-members/${jan.id}`).set(bearer(staff.token))
    expect(removal.status).toBe(409)
    expect(removal.body.code).toBe('jury.member_has_scores')
  })
})
