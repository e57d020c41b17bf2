import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { memberships } from '../organisations/organisations.table'
import { proposals } from '../proposals/proposals.table'
import { juryConflicts, juryMembers, juryRounds } from './jury.table'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from './jury.fixtures'

/**
 * The autosave's one-read fast path (saveMyScorecard) must keep every guarantee of the full check:
 * seat, assignment, conflicts (declared and by membership), round state, versions, criteria and audit.
 */
describe('autosave (PUT …/scorecard) guarantees', () => {
  let ctx: TestContext
  let staff: TestUser
  let chair: TestUser
  let juror: TestUser
  let outsider: TestUser
  let challengeId: string
  let roundId: string
  let setupRoundId: string
  let criterionId: string
  let jurorMemberId: string
  const proposalIds: string[] = []
  const url = (proposalId: string, round = roundId) => `/api/v1/jury-rounds/${round}/proposals/${proposalId}/scorecard`

  beforeAll(async () => {
    ctx = await createTestApp()
    staff = await registerUser(ctx, 'autosave-staff@gemeente.nl', 'Sanne Staf')
    chair = await registerUser(ctx, 'autosave-chair@jury.nl', 'Chris Voorzitter')
    juror = await registerUser(ctx, 'autosave-juror@jury.nl', 'Jan Jurylid')
    outsider = await registerUser(ctx, 'autosave-outsider@elders.nl', 'Olaf Buiten')
    const owner = await registerUser(ctx, 'autosave-owner@bedrijf.nl', 'Otto Eigenaar')
    const municipality = await createMunicipality(ctx, staff, 'Gemeente Autosave')
    challengeId = (await createClosedChallenge(ctx, municipality.id, 'Autosave daken')).id
    for (const name of ['Een BV', 'Twee BV', 'Drie BV']) {
      const enterprise = await createEnterprise(ctx, owner, name)
      proposalIds.push((await createSubmittedProposal(ctx, { challengeId, enterprise, title: `Plan ${name}`, sdgTargets: ['11.6'], submittedBy: owner.user.id })).id)
    }
    await seatJuror(ctx, staff, challengeId, chair, { isChair: true })
    jurorMemberId = await seatJuror(ctx, staff, challengeId, juror)
    // A pitch round: the whole panel gets every proposal.
    const round = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'pitch', name: 'Pitch', jurorsPerProposal: 2, maxLoad: 3 })
    expect(round.status).toBe(201)
    roundId = round.body.id
    const criterion = await http(ctx).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(chair.token)).send({ name: 'Impact', weight: 1, scaleMin: 1, scaleMax: 5 })
    expect(criterion.status).toBe(201)
    criterionId = criterion.body.id
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))).status).toBe(200)
    const later = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Nog niet', jurorsPerProposal: 1, maxLoad: 3 })
    setupRoundId = later.body.id
  })
  afterAll(() => ctx.close())

  it('saves a first and a second version with an audit row holding before and after', async () => {
    const first = await http(ctx).put(url(proposalIds[0]!)).set(bearer(juror.token)).send({ version: 0, scores: { [criterionId]: { score: 3, comment: '  Goed  ' } } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ version: 1, status: 'draft', memberId: jurorMemberId, roundId, proposalId: proposalIds[0], scores: { [criterionId]: { score: 3, comment: 'Goed' } }, weightedTotal: expect.any(Number) })
    expect(typeof first.body.id).toBe('string')
    expect(Number.isNaN(Date.parse(first.body.updatedAt))).toBe(false)
    const second = await http(ctx).put(url(proposalIds[0]!)).set(bearer(juror.token)).send({ version: 1, scores: { [criterionId]: { score: 4 } } })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ id: first.body.id, version: 2, scores: { [criterionId]: { score: 4, comment: null } } })
    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, first.body.id), eq(auditEvents.action, 'jury_scorecard.saved'))).orderBy(auditEvents.id)
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ actorId: juror.user.id, entityType: 'jury_scorecard', before: null, after: { version: 1, scores: { [criterionId]: { score: 3, comment: 'Goed' } } } })
    expect(audit[1]).toMatchObject({ before: { version: 1, scores: { [criterionId]: { score: 3, comment: 'Goed' } } }, after: { version: 2, scores: { [criterionId]: { score: 4, comment: null } } } })
    const read = await http(ctx).get(url(proposalIds[0]!)).set(bearer(juror.token))
    expect(read.body).toMatchObject({ version: 2, scores: { [criterionId]: { score: 4 } } })
  })

  it('answers a stale version with 409 and the stored card, and changes nothing', async () => {
    const stale = await http(ctx).put(url(proposalIds[0]!)).set(bearer(juror.token)).send({ version: 1, scores: { [criterionId]: { score: 1 } } })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('resource.version_conflict')
    expect(stale.body.current).toMatchObject({ version: 2, scores: { [criterionId]: { score: 4 } } })
    const never = await http(ctx).put(url(proposalIds[1]!)).set(bearer(juror.token)).send({ version: 3, scores: {} })
    expect(never.status).toBe(409)
    expect(never.body.current).toMatchObject({ id: null, version: 0 })
  })

  it('refuses unknown criteria and scores off the scale, naming the field', async () => {
    const unknown = await http(ctx).put(url(proposalIds[1]!)).set(bearer(juror.token)).send({ version: 0, scores: { '00000000-0000-4000-8000-000000000abc': { score: 2 } } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0]).toMatchObject({ field: '/scores/00000000-0000-4000-8000-000000000abc', code: 'jury.unknown_criterion' })
    const off = await http(ctx).put(url(proposalIds[1]!)).set(bearer(juror.token)).send({ version: 0, scores: { [criterionId]: { score: 6 } } })
    expect(off.status).toBe(400)
    expect(off.body.errors[0]).toMatchObject({ field: `/scores/${criterionId}/score`, code: 'jury.score_out_of_scale' })
  })

  it('gives 404 to non-members and for proposals outside the round, 403 to staff without a seat', async () => {
    expect((await http(ctx).put(url(proposalIds[1]!)).set(bearer(outsider.token)).send({ version: 0, scores: {} })).status).toBe(404)
    expect((await http(ctx).put(url('00000000-0000-4000-8000-000000000001')).set(bearer(juror.token)).send({ version: 0, scores: {} })).status).toBe(404)
    expect((await http(ctx).put(url(proposalIds[1]!, '00000000-0000-4000-8000-000000000002')).set(bearer(juror.token)).send({ version: 0, scores: {} })).status).toBe(404)
    const staffSave = await http(ctx).put(url(proposalIds[1]!)).set(bearer(staff.token)).send({ version: 0, scores: {} })
    expect(staffSave.status).toBe(403)
  })

  it('gives 404 for a declared conflict and for a conflict by membership of the proposing enterprise', async () => {
    await ctx.database.db.insert(juryConflicts).values({ challengeId, memberId: jurorMemberId, proposalId: proposalIds[1]!, reason: 'Buurman' })
    const declared = await http(ctx).put(url(proposalIds[1]!)).set(bearer(juror.token)).send({ version: 0, scores: { [criterionId]: { score: 2 } } })
    expect(declared.status).toBe(404)
    const lead = (await http(ctx).get(`/api/v1/jury-rounds/${roundId}/proposals/${proposalIds[2]!}`).set(bearer(juror.token))).status
    expect(lead).toBe(200)
    const [p] = await ctx.database.db.select({ leadEnterpriseId: proposals.leadEnterpriseId }).from(proposals).where(eq(proposals.id, proposalIds[2]!))
    await ctx.database.db.insert(memberships).values({ organisationId: p!.leadEnterpriseId, userId: juror.user.id, role: 'member' })
    const byMembership = await http(ctx).put(url(proposalIds[2]!)).set(bearer(juror.token)).send({ version: 0, scores: { [criterionId]: { score: 2 } } })
    expect(byMembership.status).toBe(404)
  })

  it('refuses saves in a round that is not being scored, and on a submitted card', async () => {
    const setup = await http(ctx).put(url(proposalIds[0]!, setupRoundId)).set(bearer(juror.token)).send({ version: 0, scores: {} })
    expect(setup.status).toBe(404) // nothing assigned in a round still in setup
    const submitted = await http(ctx).post(`${url(proposalIds[0]!)}/submit`).set(bearer(juror.token)).send({ version: 2 })
    expect(submitted.status).toBe(200)
    const locked = await http(ctx).put(url(proposalIds[0]!)).set(bearer(juror.token)).send({ version: 3, scores: { [criterionId]: { score: 1 } } })
    expect(locked.status).toBe(409)
    expect(locked.body.code).toBe('jury.scorecard_submitted')
    await ctx.database.db.update(juryRounds).set({ status: 'closed' }).where(eq(juryRounds.id, roundId))
    const closed = await http(ctx).put(url(proposalIds[0]!)).set(bearer(juror.token)).send({ version: 3, scores: {} })
    expect(closed.status).toBe(409)
    expect(closed.body.code).toBe('jury.round_not_scoring')
    // A removed member loses the seat at once.
    await ctx.database.db.update(juryMembers).set({ removedAt: new Date() }).where(eq(juryMembers.id, jurorMemberId))
    expect((await http(ctx).put(url(proposalIds[0]!)).set(bearer(juror.token)).send({ version: 3, scores: {} })).status).toBe(404)
  })
})
