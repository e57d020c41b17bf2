import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { challenges } from '../challenges/challenges.table'
import { users } from '../users/users.table'
import { createClosedChallenge, createEnterprise, createMunicipality, latestJuryToken, seatJuror, type TestUser } from './jury.fixtures'

describe('jury setup: rounds, criteria, members and invitations', () => {
  let ctx: TestContext
  let staff: TestUser
  let chair: TestUser
  let juror: TestUser
  let outsider: TestUser
  let entrepreneur: TestUser
  let challengeId: string
  let roundId: string

  beforeAll(async () => {
    ctx = await createTestApp()
    staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    chair = await registerUser(ctx, 'chair@jury.nl', 'Chris Voorzitter')
    juror = await registerUser(ctx, 'juror@jury.nl', 'Jan Jurylid')
    outsider = await registerUser(ctx, 'outsider@elders.nl', 'Olga Buiten')
    entrepreneur = await registerUser(ctx, 'owner@dak.nl', 'Otto Ondernemer')
    await createEnterprise(ctx, entrepreneur, 'Dakdokters')
    const municipality = await createMunicipality(ctx, staff)
    challengeId = (await createClosedChallenge(ctx, municipality.id)).id
  })
  afterAll(() => ctx.close())

  it('lets municipality staff create a round with defaults, and nobody else', async () => {
    const res = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(staff.token)).send({ kind: 'written', name: 'Ronde 1', blindReview: true })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ position: 1, kind: 'written', blindReview: true, calibrate: false, aggregation: 'mean', disagreementThreshold: 15, jurorsPerProposal: 3, status: 'setup', criteriaLocked: false, criteria: [] })
    roundId = res.body.id
    for (const user of [outsider, entrepreneur, juror]) {
      const denied = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(user.token)).send({ kind: 'written', name: 'X' })
      expect(denied.status).toBe(404)
      expect(denied.body.code).toBe('jury.not_found')
      expect((await http(ctx).get(`/api/v1/jury-rounds/${roundId}`).set(bearer(user.token))).status).toBe(404)
    }
    expect((await http(ctx).get(`/api/v1/challenges/${challengeId}/rounds`)).status).toBe(401)
  })

  it('rejects unknown fields and an unknown aggregation, naming the field', async () => {
    const res = await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(staff.token)).send({ kind: 'written', name: 'R', aggregation: 'max', secret: 1 })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['/aggregation']))
  })

  it('creates criteria with the default 0–10 scale, validating scale, descriptors and SDGs', async () => {
    const ok = await http(ctx)
      .post(`/api/v1/jury-rounds/${roundId}/criteria`)
      .set(bearer(staff.token))
      .send({ name: 'Impact', weight: 2, levelDescriptors: [{ score: 8, description: 'sterk' }, { score: 2, description: 'zwak' }], threshold: 4, sdgGoals: [11], sdgTargets: ['11.6'] })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ scaleMin: 0, scaleMax: 10, threshold: 4, sdgGoals: [11], sdgTargets: ['11.6'], version: 1, levelDescriptors: [{ score: 2 }, { score: 8 }] })

    const badScale = await http(ctx).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(staff.token)).send({ name: 'X', weight: 1, scaleMin: 5, scaleMax: 5 })
    expect(badScale.status).toBe(400)
    expect(badScale.body.errors[0]).toMatchObject({ field: '/scaleMax', code: 'jury.scale_invalid' })

    const badSdg = await http(ctx).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(staff.token)).send({ name: 'X', weight: 1, sdgGoals: [3], sdgTargets: ['11.6'], threshold: 12 })
    expect(badSdg.status).toBe(400)
    expect(badSdg.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['/threshold', 'jury.threshold_out_of_scale'],
      ['/sdgTargets/0', 'sdg.target_goal_not_selected'],
    ])
    assertNoInternals(badSdg.body)
  })

  it('updates a criterion with a version check (stale → 409 with the current criterion)', async () => {
    const round = await http(ctx).get(`/api/v1/jury-rounds/${roundId}`).set(bearer(staff.token))
    const criterion = round.body.criteria[0]
    const ok = await http(ctx).patch(`/api/v1/jury-rounds/${roundId}/criteria/${criterion.id}`).set(bearer(staff.token)).send({ version: 1, description: 'Maatschappelijke impact' })
    expect(ok.status).toBe(200)
    expect(ok.body.version).toBe(2)
    const stale = await http(ctx).patch(`/api/v1/jury-rounds/${roundId}/criteria/${criterion.id}`).set(bearer(staff.token)).send({ version: 1, weight: 5 })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('resource.version_conflict')
    expect(stale.body.current).toMatchObject({ id: criterion.id, version: 2, weight: 2, description: 'Maatschappelijke impact' })
  })

  it('invites a jury member by email through the outbox with a single-use link', async () => {
    const invite = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: 'Chair@Jury.nl', isChair: true, sdgExpertise: [11, 13] })
    expect(invite.status).toBe(201)
    expect(invite.body).toMatchObject({ email: 'chair@jury.nl', isChair: true, status: 'invited', userId: null, sdgExpertise: [11, 13] })
    const token = await latestJuryToken(ctx, 'chair@jury.nl')
    const preview = await http(ctx).get(`/api/v1/jury-invitations/${token}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ challengeId, challengeTitle: 'Groene daken', isChair: true })
    const accept = await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(chair.token))
    expect(accept.status).toBe(200)
    expect(accept.body).toMatchObject({ status: 'active', userId: chair.user.id, name: 'Chris Voorzitter' })
    const again = await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(outsider.token))
    expect(again.status).toBe(410)
    expect((await http(ctx).get(`/api/v1/jury-invitations/${token}`)).status).toBe(410)
    const duplicate = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: 'chair@jury.nl' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.code).toBe('jury.already_member')
  })

  it('invites people without an account too; the link works once they registered', async () => {
    const invite = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: 'nieuw@jury.nl' })
    expect(invite.status).toBe(201)
    const token = await latestJuryToken(ctx, 'nieuw@jury.nl')
    const newcomer = await registerUser(ctx, 'nieuw@jury.nl', 'Nina Nieuw')
    expect((await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(newcomer.token))).status).toBe(200)
    const expired = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: 'laat@jury.nl' })
    expect(expired.status).toBe(201)
    const lateToken = await latestJuryToken(ctx, 'laat@jury.nl')
    const saved = ctx.clock.now
    ctx.clock.now = new Date(saved.getTime() + 15 * 86_400_000)
    const late = await registerUser(ctx, 'laat@jury.nl', 'Lotte Laat')
    const res = await http(ctx).post(`/api/v1/jury-invitations/${lateToken}/accept`).set(bearer(late.token))
    ctx.clock.now = saved
    expect(res.status).toBe(410)
    expect(res.body.code).toBe('jury.invitation_unusable')
  })

  it('seats only the invited address: a forwarded link gets 403, seats nobody and stays usable', async () => {
    const invite = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: 'Doorgestuurd@Jury.nl' })
    expect(invite.status).toBe(201)
    const token = await latestJuryToken(ctx, 'doorgestuurd@jury.nl')

    const forwarded = await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(outsider.token))
    expect(forwarded.status).toBe(403)
    expect(forwarded.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(forwarded.body).toMatchObject({ status: 403, code: 'jury.invitation_wrong_account' })
    expect(forwarded.body.detail).toMatch(/sent to another email address.*Log in with the address/)
    assertNoInternals(forwarded.body)
    // Nothing changed: the outsider has no seat and the seat is still open for the invited person.
    expect((await http(ctx).get('/api/v1/jury-seats').set(bearer(outsider.token))).body.items).toEqual([])
    const members = await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token))
    expect(members.body.items.find((m: { email: string }) => m.email === 'doorgestuurd@jury.nl')).toMatchObject({ status: 'invited', userId: null })
    expect((await http(ctx).get(`/api/v1/jury-invitations/${token}`)).status).toBe(200)

    // The invited address still accepts afterwards; a registration spelled in other case is the same address.
    const invited = await registerUser(ctx, 'DOORGESTUURD@jury.NL', 'Dirk Doorgestuurd')
    const accept = await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(invited.token))
    expect(accept.status).toBe(200)
    expect(accept.body).toMatchObject({ status: 'active', userId: invited.user.id })
    // Spent: 410 for everyone now (before the account check); an unknown token stays 404.
    expect((await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(outsider.token))).status).toBe(410)
    expect((await http(ctx).post(`/api/v1/jury-invitations/${'y'.repeat(43)}/accept`).set(bearer(outsider.token))).status).toBe(404)
    // Off the jury again, so the later tests see the members they expect.
    expect((await http(ctx).delete(`/api/v1/challenges/${challengeId}/jury-members/${accept.body.id}`).set(bearer(staff.token))).status).toBe(204)
  })

  it('accepts a jury invitation whose stored address differs from the account only in case', async () => {
    await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: 'hoofd@jury.nl' })
    const token = await latestJuryToken(ctx, 'hoofd@jury.nl')
    const hoofd = await registerUser(ctx, 'hoofd@jury.nl', 'Hanna Hoofd')
    await ctx.database.db.update(users).set({ email: 'Hoofd@Jury.NL' }).where(eq(users.id, hoofd.user.id))
    const accept = await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(hoofd.token))
    expect(accept.status).toBe(200)
    expect((await http(ctx).delete(`/api/v1/challenges/${challengeId}/jury-members/${accept.body.id}`).set(bearer(staff.token))).status).toBe(204)
  })

  it('only staff invite; the chair manages rounds but not members; jurors only read', async () => {
    await seatJuror(ctx, staff, challengeId, juror, { sdgExpertise: [3] })
    expect((await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(chair.token)).send({ email: 'x@jury.nl' })).status).toBe(403)
    expect((await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'pitch', name: 'Pitch' })).status).toBe(201)
    expect((await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(juror.token)).send({ kind: 'pitch', name: 'Pitch' })).status).toBe(403)
    const rounds = await http(ctx).get(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(juror.token))
    expect(rounds.status).toBe(200)
    expect(rounds.body.items.map((r: { position: number }) => r.position)).toEqual([1, 2])
    expect((await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(juror.token))).status).toBe(403)
    // The seat carries the challenge's expected decision date: the juror's deadline in the inbox.
    await ctx.database.db.update(challenges).set({ decisionAt: new Date('2026-12-15T16:00:00.000Z') }).where(eq(challenges.id, challengeId))
    const seats = await http(ctx).get('/api/v1/jury-seats').set(bearer(juror.token))
    expect(seats.body.items).toMatchObject([{ challengeId, isChair: false, decisionAt: '2026-12-15T16:00:00.000Z', rounds: [{ position: 1 }, { position: 2 }] }])
  })

  it('keeps one chair: naming another steps the previous one down', async () => {
    const members = await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token))
    const jan = members.body.items.find((m: { email: string }) => m.email === 'juror@jury.nl')
    const res = await http(ctx).patch(`/api/v1/challenges/${challengeId}/jury-members/${jan.id}`).set(bearer(staff.token)).send({ version: jan.version, isChair: true })
    expect(res.status).toBe(200)
    const after = await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token))
    expect(after.body.items.filter((m: { isChair: boolean }) => m.isChair).map((m: { email: string }) => m.email)).toEqual(['juror@jury.nl'])
    const back = await http(ctx).patch(`/api/v1/challenges/${challengeId}/jury-members/${after.body.items.find((m: { email: string }) => m.email === 'chair@jury.nl').id}`).set(bearer(staff.token)).send({ version: 2, isChair: true })
    expect(back.status).toBe(200)
    const bad = await http(ctx).patch(`/api/v1/challenges/${challengeId}/jury-members/${jan.id}`).set(bearer(staff.token)).send({ version: 99, sdgExpertise: [18] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].field).toBe('/sdgExpertise/0')
  })

  it('removes a member who has not scored; staff who sit on no jury cannot score', async () => {
    const members = await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token))
    const nina = members.body.items.find((m: { email: string }) => m.email === 'nieuw@jury.nl')
    expect((await http(ctx).delete(`/api/v1/challenges/${challengeId}/jury-members/${nina.id}`).set(bearer(chair.token))).status).toBe(403)
    expect((await http(ctx).delete(`/api/v1/challenges/${challengeId}/jury-members/${nina.id}`).set(bearer(staff.token))).status).toBe(204)
    const after = await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token))
    expect(after.body.items.map((m: { email: string }) => m.email)).not.toContain('nieuw@jury.nl')
    const mine = await http(ctx).get(`/api/v1/jury-rounds/${roundId}/my-proposals`).set(bearer(staff.token))
    expect(mine.status).toBe(403)
    expect(mine.body.code).toBe('jury.forbidden')
  })

  it('audits every change', async () => {
    const actions = (await ctx.database.db.select({ action: auditEvents.action }).from(auditEvents)).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['jury_round.created', 'jury_criterion.created', 'jury_criterion.updated', 'jury_member.invited', 'jury_member.accepted', 'jury_member.updated', 'jury_member.chair_removed', 'jury_member.removed']))
    expect(await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, roundId))).not.toHaveLength(0)
  })
})
