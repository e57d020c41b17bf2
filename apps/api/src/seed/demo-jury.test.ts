import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { bearer, http } from '../../test/http'
import { challenges } from '../modules/challenges/challenges.table'
import { DEMO_JURY_CHALLENGE_SLUG, DEMO_JURY_LOGINS } from './demo-jury'
import { DEMO_PASSWORD, seedDemoData } from './demo-seed'

describe('demo jury', () => {
  let ctx: TestContext
  let challengeId: string
  beforeAll(async () => {
    ctx = await createTestApp()
    const logins = await seedDemoData(ctx.database.db, ctx.clock.now)
    expect(logins?.map((l) => l.email)).toEqual(expect.arrayContaining(DEMO_JURY_LOGINS.map((l) => l.email)))
    const [row] = await ctx.database.db.select().from(challenges).where(eq(challenges.slug, DEMO_JURY_CHALLENGE_SLUG))
    challengeId = row!.id
  })
  afterAll(() => ctx.close())

  const login = async (email: string) => {
    const res = await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })
    expect(res.status, email).toBe(200)
    return res.body.accessToken as string
  }

  it('puts a challenge in evaluation with a jury of four that jury1 chairs', async () => {
    const manager = await login('opgaven@voorbeeldstad.nl')
    expect((await http(ctx).get(`/api/v1/challenges/${challengeId}`).set(bearer(manager))).body.status).toBe('in_evaluation')
    const members = (await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(manager))).body.items
    expect(members.map((m: { email: string; status: string; isChair: boolean }) => [m.email, m.status, m.isChair])).toEqual(DEMO_JURY_LOGINS.map((l, i) => [l.email, 'active', i === 0]))
    const chair = await login('jury1@voorbeeldstad.nl')
    const seats = (await http(ctx).get('/api/v1/jury-seats').set(bearer(chair))).body.items
    expect(seats).toEqual([expect.objectContaining({ challengeId, isChair: true, rounds: [expect.objectContaining({ position: 1, status: 'scoring' }), expect.objectContaining({ position: 2, status: 'setup' })] })])
  })

  it('has an optimal-looking, conflict-free assignment and partly filled scorecards', async () => {
    const chair = await login('jury1@voorbeeldstad.nl')
    const rounds = (await http(ctx).get(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair))).body.items
    const round1 = rounds[0]
    expect(round1).toMatchObject({ kind: 'written', blindReview: true, jurorsPerProposal: 3, maxLoad: 5, criteriaLocked: true })
    expect(round1.criteria.map((c: { name: string }) => c.name)).toEqual(['Klimaatimpact', 'Haalbaarheid', 'Kinderen en buurt'])

    const overview = (await http(ctx).get(`/api/v1/jury-rounds/${round1.id}/assignments`).set(bearer(chair))).body
    const byProposal = new Map<string, string[]>()
    for (const a of overview.assignments) byProposal.set(a.proposalId, [...(byProposal.get(a.proposalId) ?? []), a.memberId])
    expect(byProposal.size).toBe(6)
    for (const jurors of byProposal.values()) expect(jurors).toHaveLength(3)
    for (const l of overview.loadPerJuror) expect(l.load).toBeLessThanOrEqual(5)

    const manager = await login('opgaven@voorbeeldstad.nl')
    const members = (await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(manager))).body.items as { id: string; email: string }[]
    const memberOf = (email: string) => members.find((m) => m.email === email)!.id
    const conflicts = (await http(ctx).get(`/api/v1/challenges/${challengeId}/jury-conflicts`).set(bearer(await login('jury4@voorbeeldstad.nl')))).body.items
    expect(conflicts).toEqual([expect.objectContaining({ source: 'declared', reason: expect.stringContaining('Schaduwmakers') })])
    expect(byProposal.get(conflicts[0].proposalId)).not.toContain(memberOf('jury4@voorbeeldstad.nl'))

    const progress = (await http(ctx).get(`/api/v1/jury-rounds/${round1.id}/progress`).set(bearer(manager))).body
    const perJuror = Object.fromEntries(progress.perJuror.map((j: { memberId: string; assigned: number; submitted: number }) => [j.memberId, [j.assigned, j.submitted]]))
    const assignedTo = (email: string) => overview.loadPerJuror.find((l: { memberId: string }) => l.memberId === memberOf(email)).load
    expect(perJuror[memberOf('jury1@voorbeeldstad.nl')]).toEqual([assignedTo('jury1@voorbeeldstad.nl'), assignedTo('jury1@voorbeeldstad.nl')])
    expect(perJuror[memberOf('jury2@voorbeeldstad.nl')]).toEqual([assignedTo('jury2@voorbeeldstad.nl'), assignedTo('jury2@voorbeeldstad.nl')])
    expect(perJuror[memberOf('jury3@voorbeeldstad.nl')]).toEqual([assignedTo('jury3@voorbeeldstad.nl'), 2])
    expect(perJuror[memberOf('jury4@voorbeeldstad.nl')]).toEqual([assignedTo('jury4@voorbeeldstad.nl'), 0])
    expect(progress.items.filter((i: { status: string }) => i.status === 'draft')).toHaveLength(1)
  })

  it('shows jurors their blind inbox and lets the chair run the round to a ranking', async () => {
    const jury2 = await login('jury2@voorbeeldstad.nl')
    const chair = await login('jury1@voorbeeldstad.nl')
    const round1 = (await http(ctx).get(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair))).body.items[0]
    const inbox = await http(ctx).get(`/api/v1/jury-rounds/${round1.id}/my-proposals`).set(bearer(jury2))
    expect(inbox.status).toBe(200)
    expect(inbox.body.items.length).toBeGreaterThan(0)
    expect(JSON.stringify(inbox.body)).not.toMatch(/Tegelwippers|Speelnatuur|Schaduwmakers|Buurtbouwers/)

    expect((await http(ctx).post(`/api/v1/jury-rounds/${round1.id}/deliberation`).set(bearer(chair))).status).toBe(200)
    const results = await http(ctx).post(`/api/v1/jury-rounds/${round1.id}/results`).set(bearer(chair))
    expect(results.status).toBe(201)
    expect(results.body.results.proposals).toHaveLength(6)
    expect(results.body.results.alphaOverall).toHaveProperty('alpha')
  })
})
