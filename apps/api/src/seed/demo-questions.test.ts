import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { bearer, http } from '../../test/http'
import { challenges } from '../modules/challenges/challenges.table'
import { DEMO_PASSWORD, seedDemoData } from './demo-seed'

describe('demo profiles, account management, routekaart and Q&A', () => {
  let ctx: TestContext
  const login = async (email: string) => (await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).body.accessToken as string

  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
  })
  afterAll(() => ctx.close())

  it('publishes numbered Q&A in two nota versions on the loneliness challenge, without askers', async () => {
    const [challenge] = await ctx.database.db.select().from(challenges).where(eq(challenges.slug, 'eenzaamheid-onder-ouderen'))
    const qa = await http(ctx).get(`/api/v1/challenges/${challenge!.id}/qa`)
    expect(qa.body.items.map((i: { number: number; notaVersion: number }) => [i.number, i.notaVersion])).toEqual([[1, 1], [2, 1], [3, 2]])
    expect(qa.text).not.toMatch(/groenwerkt|de vries|mila|gert|daan/i)
    const inbox = await http(ctx).get(`/api/v1/challenges/${challenge!.id}/questions`).set(bearer(await login('opgaven@voorbeeldstad.nl')))
    expect(inbox.body.items.map((q: { status: string }) => q.status)).toEqual(['published', 'published', 'published', 'answered', 'open'])
  })

  it('gives GroenWerkt a social-enterprise profile with its account manager, and the municipality a routekaart', async () => {
    const owner = await login('eigenaar@groenwerkt.nl')
    const [org] = (await http(ctx).get('/api/v1/organisations').set(bearer(owner))).body.items
    const profile = await http(ctx).get(`/api/v1/enterprises/${org.id}/profile`).set(bearer(owner))
    expect(profile.body).toMatchObject({ isSocialEnterprise: true, distanceToLabourMarketPercent: 45, eligibleForArt282: true })
    const contacts = await http(ctx).get(`/api/v1/enterprises/${org.id}/contacts`).set(bearer(owner))
    expect(contacts.body.items).toMatchObject([{ municipalityName: 'Gemeente Voorbeeldstad', email: 'accountmanager@voorbeeldstad.nl' }])
    const managed = await http(ctx).get('/api/v1/me/managed-enterprises').set(bearer(await login('accountmanager@voorbeeldstad.nl')))
    expect(managed.body.items.map((m: { enterprise: { name: string }; questions: unknown[] }) => [m.enterprise.name, m.questions.length])).toEqual([['GroenWerkt Sociale Onderneming', 4]])
    const routekaart = await http(ctx).get('/api/v1/municipalities/by-slug/voorbeeldstad/routekaart')
    expect(routekaart.body.items.length).toBeGreaterThanOrEqual(4)
  })
})
