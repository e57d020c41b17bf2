import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { challenges } from '../challenges/challenges.table'
import { emailOutbox } from '../outbox/outbox.table'
import { createClosedChallenge, createMunicipality, type TestUser } from './jury.fixtures'

describe('GET /challenges/{id}/assessment: how proposals are judged, visible with the challenge', () => {
  let ctx: TestContext
  let staff: TestUser
  let otherStaff: TestUser
  let entrepreneur: TestUser
  let challengeId: string
  let firstRoundId: string
  let impactId: string

  const assessment = (token?: string) => {
    const req = http(ctx).get(`/api/v1/challenges/${challengeId}/assessment`)
    return token ? req.set(bearer(token)) : req
  }
  const post = async (path: string, body: object) => {
    const res = await http(ctx).post(`/api/v1${path}`).set(bearer(staff.token)).send(body)
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body as { id: string }
  }

  beforeAll(async () => {
    ctx = await createTestApp()
    staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    otherStaff = await registerUser(ctx, 'manager@elders.nl', 'Olaf Anderegemeente')
    entrepreneur = await registerUser(ctx, 'owner@dak.nl', 'Otto Ondernemer')
    const municipality = await createMunicipality(ctx, staff)
    await createMunicipality(ctx, otherStaff, 'Gemeente Elders')
    challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    // A draft: set up before publication, as award criteria are known before anyone writes.
    await ctx.database.db.update(challenges).set({ status: 'draft', publishedAt: null }).where(eq(challenges.id, challengeId))
    const firstRound = await post(`/challenges/${challengeId}/rounds`, { kind: 'written', name: 'Ronde 1: schriftelijk', blindReview: true, calibrate: true, jurorsPerProposal: 2 })
    await post(`/challenges/${challengeId}/rounds`, { kind: 'pitch', name: 'Ronde 2: pitch' })
    firstRoundId = firstRound.id
    impactId = (await post(`/jury-rounds/${firstRound.id}/criteria`, { name: 'Impact', description: 'Hoeveel CO₂ wordt vermeden?', weight: 3, position: 1, threshold: 4, sdgGoals: [13], sdgTargets: ['13.2'], levelDescriptors: [{ score: 2, description: 'Nauwelijks' }, { score: 8, description: 'Groot en meetbaar' }] })).id
    await post(`/jury-rounds/${firstRound.id}/criteria`, { name: 'Haalbaarheid', weight: 1, position: 0 })
  })
  afterAll(() => ctx.close())

  it('shows a draft’s assessment only to its municipality’s staff (404 for anyone else, as the challenge itself)', async () => {
    for (const res of [await assessment(), await assessment(entrepreneur.token), await assessment(otherStaff.token)]) {
      expect(res.status).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.body.code).toBe('challenges.not_found')
    }
    const own = await assessment(staff.token)
    expect(own.status).toBe(200)
    expect(own.body.rounds.map((r: { name: string }) => r.name)).toEqual(['Ronde 1: schriftelijk', 'Ronde 2: pitch'])
  })

  it('shows anyone a published challenge’s rounds in order, criteria in order, and nothing of the jury’s inner settings', async () => {
    await ctx.database.db.update(challenges).set({ status: 'published', publishedAt: ctx.clock.now }).where(eq(challenges.id, challengeId))
    const res = await assessment()
    expect(res.status).toBe(200)
    const [written, pitch] = res.body.rounds
    expect(Object.keys(written).sort()).toEqual(['blindReview', 'criteria', 'criteriaChangedAt', 'id', 'kind', 'name', 'position'])
    // Set up while a draft: no change after publication to point out.
    expect(written).toMatchObject({ position: 1, kind: 'written', name: 'Ronde 1: schriftelijk', blindReview: true, criteriaChangedAt: null })
    expect(pitch).toMatchObject({ position: 2, kind: 'pitch', blindReview: false, criteria: [] })
    expect(written.criteria.map((c: { name: string }) => c.name)).toEqual(['Haalbaarheid', 'Impact'])
    const impact = written.criteria[1]
    expect(Object.keys(impact).sort()).toEqual(['description', 'id', 'levelDescriptors', 'name', 'position', 'scaleMax', 'scaleMin', 'sdgGoals', 'sdgTargets', 'threshold', 'weight'])
    expect(impact).toMatchObject({
      description: 'Hoeveel CO₂ wordt vermeden?',
      weight: 3,
      scaleMin: 0,
      scaleMax: 10,
      threshold: 4,
      sdgGoals: [13],
      sdgTargets: ['13.2'],
      levelDescriptors: [
        { score: 2, description: 'Nauwelijks' },
        { score: 8, description: 'Groot en meetbaar' },
      ],
    })
    expect((await assessment(entrepreneur.token)).body).toEqual(res.body)
  })

  it('after publication, a change of criteria is dated on the page and mailed to the followers, changes close together in one mail; set-up before publication is not dated', async () => {
    const mailsAbout = async (subject: string) => (await ctx.database.db.select().from(emailOutbox)).filter((m) => m.subject === subject && m.to === 'owner@dak.nl')
    expect(await mailsAbout('Beoordeling gewijzigd: Groene daken')).toHaveLength(0)
    expect((await http(ctx).put(`/api/v1/challenges/${challengeId}/follow`).set(bearer(entrepreneur.token))).status).toBeLessThan(300)
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 3_600_000)
    const changed = await http(ctx).patch(`/api/v1/jury-rounds/${firstRoundId}/criteria/${impactId}`).set(bearer(staff.token)).send({ version: 1, weight: 4 })
    expect(changed.status).toBe(200)

    const [written, pitch] = (await assessment()).body.rounds
    expect(written.criteriaChangedAt).toBe(ctx.clock.now.toISOString())
    expect(pitch.criteriaChangedAt).toBeNull()
    const mails = await mailsAbout('Beoordeling gewijzigd: Groene daken')
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain(`/uitdagingen/${challengeId}`)
    expect(mails[0]!.text).toContain('"Ronde 1: schriftelijk"')

    // Removing one counts as a change too; a minute later it joins the mail still waiting, which names the round once.
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000)
    expect((await http(ctx).delete(`/api/v1/jury-rounds/${firstRoundId}/criteria/${impactId}`).set(bearer(staff.token))).status).toBe(204)
    expect((await assessment()).body.rounds[0].criteriaChangedAt).toBe(ctx.clock.now.toISOString())
    const joined = await mailsAbout('Beoordeling gewijzigd: Groene daken')
    expect(joined).toHaveLength(1)
    expect(joined[0]!.text.split('"Ronde 1: schriftelijk"')).toHaveLength(2)
  })

  it('answers an unknown challenge with 404, a malformed id with 400 naming it, and a bad token with 401', async () => {
    const unknown = await http(ctx).get('/api/v1/challenges/00000000-0000-4000-8000-000000000000/assessment')
    expect(unknown.status).toBe(404)
    const malformed = await http(ctx).get('/api/v1/challenges/niet-een-id/assessment')
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toContain('params/challengeId')
    const badToken = await http(ctx).get(`/api/v1/challenges/${challengeId}/assessment`).set('authorization', 'Bearer nope')
    expect(badToken.status).toBe(401)
  })
})
