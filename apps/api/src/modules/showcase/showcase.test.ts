import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http } from '../../../test/http'
import { DEMO_PASSWORD, seedDemoData } from '../../seed/demo-seed'
import { auditEvents } from '../audit/audit.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

describe('showcase (inspirerende voorbeelden) on the demo data', () => {
  let ctx: TestContext
  let dist: string
  let token: (email: string) => Promise<string>
  let gardensId: string

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'opgave-web-'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html>\n<html lang="nl">\n  <head>\n    <title>Opgave</title>\n  </head>\n  <body><div id="app"></div></body>\n</html>\n')
    ctx = await createTestApp({ webDistDir: dist })
    await seedDemoData(ctx.database.db, ctx.clock.now)
    token = async (email) => (await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).body.accessToken
    gardensId = (await http(ctx).get('/api/v1/me/pilots').set(bearer(await token('eigenaar@moestuinmakers.nl')))).body.items[0].proposalId
    // Seeding the demo (password hashing, snapshots) is slow on a busy machine.
  }, 180_000)
  afterAll(async () => {
    await ctx.close()
    rmSync(dist, { recursive: true, force: true })
  })

  const names = async (query: Record<string, string> = {}) => ((await http(ctx).get('/api/v1/showcase').query(query)).body.items as { enterprise: { name: string } }[]).map((i) => i.enterprise.name).sort()

  it('shows a winner only with the enterprise’s consent', async () => {
    expect(await names()).toEqual(['Zon op Dak'])
    expect((await http(ctx).get(`/api/v1/showcase/${gardensId}`)).status).toBe(404)
    const [zon] = (await http(ctx).get('/api/v1/showcase')).body.items
    expect(zon).toMatchObject({ municipality: { slug: 'voorbeeldstad' }, challenge: { sdgGoals: [7, 13] }, results: { validatedReports: 1, socialReturn: { realisedJobs: 1, committedJobs: 2 } } })
    expect(zon.results.indicators[0]).toMatchObject({ sdgTarget: '7.2', realised: 250, target: 400 })
  })

  it('lets only the owner give and withdraw consent, and audits both', async () => {
    // A plain member of the winning enterprise may report, not decide on publicity.
    const [mila] = await ctx.database.db.select().from(users).where(eq(users.email, 'medewerker@groenwerkt.nl'))
    const [gardens] = await ctx.database.db.select().from(organisations).where(eq(organisations.slug, 'de-moestuinmakers'))
    await ctx.database.db.insert(memberships).values({ organisationId: gardens!.id, userId: mila!.id, role: 'member' })
    const put = async (email: string, consented: unknown) => http(ctx).put(`/api/v1/pilots/${gardensId}/showcase-consent`).set(bearer(await token(email))).send({ consented })
    expect((await put('medewerker@groenwerkt.nl', true)).status).toBe(403)
    expect((await put('eigenaar@groenwerkt.nl', true)).status).toBe(404)
    expect((await put('eigenaar@moestuinmakers.nl', 'ja')).status).toBe(400)

    const given = await put('eigenaar@moestuinmakers.nl', true)
    expect(given.status).toBe(200)
    expect(given.body.consented).toBe(true)
    expect(await names()).toEqual(['De Moestuinmakers', 'Zon op Dak'])
    expect(await names({ sdg: '8' })).toEqual(['De Moestuinmakers'])
    expect(await names({ sdg: '7' })).toEqual(['Zon op Dak'])
    expect(await names({ socialEnterprise: 'true' })).toEqual(['De Moestuinmakers'])
    expect(await names({ socialEnterprise: 'false', municipality: 'voorbeeldstad' })).toEqual(['Zon op Dak'])
    expect((await http(ctx).get('/api/v1/showcase').query({ municipality: 'nergenshuizen' })).status).toBe(404)

    expect((await put('eigenaar@moestuinmakers.nl', false)).status).toBe(200)
    expect(await names()).toEqual(['Zon op Dak'])
    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'proposal'), eq(auditEvents.entityId, gardensId)))
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('showcase.'))).toEqual(['showcase.consent_given', 'showcase.consent_withdrawn'])
  })

  it('serves shareable pages with Open Graph tags for showcased winners only', async () => {
    const [zon] = (await http(ctx).get('/api/v1/showcase')).body.items
    const page = await http(ctx).get(`/inspirerende-voorbeelden/${zon.id}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.text).toContain('<meta property="og:title" content="Zon op Dak: Leer-werkbedrijf zonnemonteurs">')
    expect(page.text).toContain(`<meta property="og:url" content="http://localhost:3000/inspirerende-voorbeelden/${zon.id}">`)
    expect(page.text).toContain('<title>Zon op Dak: Leer-werkbedrijf zonnemonteurs – Opgave</title>')
    expect(page.text).toContain('<div id="app"></div>')

    const hidden = await http(ctx).get(`/inspirerende-voorbeelden/${gardensId}`)
    expect(hidden.status).toBe(200)
    expect(hidden.text).not.toContain('og:title')
    expect(hidden.text).not.toContain('Moestuinmakers')
    expect((await http(ctx).get('/inspirerende-voorbeelden/not-a-uuid')).text).not.toContain('og:title')
  })
})
