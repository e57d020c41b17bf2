import { eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http } from '../../../test/http'
import { DEMO_PASSWORD, seedDemoData } from '../../seed/demo-seed'
import { challenges } from '../challenges/challenges.table'
import { juryCriteria, juryRounds } from '../jury/jury.table'
import { organisations } from '../organisations/organisations.table'
import { questions } from '../questions/questions.table'
import { users } from '../users/users.table'
import { roundedWeightShares } from './open-data.service'

const DAY = 86_400_000
const DATASETS = ['challenges', 'questions', 'results', 'criteria', 'impact'] as const

describe('open data on the demo data', () => {
  let ctx: TestContext
  let period: { from: string; to: string }
  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
    const day = (days: number) => new Date(ctx.clock.now.getTime() + days * DAY).toISOString().slice(0, 10)
    period = { from: day(-400), to: day(-100) }
    // Seeding the demo (password hashing, snapshots) is slow on a busy machine.
  }, 180_000)
  afterAll(() => ctx.close())

  const get = (dataset: string, query: Record<string, string> = {}) => http(ctx).get(`/api/v1/open-data/${dataset}`).query(query)

  it('lists the two decided demo challenges of the period, with licence and without contact persons', async () => {
    const res = await get('challenges', { municipality: 'voorbeeldstad', ...period })
    expect(res.status).toBe(200)
    expect(res.body.items.map((c: { slug: string }) => c.slug)).toEqual(['buurtmoestuinen-als-leerwerkplek', 'zonnepanelen-maatschappelijk-vastgoed'])
    expect(res.body.items[0]).toMatchObject({ municipality: 'Gemeente Voorbeeldstad', licence: 'CC0-1.0', status: 'results_published', sdgGoals: [2, 8, 11], budgetTotalCents: 6_000_000, reservedArt282: true })
    expect(Object.keys(res.body.items[0])).not.toContain('contactEmail')
    expect(Object.keys(res.body.items[0])).not.toContain('contactName')
  })

  it('lists the published results: one winner per decided challenge', async () => {
    const res = await get('results', { municipality: 'voorbeeldstad' })
    expect(res.status).toBe(200)
    expect(res.body.items.map((r: { winnerEnterprise: string; awardedCents: number }) => [r.winnerEnterprise, r.awardedCents]).sort()).toEqual([
      ['De Moestuinmakers', 5_400_000],
      ['Zon op Dak', 7_500_000],
    ])
  })

  it('lists how proposals are judged: the criteria of published challenges with their share of the round, never a draft’s', async () => {
    // A criterion on the demo's draft challenge: it must not appear.
    const [draft] = await ctx.database.db.select().from(challenges).where(eq(challenges.status, 'draft'))
    const [round] = await ctx.database.db.insert(juryRounds).values({ challengeId: draft!.id, position: 1, kind: 'written', name: 'Conceptronde' }).returning()
    await ctx.database.db.insert(juryCriteria).values({ roundId: round!.id, position: 0, name: 'Geheim conceptcriterium', weight: 1 })
    const res = await get('criteria', { municipality: 'voorbeeldstad' })
    expect(res.status).toBe(200)
    const elderly = res.body.items.filter((c: { challengeTitle: string }) => c.challengeTitle === 'Eenzaamheid onder ouderen doorbreken')
    expect(elderly.map((c: { name: string; weightSharePercent: number }) => [c.name, c.weightSharePercent])).toEqual([
      ['Bereik van eenzame ouderen', 40],
      ['Verankering in de wijk', 30],
      ['Verdienmodel', 20],
      ['Social return', 10],
    ])
    expect(elderly[0]).toMatchObject({ roundPosition: 1, roundKind: 'written', scaleMin: 0, scaleMax: 10, threshold: 5, sdgGoals: [3, 10], licence: 'CC0-1.0', levelDescriptors: ['2: Vooral mensen die al actief zijn', '5: Een aanpak voor nieuwe deelnemers, zonder onderbouwing', '8: Een beproefde aanpak met verwijzers en een realistisch aantal'] })
    // The jury demo's challenge in evaluation: weights 3, 2, 2 in round 1.
    const schoolyards = res.body.items.filter((c: { challengeTitle: string; roundPosition: number }) => c.challengeTitle === 'Schoolpleinen vergroenen' && c.roundPosition === 1)
    expect(schoolyards.map((c: { weightSharePercent: number }) => c.weightSharePercent)).toEqual([42.9, 28.6, 28.6])
    expect(JSON.stringify(res.body)).not.toContain('Geheim conceptcriterium')
    const csv = await get('criteria', { municipality: 'voorbeeldstad', format: 'csv' })
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('challengeId,challengeTitle,municipality,municipalitySlug,licence,roundPosition,roundName,roundKind,position,name,description,weight,weightSharePercent,scaleMin,scaleMax,threshold,levelDescriptors,sdgGoals,sdgTargets')
    expect(lines.length).toBe(res.body.items.length + 1)
  })

  it('rounds weight shares to one decimal, and gives 0 when no weight is positive', () => {
    expect(roundedWeightShares([1, 1, 1])).toEqual([33.3, 33.3, 33.3])
    expect(roundedWeightShares([3, 2, 2])).toEqual([42.9, 28.6, 28.6])
    expect(roundedWeightShares([])).toEqual([])
    expect(roundedWeightShares([0])).toEqual([0])
  })

  it('gives the same impact figures as the dashboard, as JSON and as CSV', async () => {
    const dashboard = (await http(ctx).get('/api/v1/impact').query({ municipality: 'voorbeeldstad', ...period })).body
    const json = await get('impact', { municipality: 'voorbeeldstad', ...period })
    expect(json.body.figures).toEqual(dashboard.figures)
    expect(json.body.figures.proposalsReceived).toBe(3)
    const csv = await get('impact', { municipality: 'voorbeeldstad', ...period, format: 'csv' })
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('dataset,category,value,licence')
    expect(lines).toContain('budgetPerPortfolioCents,Werk en inkomen,4000000,CC0-1.0')
    expect(lines).toContain('socialReturn,realisedJobs,5,CC0-1.0')
    expect(lines).toContain('challengesPerSdg,13,1,CC0-1.0')
  })

  it('negotiates CSV from the Accept header, and ?format wins over it', async () => {
    const csv = await http(ctx).get('/api/v1/open-data/challenges').set('accept', 'text/csv')
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^id,slug,title,summary,municipality,municipalitySlug,licence,status,/)
    const json = await http(ctx).get('/api/v1/open-data/challenges').query({ format: 'json' }).set('accept', 'text/csv')
    expect(json.headers['content-type']).toMatch(/^application\/json/)
    expect((await get('challenges', { format: 'xml' })).status).toBe(400)
  })

  it('carries the licence the municipality chose (its admin sets it; an enterprise cannot)', async () => {
    const login = async (email: string) => (await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).body.accessToken as string
    const [town] = await ctx.database.db.select().from(organisations).where(eq(organisations.slug, 'voorbeeldstad'))
    const [zon] = await ctx.database.db.select().from(organisations).where(eq(organisations.slug, 'zon-op-dak'))
    const set = await http(ctx).patch(`/api/v1/organisations/${town!.id}`).set(bearer(await login('beheerder@voorbeeldstad.nl'))).send({ openDataLicence: 'CC-BY-4.0' })
    expect(set.status).toBe(200)
    expect(set.body.openDataLicence).toBe('CC-BY-4.0')
    const refused = await http(ctx).patch(`/api/v1/organisations/${zon!.id}`).set(bearer(await login('eigenaar@zonopdak.nl'))).send({ openDataLicence: 'CC-BY-4.0' })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].field).toBe('/openDataLicence')
    expect((await http(ctx).patch(`/api/v1/organisations/${town!.id}`).set(bearer(await login('beheerder@voorbeeldstad.nl'))).send({ openDataLicence: 'MIT' })).status).toBe(400)
    try {
      expect((await get('questions')).body.items.every((q: { licence: string }) => q.licence === 'CC-BY-4.0')).toBe(true)
      expect((await get('impact')).body.scope.licence).toBe('CC-BY-4.0')
    } finally {
      await ctx.database.db.update(organisations).set({ openDataLicence: 'CC0-1.0' }).where(eq(organisations.slug, 'voorbeeldstad'))
    }
  })

  it('contains no email address, no person’s name and no unpublished content, in JSON or CSV', async () => {
    const people = await ctx.database.db.select({ name: users.name, email: users.email }).from(users)
    const unpublished = await ctx.database.db.select({ text: questions.text }).from(questions).where(isNull(questions.publishedAt))
    const [draft] = await ctx.database.db.select().from(challenges).where(eq(challenges.status, 'draft'))
    expect(people.length).toBeGreaterThan(5)
    expect(unpublished.length).toBeGreaterThan(0)
    expect(draft).toBeDefined()
    // A decided challenge whose results are not yet published: its winner must not show.
    await ctx.database.db.update(challenges).set({ status: 'decided' }).where(eq(challenges.slug, 'zonnepanelen-maatschappelijk-vastgoed'))
    try {
      for (const dataset of DATASETS) {
        for (const format of ['json', 'csv']) {
          const res = await get(dataset, { format })
          expect(res.status).toBe(200)
          const body = format === 'json' ? JSON.stringify(res.body) : res.text
          expect(body).not.toMatch(/[^\s@"',;]+@[^\s@"',;]+\.[a-z]{2,}/i)
          for (const person of people) expect(body).not.toContain(person.name)
          for (const q of unpublished) expect(body).not.toContain(q.text)
          expect(body).not.toContain(draft!.title)
          expect(body).not.toContain('Zon op Dak')
        }
      }
      expect((await get('results')).body.items.map((r: { winnerEnterprise: string }) => r.winnerEnterprise)).toEqual(['De Moestuinmakers'])
    } finally {
      await ctx.database.db.update(challenges).set({ status: 'results_published' }).where(eq(challenges.slug, 'zonnepanelen-maatschappelijk-vastgoed'))
    }
  })
})
