import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http } from '../../../test/http'
import { DEMO_PASSWORD, seedDemoData } from '../../seed/demo-seed'
import { auditEvents } from '../audit/audit.table'
import { challenges } from '../challenges/challenges.table'
import { organisations } from '../organisations/organisations.table'
import { emailOutbox } from '../outbox/outbox.table'
import { MESSAGES_PER_DAY } from './partners.service'

describe('partner directory and contact messages on the demo data', () => {
  let ctx: TestContext
  let token: (email: string) => Promise<string>
  let org: (slug: string) => Promise<string>
  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
    token = async (email) => (await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).body.accessToken
    org = async (slug) => (await ctx.database.db.select().from(organisations).where(eq(organisations.slug, slug)))[0]!.id
    // Seeding the demo (password hashing, snapshots) is slow on a busy machine.
  }, 180_000)
  afterAll(() => ctx.close())

  const names = async (query: Record<string, string | number | boolean>) =>
    ((await http(ctx).get('/api/v1/partners').query(query).set(bearer(await token('eigenaar@bouwbedrijf-devries.nl')))).body.items as { name: string }[]).map((p) => p.name)

  it('finds enterprises by SDG profile, kind and region; never municipalities, never people', async () => {
    expect(await names({ sdg: 7 })).toEqual(['Zon op Dak'])
    const eight = (await http(ctx).get('/api/v1/partners').query({ sdg: 8 }).set(bearer(await token('eigenaar@bouwbedrijf-devries.nl')))).body.items as { name: string; sdgGoals: number[]; isSocialEnterprise: boolean }[]
    expect(eight.map((p) => p.name)).toEqual(expect.arrayContaining(['De Moestuinmakers', 'GroenWerkt Sociale Onderneming']))
    expect(eight.every((p) => p.sdgGoals.includes(8))).toBe(true)
    expect(await names({ sdg: 8, kind: 'sme' })).not.toContain('De Moestuinmakers')
    expect(await names({ sdg: 7, kind: 'sme' })).toEqual(['Zon op Dak'])
    const utrecht = (await http(ctx).get('/api/v1/partners').query({ region: 'utrecht' }).set(bearer(await token('eigenaar@bouwbedrijf-devries.nl')))).body.items as { name: string; region: string }[]
    expect(utrecht.map((p) => p.name)).toEqual(expect.arrayContaining(['De Moestuinmakers', 'Zon op Dak']))
    expect(utrecht.every((p) => p.region === 'Utrecht')).toBe(true)
    expect(await names({ q: 'moestuin' })).toEqual(['De Moestuinmakers'])
    const all = await http(ctx).get('/api/v1/partners').set(bearer(await token('eigenaar@bouwbedrijf-devries.nl')))
    expect(all.body.items.map((p: { name: string }) => p.name)).not.toContain('Gemeente Voorbeeldstad')
    expect(JSON.stringify(all.body)).not.toMatch(/@/)
    expect((await http(ctx).get('/api/v1/partners')).status).toBe(401)
    expect((await http(ctx).get('/api/v1/partners').query({ sdg: 18 }).set(bearer(await token('eigenaar@bouwbedrijf-devries.nl')))).status).toBe(400)
  })

  it('delivers a message to the owners through the outbox without revealing the sender’s address', async () => {
    const daan = bearer(await token('eigenaar@bouwbedrijf-devries.nl'))
    const zon = await org('zon-op-dak')
    const res = await http(ctx).post(`/api/v1/partners/${zon}/messages`).set(daan).send({ fromEnterpriseId: await org('bouwbedrijf-de-vries'), subject: 'Samen isoleren?', message: 'Wij zoeken een partner voor zonnepanelen bij onze isolatieprojecten.' })
    expect(res.status).toBe(202)
    const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'eigenaar@zonopdak.nl'))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toContain('Samen isoleren?')
    expect(mails[0]!.text).toContain('Wij zoeken een partner voor zonnepanelen')
    expect(mails[0]!.text).toContain('Bouwbedrijf De Vries')
    expect(mails[0]!.text).not.toContain('eigenaar@bouwbedrijf-devries.nl')
    const [audit] = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'partners.contacted'))
    expect(JSON.stringify(audit)).not.toContain('isolatieprojecten')
  })

  it('refuses writing on behalf of someone else’s enterprise, to oneself, or to a municipality', async () => {
    const daan = bearer(await token('eigenaar@bouwbedrijf-devries.nl'))
    const body = (from: string) => ({ fromEnterpriseId: from, subject: 'Hallo', message: 'Test' })
    const foreign = await http(ctx).post(`/api/v1/partners/${await org('zon-op-dak')}/messages`).set(daan).send(body(await org('groenwerkt')))
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors[0].field).toBe('/fromEnterpriseId')
    const self = await http(ctx).post(`/api/v1/partners/${await org('bouwbedrijf-de-vries')}/messages`).set(daan).send(body(await org('bouwbedrijf-de-vries')))
    expect(self.status).toBe(400)
    expect((await http(ctx).post(`/api/v1/partners/${await org('voorbeeldstad')}/messages`).set(daan).send(body(await org('bouwbedrijf-de-vries')))).status).toBe(404)
    expect((await http(ctx).post(`/api/v1/partners/${await org('zon-op-dak')}/messages`).set(daan).send({ ...body(await org('bouwbedrijf-de-vries')), message: '   ' })).status).toBe(400)
  })

  it('limits messages per person per day', async () => {
    const mo = bearer(await token('eigenaar@moestuinmakers.nl'))
    const to = await org('groenwerkt')
    const from = await org('de-moestuinmakers')
    for (let i = 0; i < MESSAGES_PER_DAY; i++) expect((await http(ctx).post(`/api/v1/partners/${to}/messages`).set(mo).send({ fromEnterpriseId: from, subject: `Bericht ${i}`, message: 'Hallo' })).status).toBe(202)
    const over = await http(ctx).post(`/api/v1/partners/${to}/messages`).set(mo).send({ fromEnterpriseId: from, subject: 'Eén te veel', message: 'Hallo' })
    expect(over.status).toBe(429)
    expect(over.body.code).toBe('partners.too_many_messages')
    expect(over.headers['retry-after']).toBe('3600')
    // Someone else is not affected by Mo's limit.
    expect((await http(ctx).post(`/api/v1/partners/${to}/messages`).set(bearer(await token('eigenaar@zonopdak.nl'))).send({ fromEnterpriseId: await org('zon-op-dak'), subject: 'Hallo', message: 'Hallo' })).status).toBe(202)
  })

  it('suggests partners for a published challenge by shared SDGs, and hides drafts', async () => {
    const daan = bearer(await token('eigenaar@bouwbedrijf-devries.nl'))
    const [gardens] = await ctx.database.db.select().from(challenges).where(eq(challenges.slug, 'buurtmoestuinen-als-leerwerkplek'))
    const res = await http(ctx).get(`/api/v1/challenges/${gardens!.id}/partner-suggestions`).set(daan)
    expect(res.status).toBe(200)
    expect(res.body.challenge.sdgGoals).toEqual([2, 8, 11])
    const items = res.body.items as { name: string; matchingSdgs: number[] }[]
    // De Moestuinmakers share all three goals, so they come first.
    expect(items[0]).toMatchObject({ name: 'De Moestuinmakers', matchingSdgs: [2, 8, 11] })
    expect(items.find((i) => i.name === 'GroenWerkt Sociale Onderneming')?.matchingSdgs).toEqual([8])
    expect(items.map((i) => i.name)).not.toContain('Zon op Dak')
    expect(items.every((i) => i.matchingSdgs.length > 0)).toBe(true)
    const [draft] = await ctx.database.db.select().from(challenges).where(eq(challenges.status, 'draft'))
    expect((await http(ctx).get(`/api/v1/challenges/${draft!.id}/partner-suggestions`).set(daan)).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/challenges/${gardens!.id}/partner-suggestions`)).status).toBe(401)
  })
})
