import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { makeEnterprise, makeMunicipality, type TestUser } from '../questions/questions.fixtures'

describe('guidance pages', () => {
  let ctx: TestContext
  let anna: TestUser // admin, Aastad
  let carl: TestUser // challenge manager, Aastad
  let amy: TestUser // account manager, Aastad
  let bert: TestUser // admin, Beedorp
  let erik: TestUser // entrepreneur
  let aastad: string

  beforeAll(async () => {
    ctx = await createTestApp()
    anna = await registerUser(ctx, 'anna@aastad.nl', 'anna Test')
    carl = await registerUser(ctx, 'carl@aastad.nl', 'carl Test')
    amy = await registerUser(ctx, 'amy@aastad.nl', 'amy Test')
    bert = await registerUser(ctx, 'bert@beedorp.nl', 'bert Test')
    erik = await registerUser(ctx, 'erik@erikbv.nl', 'erik Test')
    aastad = await makeMunicipality(ctx, 'Gemeente Aastad', 'aastad', [[anna, 'admin'], [carl, 'challenge_manager'], [amy, 'account_manager']])
    await makeMunicipality(ctx, 'Gemeente Beedorp', 'beedorp', [[bert, 'admin']])
    await makeEnterprise(ctx, erik, 'Erik Groen BV')
  })
  afterAll(() => ctx.close())

  const base = () => `/api/v1/municipalities/${aastad}/guidance`
  const page = { slug: 'routekaart', title: 'Routekaart voor ondernemers', summary: 'De juiste ingang.', audience: 'entrepreneurs', markdown: '# De juiste ingang\n\n- Accountmanager\n- Inkoop\n\n## Contact\n\nMail [ons](mailto:info@aastad.nl).' }
  const create = (user: TestUser, body: object = page) => http(ctx).post(base()).set(bearer(user.token)).send(body)
  const patch = (user: TestUser, id: string, body: object) => http(ctx).patch(`${base()}/${id}`).set(bearer(user.token)).send(body)
  const transition = (user: TestUser, id: string, action: 'publish' | 'unpublish', version: number) => http(ctx).post(`${base()}/${id}/${action}`).set(bearer(user.token)).send({ version })
  const publicIndex = () => http(ctx).get('/api/v1/municipalities/by-slug/aastad/guidance')
  const publicPage = (slug: string) => http(ctx).get(`/api/v1/municipalities/by-slug/aastad/guidance/${slug}`)
  const auditActions = async (id: string) => (await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).map((e) => e.action)

  it('creates a draft the public cannot see, publishes it, renders it, unpublishes and deletes it — all audited', async () => {
    const created = await create(carl)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ slug: 'routekaart', status: 'draft', language: 'nl', version: 1, publishedAt: null })
    const id = created.body.id as string

    expect((await publicIndex()).body.items).toEqual([])
    const hidden = await publicPage('routekaart')
    expect(hidden.status).toBe(404)
    expect(hidden.body.code).toBe('guidance.not_found')

    const published = await transition(anna, id, 'publish', 1)
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ status: 'published', version: 2 })
    expect(published.body.publishedAt).toEqual(expect.any(String))

    const index = await publicIndex()
    expect(index.body.municipality).toMatchObject({ slug: 'aastad', name: 'Gemeente Aastad' })
    expect(index.body.items).toEqual([expect.objectContaining({ slug: 'routekaart', title: 'Routekaart voor ondernemers', summary: 'De juiste ingang.', audience: 'entrepreneurs', language: 'nl' })])
    expect(index.body.items[0]).not.toHaveProperty('markdown')

    const read = await publicPage('routekaart')
    expect(read.status).toBe(200)
    expect(read.body.page).not.toHaveProperty('markdown')
    expect(read.body.page).not.toHaveProperty('id')
    expect(read.body.page.headings).toEqual([
      { id: 'gids-de-juiste-ingang', level: 2, text: 'De juiste ingang' },
      { id: 'gids-contact', level: 3, text: 'Contact' },
    ])
    expect(read.body.page.html).toContain('<li>Accountmanager</li>')
    expect(read.body.page.html).toContain('<a href="mailto:info@aastad.nl">ons</a>')

    expect((await transition(anna, id, 'publish', 2)).body.code).toBe('guidance.invalid_transition')
    const unpublished = await transition(anna, id, 'unpublish', 2)
    expect(unpublished.body).toMatchObject({ status: 'draft', version: 3, publishedAt: null })
    expect((await publicPage('routekaart')).status).toBe(404)

    const deleted = await http(ctx).delete(`${base()}/${id}`).set(bearer(anna.token))
    expect(deleted.status).toBe(204)
    expect((await http(ctx).get(`${base()}/${id}`).set(bearer(anna.token))).status).toBe(404)
    expect(await auditActions(id)).toEqual(['guidance.page_created', 'guidance.page_published', 'guidance.page_unpublished', 'guidance.page_deleted'])
  })

  it('edits with version checks: a stale version is a 409 with the current page, and nothing changes', async () => {
    const id = (await create(anna, { ...page, slug: 'zakboek', title: 'Zakboek', audience: 'civil_servants' })).body.id as string
    const first = await patch(anna, id, { markdown: '## Rollen\n\nDe gemeente heeft vier rollen.', version: 1 })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ version: 2, markdown: '## Rollen\n\nDe gemeente heeft vier rollen.' })
    const stale = await patch(carl, id, { title: 'Ander zakboek', version: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('resource.version_conflict')
    expect(stale.body.current).toMatchObject({ id, version: 2, title: 'Zakboek' })
    expect((await transition(anna, id, 'publish', 1)).status).toBe(409)
    const fresh = await http(ctx).get(`${base()}/${id}`).set(bearer(carl.token))
    expect(fresh.body).toMatchObject({ title: 'Zakboek', version: 2, status: 'draft' })
    expect(await auditActions(id)).toEqual(['guidance.page_created', 'guidance.page_updated'])
  })

  it('validates slugs (pattern, unique per municipality) and limits, naming the field', async () => {
    const taken = await create(anna, { ...page, slug: 'dubbel' })
    expect(taken.status).toBe(201)
    const again = await create(carl, { ...page, slug: 'dubbel' })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('guidance.slug_taken')
    expect(again.body.errors[0].field).toBe('/slug')
    const other = (await create(anna, { ...page, slug: 'anders' })).body as { id: string; version: number }
    const renamed = await patch(anna, other.id, { slug: 'dubbel', version: other.version })
    expect(renamed.status).toBe(409)
    expect(renamed.body.errors[0].field).toBe('/slug')
    // The same slug in another municipality is fine.
    expect((await http(ctx).post(`/api/v1/municipalities/${(await beedorpId())}/guidance`).set(bearer(bert.token)).send({ ...page, slug: 'dubbel' })).status).toBe(201)

    for (const [body, field] of [
      [{ ...page, slug: 'Hoofd Letters' }, '/slug'],
      [{ ...page, slug: 'dubbel--streep' }, '/slug'],
      [{ ...page, slug: '-rand' }, '/slug'],
      [{ ...page, title: 'x'.repeat(161) }, '/title'],
      [{ ...page, title: '   ' }, '/title'],
      [{ ...page, summary: 'x'.repeat(501) }, '/summary'],
      [{ ...page, markdown: 'x'.repeat(50_001) }, '/markdown'],
      [{ ...page, audience: 'iedereen' }, '/audience'],
    ] as const) {
      const res = await create(anna, body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    }
    const blank = (await create(anna, { ...page, slug: 'leeg', markdown: '  ' })).body as { id: string }
    const refused = await transition(anna, blank.id, 'publish', 1)
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].field).toBe('/markdown')
  })

  const beedorpId = async () => {
    const res = await http(ctx).get('/api/v1/municipalities/by-slug/beedorp/guidance')
    return res.body.municipality.id as string
  }

  it('keeps drafts from other municipalities’ staff, entrepreneurs and the anonymous; account managers read but do not edit', async () => {
    const draft = (await create(anna, { ...page, slug: 'geheim', title: 'Geheim concept' })).body as { id: string }
    for (const user of [bert, erik]) {
      expect((await http(ctx).get(base()).set(bearer(user.token))).status).toBe(404)
      expect((await http(ctx).get(`${base()}/${draft.id}`).set(bearer(user.token))).status).toBe(404)
      expect((await patch(user, draft.id, { title: 'Overgenomen', version: 1 })).status).toBe(404)
      expect((await transition(user, draft.id, 'publish', 1)).status).toBe(404)
    }
    // Bert's own municipality does not reach Aastad's page either.
    expect((await http(ctx).patch(`/api/v1/municipalities/${await beedorpId()}/guidance/${draft.id}`).set(bearer(bert.token)).send({ title: 'X', version: 1 })).status).toBe(404)
    expect((await http(ctx).get(base())).status).toBe(401)
    expect((await http(ctx).get(`${base()}/${draft.id}`).set(bearer(amy.token))).body.title).toBe('Geheim concept')
    expect((await http(ctx).get(base()).set(bearer(amy.token))).body.items.map((p: { slug: string }) => p.slug)).toContain('geheim')
    const amyEdit = await patch(amy, draft.id, { title: 'Door Amy', version: 1 })
    expect(amyEdit.status).toBe(403)
    expect(amyEdit.body.code).toBe('guidance.forbidden')
    expect((await create(amy, { ...page, slug: 'van-amy' })).status).toBe(403)
    expect(await auditActions(draft.id)).toEqual(['guidance.page_created'])
    const unknown = await http(ctx).get('/api/v1/municipalities/by-slug/nergens/guidance')
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('municipalities.not_found')
  })

  it('renders hostile Markdown safely, in the preview and on the published page', async () => {
    const hostile = [
      '## Kop <img src=x onerror=alert(1)>',
      '<script>alert("xss")</script>',
      '[klik](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ent](&#106;avascript:alert(1))',
      '<a href="javascript:alert(1)" onclick="alert(2)">a</a>',
      '[extern](https://socialenterprise.nl)',
    ].join('\n\n')
    const preview = await http(ctx).post(`${base()}/preview`).set(bearer(carl.token)).send({ markdown: hostile })
    expect(preview.status).toBe(200)
    const id = (await create(carl, { ...page, slug: 'vijandig', markdown: hostile })).body.id as string
    await transition(carl, id, 'publish', 1)
    const read = await publicPage('vijandig')
    for (const html of [preview.body.html as string, read.body.page.html as string]) {
      expect(html).not.toMatch(/<script|<img|<a [^>]*on[a-z]+=|href="(javascript|data):/i)
      expect(html).toContain('&lt;script&gt;')
      expect(html).toContain('<a href="https://socialenterprise.nl" rel="noopener noreferrer">extern</a>')
      expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://socialenterprise.nl'])
    }
    expect(read.body.page.headings[0].text).toBe('Kop <img src=x onerror=alert(1)>')
    assertNoInternals(read.body)
    expect((await http(ctx).post(`${base()}/preview`).set(bearer(amy.token)).send({ markdown: 'x' })).status).toBe(403)
    expect((await http(ctx).post(`${base()}/preview`).set(bearer(erik.token)).send({ markdown: 'x' })).status).toBe(404)
  })
})
