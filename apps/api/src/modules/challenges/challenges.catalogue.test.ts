import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http } from '../../../test/http'
import { queryRows } from '../../db/client'
import { catalogueSelect, listPublicChallenges } from './challenges.catalogue'
import { completeChallenge, createDraft, createMunicipality, createPublished, hours } from './challenges.fixtures'

type Item = { id: string; title: string; status: string; submissionDeadline: string; municipality: { slug: string }; budgetTotal: number }

describe('public challenge catalogue', () => {
  let ctx: TestContext
  const start = new Date('2026-04-01T08:00:00.000Z')
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    ctx = await createTestApp()
    ctx.clock.now = new Date(start)
    const breda = await createMunicipality(ctx, 'breda')
    const delft = await createMunicipality(ctx, 'delft')
    const publish = async (m: typeof breda, key: string, days: number, overrides: Record<string, unknown>) => {
      const at = (d: number) => new Date(start.getTime() + hours(24 * d)).toISOString()
      const body = completeChallenge(start, { problemStatement: 'Zie de samenvatting.', desiredOutcome: 'Een werkende aanpak.', questionsDeadline: at(days - 1), submissionDeadline: at(days), decisionAt: at(days + 30), ...overrides })
      ids[key] = (await createPublished(ctx, m.id, m.manager.token, body)).id
    }
    await publish(breda, 'elderly', 10, { title: 'Oudere inwoners ontmoeten elkaar', summary: 'Tegen eenzaamheid.', sdgGoals: [3, 10, 11], sdgTargets: [], eligibleEnterpriseKinds: [] })
    await publish(breda, 'energy', 20, { title: 'Energiearmoede aanpakken', summary: 'Lagere energierekening voor huishoudens.', problemStatement: 'Huishoudens in oude woningen.', sdgGoals: [7, 1], sdgTargets: [], eligibleEnterpriseKinds: ['sme'] })
    await publish(delft, 'waste', 30, { title: 'Circulair afval', summary: 'Minder restafval in de wijk.', problemStatement: 'Afval scheiden in de wijken.', sdgGoals: [12], sdgTargets: [], eligibleEnterpriseKinds: ['social_enterprise'] })
    await publish(delft, 'youth', 5, { title: 'Jongeren aan het werk', summary: 'Werkloosheid onder jongeren.', sdgGoals: [8], sdgTargets: [], reservedArt282: true, eligibleEnterpriseKinds: ['social_enterprise'] })
    for (let i = 0; i < 7; i++) await publish(delft, `filler${i}`, 40 + (i % 3), { title: `Opgave ${i}`, summary: 'Vulling.', sdgGoals: [17], sdgTargets: [] })
    ids.draft = (await createDraft(ctx, breda.id, breda.manager.token, { title: 'Geheim concept over ouderen', summary: 'ouderen' })).id
    // The youth challenge's deadline passes: it is closed although no job stored that.
    ctx.clock.now = new Date(start.getTime() + hours(24 * 6))
  })
  afterAll(() => ctx.close())

  const list = async (query: Record<string, string | number> = {}) => {
    const res = await http(ctx).get('/api/v1/challenges').query(query)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as { items: Item[]; nextCursor: string | null }
  }

  it('lists published challenges without a login, never drafts, ordered by deadline, with effective status', async () => {
    const page = await list({ limit: 50 })
    expect(page.items).toHaveLength(11)
    expect(page.items.map((i) => i.id)).not.toContain(ids.draft)
    expect(page.items[0]).toMatchObject({ id: ids.youth, status: 'closed' })
    expect(page.items[1]).toMatchObject({ id: ids.elderly, status: 'published', budgetTotal: 50000.5 })
    const deadlines = page.items.map((i) => i.submissionDeadline)
    expect([...deadlines].sort()).toEqual(deadlines)
    expect(page.nextCursor).toBeNull()
  })

  it('filters by SDG goal, municipality slug, effective status and enterprise kind', async () => {
    expect((await list({ sdg: 7 })).items.map((i) => i.id)).toEqual([ids.energy])
    expect((await list({ sdg: 3 })).items.map((i) => i.id)).toEqual([ids.elderly])
    expect((await list({ municipality: 'breda' })).items.map((i) => i.id)).toEqual([ids.elderly, ids.energy])
    expect((await list({ status: 'closed' })).items.map((i) => i.id)).toEqual([ids.youth])
    expect((await list({ status: 'published', limit: 50 })).items.map((i) => i.id)).not.toContain(ids.youth)
    // Empty eligibility means every kind may apply.
    const sme = (await list({ enterpriseKind: 'sme', limit: 50 })).items.map((i) => i.id)
    expect(sme).toContain(ids.elderly)
    expect(sme).toContain(ids.energy)
    expect(sme).not.toContain(ids.waste)
    expect(sme).not.toContain(ids.youth)
    expect((await list({ sdg: 12, municipality: 'breda' })).items).toEqual([])
  })

  it('searches in Dutch with stemming: "ouderen" finds "oudere", "wijk" finds "wijken", "eenzame" finds "eenzaamheid", ranked', async () => {
    expect((await list({ q: 'ouderen' })).items.map((i) => i.id)).toEqual([ids.elderly])
    expect((await list({ q: 'wijk' })).items.map((i) => i.id)).toEqual([ids.waste])
    expect((await list({ q: 'eenzame' })).items.map((i) => i.id)).toEqual([ids.elderly])
    expect((await list({ q: 'jongere werkloosheid' })).items.map((i) => i.id)).toEqual([ids.youth])
    // A title hit (weight A) ranks above a summary-only hit.
    const afval = await list({ q: 'afval' })
    expect(afval.items.map((i) => i.id)).toEqual([ids.waste])
    expect((await list({ q: 'zeppelin' })).items).toEqual([])
    // Search terms are data, never SQL or query syntax.
    expect((await list({ q: "'); drop table challenges; --" })).items).toEqual([])
  })

  it('pages with an opaque cursor: no duplicates, no gaps, with and without a search term', async () => {
    const all = (await list({ limit: 50 })).items.map((i) => i.id)
    for (const limit of [1, 2, 3, 4]) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: { items: Item[]; nextCursor: string | null } = await list({ limit, ...(cursor ? { cursor } : {}) })
        expect(page.items.length).toBeLessThanOrEqual(limit)
        seen.push(...page.items.map((i) => i.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toEqual(all)
    }
    const searchedAll = (await list({ q: 'opgave vulling', limit: 50 })).items.map((i) => i.id)
    expect(searchedAll).toHaveLength(7)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list({ q: 'opgave vulling', limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(searchedAll)
  })

  it('answers bad query parameters with 400 naming the parameter', async () => {
    for (const [query, field] of [
      [{ limit: 0 }, 'querystring/limit'],
      [{ limit: 51 }, 'querystring/limit'],
      [{ sdg: 18 }, 'querystring/sdg'],
      [{ status: 'secret' }, 'querystring/status'],
      [{ enterpriseKind: 'bank' }, 'querystring/enterpriseKind'],
      [{ cursor: 'not-a-cursor' }, 'query/cursor'],
      [{ cursor: Buffer.from('{"d":"x","i":"y"}').toString('base64url') }, 'query/cursor'],
      [{ q: 'afval', cursor: Buffer.from(JSON.stringify({ d: start.toISOString(), i: ids.waste })).toString('base64url') }, 'query/cursor'],
    ] as const) {
      const res = await http(ctx).get('/api/v1/challenges').query(query)
      expect(res.status, JSON.stringify(query)).toBe(400)
      assertNoInternals(res.body)
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    }
  })

  it('shows a published challenge to anyone with everything public, and a draft to nobody outside its staff', async () => {
    const res = await http(ctx).get(`/api/v1/challenges/${ids.elderly}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      title: 'Oudere inwoners ontmoeten elkaar',
      municipality: { slug: 'breda', name: 'Gemeente breda' },
      sdgGoals: [3, 10, 11],
      budgetLines: [
        { portfolio: 'Sociaal domein', amount: 40000 },
        { portfolio: 'Wonen', amount: 10000.5 },
      ],
      budgetTotal: 50000.5,
      contactEmail: 'opgaven@gemeente.nl',
      problemStatementHtml: '<p>Zie de samenvatting.</p>',
      status: 'published',
      following: false,
      canEdit: false,
      allowedTransitions: [],
    })
    expect((await http(ctx).get(`/api/v1/challenges/${ids.draft}`)).status).toBe(404)
    expect((await http(ctx).get('/api/v1/challenges/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await http(ctx).get('/api/v1/challenges/not-a-uuid')).status).toBe(400)
    expect((await http(ctx).get(`/api/v1/challenges/${ids.draft}`).set(bearer('garbage'))).status).toBe(401)
  })

  it('takes every value from its own request, though each combination of filters is prepared once', async () => {
    // Same filters, other values: the prepared query must not keep the first request's SDG, slug or clock.
    expect((await list({ sdg: 12 })).items.map((i) => i.id)).toEqual([ids.waste])
    expect((await list({ sdg: 8 })).items.map((i) => i.id)).toEqual([ids.youth])
    expect((await list({ municipality: 'delft', limit: 1 })).items.map((i) => i.id)).toEqual([ids.youth])
    expect((await list({ municipality: 'breda', limit: 1 })).items.map((i) => i.id)).toEqual([ids.elderly])
    expect((await list({ status: 'closed' })).items.map((i) => i.id)).toEqual([ids.youth])
    const saved = ctx.clock.now
    ctx.clock.now = new Date(start.getTime() + hours(24 * 11))
    try {
      expect((await list({ status: 'closed' })).items.map((i) => i.id)).toEqual([ids.youth, ids.elderly])
      expect((await list({ status: 'published', municipality: 'breda' })).items.map((i) => i.id)).toEqual([ids.energy])
    } finally {
      ctx.clock.now = saved
    }
    expect((await list({ status: 'published', municipality: 'breda' })).items.map((i) => i.id)).toEqual([ids.elderly, ids.energy])
  })

  it('reads a page through challenges_catalogue_idx in catalogue order, without sorting every published challenge', async () => {
    const now = ctx.clock.now
    const second = (await listPublicChallenges(ctx.database.db, { limit: 2 }, now)).nextCursor!
    for (const query of [{ limit: 20 }, { limit: 2, cursor: second }]) {
      // The test's table is tiny, so the planner would rightly scan it whole; with sequential scans off the
      // plan shows whether the index can serve the query at all (its predicate implied by the conditions).
      const plan = await ctx.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`)
        return queryRows<Record<string, string>>(tx, sql`explain (costs off) ${catalogueSelect(tx, query, now)}`)
      })
      const text = plan.map((row) => Object.values(row)[0]).join('\n')
      expect(text, text).toContain('challenges_catalogue_idx')
      expect(text, text).not.toMatch(/\bSort\b/)
    }
  })

  it('keeps the index in the generic plan of its prepared statement, where values are unknown to the planner', async () => {
    // The app runs the catalogue as a prepared statement; once PostgreSQL switches it to a generic plan,
    // only conditions written into the text (not parameters) can imply the partial index's predicate.
    const now = ctx.clock.now
    const { sql: text, params } = catalogueSelect(ctx.database.db, { limit: 20 }, now).toSQL()
    const literal = (value: unknown) => (typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`)
    const plan = await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`)
      await tx.execute(sql.raw(`prepare catalogue_plan_test as ${text}`))
      try {
        return await queryRows<Record<string, string>>(tx, sql.raw(`explain (costs off) execute catalogue_plan_test(${params.map(literal).join(', ')})`))
      } finally {
        await tx.execute(sql`deallocate catalogue_plan_test`)
      }
    })
    const explained = plan.map((row) => Object.values(row)[0]).join('\n')
    expect(explained, explained).toContain('challenges_catalogue_idx')
    expect(explained, explained).not.toMatch(/\bSort\b/)
  })
})
