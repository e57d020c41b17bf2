import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { juryScorecards } from '../../src/modules/jury/jury.table'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror } from '../../src/modules/jury/jury.fixtures'
import { addMember, fillProposal, makeChallenge, makeOrganisation, startProposal } from '../../src/modules/proposals/proposals.fixtures'
import { proposalSubmissions, proposals } from '../../src/modules/proposals/proposals.table'
import { assertNoInternals, bearer, http, registerUser } from '../http'
import { createTestApp, type TestContext } from '../test-app'

// Races a real client could cause. Requests are fired together through the HTTP server; the
// database decides, and the invariants are read back from it.
describe('concurrency', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp({ rateLimitPerMinute: 1_000_000 })
  })
  afterAll(() => ctx.close())

  it('20 parallel score writes on one scorecard leave one consistent row: one wins, 19 get 409 with `current`', async () => {
    const staff = await registerUser(ctx, 'conc-staff@gemeente.nl', 'Sanne Staf')
    const chair = await registerUser(ctx, 'conc-chair@jury.nl', 'Chris Voorzitter')
    const owner = await registerUser(ctx, 'conc-owner@bedrijf.nl', 'Otto Eigenaar')
    const municipality = await createMunicipality(ctx, staff, 'Gemeente Gelijktijdig')
    const challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    const enterprise = await createEnterprise(ctx, owner, 'Race BV')
    const proposal = await createSubmittedProposal(ctx, { challengeId, enterprise, title: 'Daken', sdgTargets: ['11.6'], submittedBy: owner.user.id })
    const memberId = await seatJuror(ctx, staff, challengeId, chair, { isChair: true, sdgExpertise: [11] })
    const round = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Ronde', jurorsPerProposal: 1, maxLoad: 1 })
    expect(round.status).toBe(201)
    const criterion = await http(ctx).post(`/api/v1/jury-rounds/${round.body.id}/criteria`).set(bearer(chair.token)).send({ name: 'Impact', weight: 1 })
    expect(criterion.status).toBe(201)
    expect((await http(ctx).post(`/api/v1/jury-rounds/${round.body.id}/assignment`).set(bearer(chair.token))).status).toBe(200)

    const url = `/api/v1/jury-rounds/${round.body.id}/proposals/${proposal.id}/scorecard`
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => http(ctx).put(url).set(bearer(chair.token)).send({ version: 0, scores: { [criterion.body.id]: { score: (i % 10) + 1, comment: `schrijver ${i}` } } })),
    )
    const won = writes.filter((w) => w.status === 200)
    const lost = writes.filter((w) => w.status === 409)
    console.log(`[concurrency] 20 parallel scorecard writes: ${won.length} × 200, ${lost.length} × 409`)
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(19)
    for (const l of lost) {
      expect(l.body.code).toBe('resource.version_conflict')
      expect(l.body.current).toMatchObject({ version: 1 })
      assertNoInternals(l.body)
    }
    const rows = await ctx.database.db.select().from(juryScorecards).where(and(eq(juryScorecards.memberId, memberId), eq(juryScorecards.proposalId, proposal.id)))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.version).toBe(1)
    // The stored score is exactly the winner's, not a mix of writers.
    expect(rows[0]!.scores[criterion.body.id]).toEqual(won[0]!.body.scores[criterion.body.id])
  })

  it('two clients saving one draft with the same version: one wins, the other gets 409 with `current`', async () => {
    const owner = await registerUser(ctx, 'conc-draft@groenwerkt.nl', 'Gert Groen')
    const municipalityId = (await makeOrganisation(ctx, { kind: 'municipality', name: 'Gemeente Tweestrijd' })).id
    const enterprise = await makeOrganisation(ctx, { kind: 'enterprise', name: 'Tweestrijd BV', isSocialEnterprise: true, distanceToLabourMarketPercent: 45, region: 'Utrecht' })
    await addMember(ctx, enterprise.id, owner, 'owner')
    const challenge = await makeChallenge(ctx, municipalityId)
    const draft = await startProposal(ctx, owner, challenge.id, enterprise.id)

    const [a, b] = await Promise.all(
      ['Versie van client A', 'Versie van client B'].map((summary) => http(ctx).patch(`/api/v1/proposals/${draft.id}`).set(bearer(owner.token)).send({ version: draft.version, summary })),
    )
    const statuses = [a!.status, b!.status].sort()
    expect(statuses).toEqual([200, 409])
    const [winner, loser] = a!.status === 200 ? [a!, b!] : [b!, a!]
    expect(loser.body.code).toBe('resource.version_conflict')
    expect(loser.body.current).toMatchObject({ id: draft.id, version: draft.version + 1, summary: winner.body.summary })
    const [row] = await ctx.database.db.select().from(proposals).where(eq(proposals.id, draft.id))
    expect(row!.summary).toBe(winner.body.summary)
    expect(row!.version).toBe(draft.version + 1)
  })

  it('50 parallel submissions straddling the deadline: none is accepted after it (server clock)', async () => {
    const owner = await registerUser(ctx, 'conc-submit@groenwerkt.nl', 'Sam Indiener')
    const municipalityId = (await makeOrganisation(ctx, { kind: 'municipality', name: 'Gemeente Deadline' })).id
    const deadline = new Date(ctx.clock.now.getTime() + 3_600_000)
    const challenge = await makeChallenge(ctx, municipalityId, { submissionDeadline: deadline, questionsDeadline: new Date(deadline.getTime() - 60_000) })
    const drafts: { id: string; version: number }[] = []
    for (let i = 0; i < 50; i++) {
      const enterprise = await makeOrganisation(ctx, { kind: 'enterprise', name: `Deadline ${i} BV`, isSocialEnterprise: true, distanceToLabourMarketPercent: 45, region: 'Utrecht' })
      await addMember(ctx, enterprise.id, owner, 'owner')
      drafts.push(await fillProposal(ctx, owner, await startProposal(ctx, owner, challenge.id, enterprise.id, `Voorstel ${i}`)))
    }

    // One millisecond before the deadline; the server clock passes it as soon as the first answer is in.
    const saved = ctx.clock.now
    ctx.clock.now = new Date(deadline.getTime() - 1)
    let moved = false
    try {
      const results = await Promise.all(
        drafts.map((d) =>
          http(ctx)
            .post(`/api/v1/proposals/${d.id}/submit`)
            .set(bearer(owner.token))
            .send({ version: d.version })
            .then((res) => {
              if (!moved) {
                moved = true
                ctx.clock.now = new Date(deadline.getTime() + 1)
              }
              return res
            }),
        ),
      )
      const accepted = results.filter((r) => r.status === 200)
      const refused = results.filter((r) => r.status === 409)
      console.log(`[concurrency] 50 submissions straddling the deadline: ${accepted.length} accepted before it, ${refused.length} refused after it`)
      expect(accepted.length + refused.length).toBe(50)
      expect(accepted.length).toBeGreaterThan(0)
      expect(refused.length).toBeGreaterThan(0)
      for (const r of refused) expect(r.body.code).toBe('proposals.deadline_passed')
      const rows = await ctx.database.db.select().from(proposals).where(inArray(proposals.id, drafts.map((d) => d.id)))
      const submitted = rows.filter((r) => r.status === 'submitted')
      expect(submitted).toHaveLength(accepted.length)
      // Every stored submission carries a server time before the deadline; none was stored for the refused ones.
      const receipts = await ctx.database.db.select().from(proposalSubmissions).where(inArray(proposalSubmissions.proposalId, drafts.map((d) => d.id)))
      expect(receipts).toHaveLength(accepted.length)
      for (const receipt of receipts) expect(receipt.submittedAt.getTime()).toBeLessThan(deadline.getTime())
    } finally {
      ctx.clock.now = saved
    }
  }, 120_000)
})
