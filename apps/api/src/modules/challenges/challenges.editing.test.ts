import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { completeChallenge, createDraft, createMunicipality, createPublished, makePlatformAdmin, type TestUser } from './challenges.fixtures'
import { challengeBudgetLines } from './challenges.table'

describe('challenge editing by the municipality', () => {
  let ctx: TestContext
  let utrecht: Awaited<ReturnType<typeof createMunicipality>>
  let zwolle: Awaited<ReturnType<typeof createMunicipality>>
  let entrepreneur: TestUser

  beforeAll(async () => {
    ctx = await createTestApp()
    utrecht = await createMunicipality(ctx, 'utrecht')
    zwolle = await createMunicipality(ctx, 'zwolle')
    entrepreneur = await registerUser(ctx, 'ondernemer@groen.nl', 'Onder Nemer')
    await http(ctx).post('/api/v1/organisations').set(bearer(entrepreneur.token)).send({ kind: 'enterprise', name: 'Groen BV' })
  })
  afterAll(() => ctx.close())

  it('creates a draft with only a title, then fills it in; money is returned in euros with a derived total', async () => {
    const draft = await createDraft(ctx, utrecht.id, utrecht.manager.token, { title: 'Schone wijken' })
    expect(draft).toMatchObject({ status: 'draft', title: 'Schone wijken', slug: 'schone-wijken', version: 1, budgetLines: [], budgetTotal: 0, canEdit: true, allowedTransitions: ['publish', 'archive'] })

    const res = await http(ctx)
      .patch(`/api/v1/challenges/${draft.id}`)
      .set(bearer(utrecht.manager.token))
      .send({ version: 1, ...completeChallenge(ctx.clock.now), title: 'Schone wijken' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      version: 2,
      budgetLines: [
        { portfolio: 'Sociaal domein', amount: 40000 },
        { portfolio: 'Wonen', amount: 10000.5 },
      ],
      budgetTotal: 50000.5,
      contractValue: 50000.5,
      socialReturnPercent: 5,
      sdgGoals: [3, 10],
      sdgTargets: ['3.4', '10.2'],
      municipality: { id: utrecht.id, slug: 'utrecht', name: 'Gemeente utrecht' },
    })
    expect(res.body.submissionDeadline).toMatch(/Z$/)
    const lines = await ctx.database.db.select().from(challengeBudgetLines).where(eq(challengeBudgetLines.challengeId, draft.id))
    expect(lines.map((l) => l.amountCents).sort()).toEqual([1_000_050, 4_000_000])
    const audit = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, draft.id))
    expect(audit.map((a) => a.action)).toEqual(['challenge.created', 'challenge.updated'])
    expect(audit[1]!.before).toMatchObject({ version: 1, title: 'Schone wijken' })
    expect(audit[1]!.after).toMatchObject({ version: 2 })
  })

  it('stores Markdown as source and returns sanitised HTML: no scripts, event handlers or javascript: links', async () => {
    const draft = await createDraft(ctx, utrecht.id, utrecht.manager.token, {
      title: 'Veilig',
      problemStatement: '<script>alert(1)</script> [klik](javascript:alert) <img src=x onerror=alert(1)> **vet**',
      desiredOutcome: '[site](https://utrecht.nl)',
    })
    const res = await http(ctx).get(`/api/v1/challenges/${draft.id}`).set(bearer(utrecht.manager.token))
    expect(res.body.problemStatement).toContain('<script>')
    expect(res.body.problemStatementHtml).not.toMatch(/<script|<img|href="javascript/i)
    expect(res.body.problemStatementHtml).toContain('&lt;script&gt;')
    expect(res.body.problemStatementHtml).toContain('<strong>vet</strong>')
    expect(res.body.desiredOutcomeHtml).toBe('<p><a href="https://utrecht.nl" rel="nofollow noopener noreferrer">site</a></p>')
  })

  it('names every invalid field: SDG targets by index, amounts, percentages, date order', async () => {
    const draft = await createDraft(ctx, utrecht.id, utrecht.manager.token, { title: 'Fouten' })
    const now = ctx.clock.now.getTime()
    const res = await http(ctx)
      .patch(`/api/v1/challenges/${draft.id}`)
      .set(bearer(utrecht.manager.token))
      .send({
        version: 1,
        sdgGoals: [3],
        sdgTargets: ['3.4', '7.1', '99.9'],
        budgetLines: [{ portfolio: 'Duurzaamheid', amount: 10.005 }],
        contractValue: 1.234,
        socialReturnPercent: 3.333,
        questionsDeadline: new Date(now + 10_000).toISOString(),
        submissionDeadline: new Date(now + 5_000).toISOString(),
      })
    expect(res.status).toBe(400)
    assertNoInternals(res.body)
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['/budgetLines/0/amount', '/contractValue', '/questionsDeadline', '/sdgTargets/1', '/sdgTargets/2', '/socialReturnPercent'].sort(),
    )
    const unchanged = await http(ctx).get(`/api/v1/challenges/${draft.id}`).set(bearer(utrecht.manager.token))
    expect(unchanged.body.version).toBe(1)
  })

  it('rejects unknown fields, out-of-range values and malformed date-times with 400 naming the field', async () => {
    const draft = await createDraft(ctx, utrecht.id, utrecht.manager.token, { title: 'Strikt' })
    for (const [body, field] of [
      [{ version: 1, status: 'published' }, '/status'],
      [{ version: 1, socialReturnPercent: 101 }, '/socialReturnPercent'],
      [{ version: 1, eligibleEnterpriseKinds: ['multinational'] }, '/eligibleEnterpriseKinds/0'],
      [{ version: 1, submissionDeadline: '2026-05-01' }, '/submissionDeadline'],
      [{ title: 'zonder versie' }, '/version'],
    ] as const) {
      const res = await http(ctx).patch(`/api/v1/challenges/${draft.id}`).set(bearer(utrecht.manager.token)).send(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    }
  })

  it('answers a stale version with 409 and the current state, changing nothing', async () => {
    const draft = await createDraft(ctx, utrecht.id, utrecht.manager.token, { title: 'Gelijktijdig' })
    const first = await http(ctx).patch(`/api/v1/challenges/${draft.id}`).set(bearer(utrecht.manager.token)).send({ version: 1, summary: 'Van de manager' })
    expect(first.status).toBe(200)
    const second = await http(ctx).patch(`/api/v1/challenges/${draft.id}`).set(bearer(utrecht.admin.token)).send({ version: 1, summary: 'Van de beheerder' })
    expect(second.status).toBe(409)
    expect(second.body.code).toBe('resource.version_conflict')
    expect(second.body.current).toMatchObject({ id: draft.id, version: 2, summary: 'Van de manager' })
    const staleTransition = await http(ctx).post(`/api/v1/challenges/${draft.id}/archive`).set(bearer(utrecht.admin.token)).send({ version: 1 })
    expect(staleTransition.status).toBe(409)
    expect(staleTransition.body.current.status).toBe('draft')
  })

  it('hides drafts from everyone but the municipality’s staff (404), and lets only admins and challenge managers edit', async () => {
    const draft = await createDraft(ctx, utrecht.id, utrecht.admin.token, { title: 'Geheim concept' })
    const url = `/api/v1/challenges/${draft.id}`
    expect((await http(ctx).get(url)).status).toBe(404)
    for (const outsider of [entrepreneur, zwolle.admin, zwolle.manager]) {
      const read = await http(ctx).get(url).set(bearer(outsider.token))
      expect(read.status).toBe(404)
      expect(read.body.code).toBe('challenges.not_found')
      expect((await http(ctx).patch(url).set(bearer(outsider.token)).send({ version: 1, title: 'Gekaapt' })).status).toBe(404)
      expect((await http(ctx).post(`${url}/publish`).set(bearer(outsider.token)).send({ version: 1 })).status).toBe(404)
    }
    expect((await http(ctx).patch(url).send({ version: 1, title: 'Anoniem' })).status).toBe(401)
    // The account manager advises enterprises: may read the draft, not change it.
    expect((await http(ctx).get(url).set(bearer(utrecht.accountManager.token))).body).toMatchObject({ status: 'draft', canEdit: false, allowedTransitions: [] })
    expect((await http(ctx).patch(url).set(bearer(utrecht.accountManager.token)).send({ version: 1, title: 'Nee' })).status).toBe(403)
    const still = await http(ctx).get(url).set(bearer(utrecht.admin.token))
    expect(still.body.title).toBe('Geheim concept')
  })

  it('lets only the municipality’s admins, challenge managers and platform admins create; the workspace list is staff-only', async () => {
    const create = (token?: string) => {
      const req = http(ctx).post(`/api/v1/municipalities/${utrecht.id}/challenges`)
      return (token ? req.set(bearer(token)) : req).send({ title: 'Nieuw' })
    }
    expect((await create()).status).toBe(401)
    expect((await create(entrepreneur.token)).status).toBe(404)
    expect((await create(zwolle.admin.token)).status).toBe(404)
    expect((await create(utrecht.accountManager.token)).status).toBe(403)
    const platform = await registerUser(ctx, 'platform@opgave.nl', 'Platform')
    await makePlatformAdmin(ctx, platform)
    expect((await create(platform.token)).status).toBe(201)

    const list = await http(ctx).get(`/api/v1/municipalities/${utrecht.id}/challenges`).set(bearer(utrecht.accountManager.token))
    expect(list.status).toBe(200)
    expect(list.body.items.some((c: { title: string; status: string }) => c.title === 'Geheim concept' && c.status === 'draft')).toBe(true)
    expect((await http(ctx).get(`/api/v1/municipalities/${utrecht.id}/challenges`).set(bearer(zwolle.manager.token))).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/municipalities/${utrecht.id}/challenges`).set(bearer(entrepreneur.token))).status).toBe(404)
  })

  it('keeps a published challenge complete and its deadlines ahead; emails followers on every change', async () => {
    const published = await createPublished(ctx, utrecht.id, utrecht.manager.token, completeChallenge(ctx.clock.now, { title: 'Open voor voorstellen' }))
    const url = `/api/v1/challenges/${published.id}`
    expect((await http(ctx).put(`${url}/follow`).set(bearer(entrepreneur.token))).status).toBe(204)
    // Public now, but still only the municipality's staff may change it.
    for (const outsider of [entrepreneur, zwolle.admin, utrecht.accountManager]) {
      const res = await http(ctx).patch(url).set(bearer(outsider.token)).send({ version: published.version, title: 'Gekaapt' })
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('challenges.forbidden')
    }
    const blank = await http(ctx).patch(url).set(bearer(utrecht.manager.token)).send({ version: published.version, summary: '', decisionAt: null })
    expect(blank.status).toBe(422)
    expect(blank.body.code).toBe('challenges.incomplete')
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(['/summary', '/decisionAt'])
    const t = ctx.clock.now.getTime()
    const past = await http(ctx)
      .patch(url)
      .set(bearer(utrecht.manager.token))
      .send({ version: published.version, publishAt: new Date(t - 10_000).toISOString(), questionsDeadline: new Date(t - 1).toISOString(), submissionDeadline: new Date(t - 1).toISOString() })
    expect(past.status).toBe(422)
    expect(past.body.errors.map((e: { code: string }) => e.code)).toEqual(['challenge.questions_deadline_passed', 'challenge.submission_deadline_passed'])
    const ok = await http(ctx).patch(url).set(bearer(utrecht.manager.token)).send({ version: published.version, summary: 'Nieuwe samenvatting' })
    expect(ok.status).toBe(200)
    const { emailOutbox } = await import('../outbox/outbox.table')
    const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'ondernemer@groen.nl'))
    expect(mails.map((m) => m.subject)).toContain('Uitdaging gewijzigd: Open voor voorstellen')
    expect(mails.find((m) => m.subject.startsWith('Uitdaging gewijzigd'))!.text).toContain(`/uitdagingen/${published.id}`)
  })
})
