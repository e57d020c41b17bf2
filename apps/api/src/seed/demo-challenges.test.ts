import { eq } from 'drizzle-orm'
import { challengePublicationProblems, validateCriterion, validateSdgSelection } from '@opgave/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { http } from '../../test/http'
import { challengeBudgetLines, challenges } from '../modules/challenges/challenges.table'
import { seedDemoData } from './demo-seed'

const OWN_PUBLISHED = new Set(['eenzaamheid-onder-ouderen', 'energiearmoede-aanpakken', 'circulair-afval', 'jongeren-aan-het-werk'])

describe('demo challenges', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
  })
  afterAll(() => ctx.close())

  it('publishes four valid, complete challenges across several SDGs and keeps one draft private', async () => {
    const res = await http(ctx).get('/api/v1/challenges')
    expect(res.status).toBe(200)
    // The catalogue also lists the jury demo's challenge in evaluation and the impact demo's two with published results.
    expect(res.body.items).toHaveLength(7)
    const own = res.body.items.filter((c: { slug: string }) => OWN_PUBLISHED.has(c.slug))
    expect(own).toHaveLength(4)
    expect(new Set(own.flatMap((c: { sdgGoals: number[] }) => c.sdgGoals))).toEqual(new Set([1, 3, 7, 8, 10, 11, 12]))
    expect(own.filter((c: { reservedArt282: boolean }) => c.reservedArt282)).toHaveLength(1)
    expect((await http(ctx).get('/api/v1/challenges').query({ q: 'ouderen' })).body.items).toHaveLength(1)

    const rows = (await ctx.database.db.select().from(challenges)).filter((r) => OWN_PUBLISHED.has(r.slug) || r.status === 'draft')
    expect(rows.filter((r) => r.status === 'draft')).toHaveLength(1)
    for (const row of rows) {
      expect(validateSdgSelection({ goals: row.sdgGoals, targets: row.sdgTargets })).toEqual([])
      const lines = await ctx.database.db.select().from(challengeBudgetLines).where(eq(challengeBudgetLines.challengeId, row.id))
      expect(new Set(lines.map((l) => l.portfolio)).size).toBe(2)
      if (row.status === 'published') {
        // Complete as if published just now (publishAt lies in the past, so check from that moment).
        expect(challengePublicationProblems({ ...row, budgetLineCount: lines.length }, row.publishAt!)).toEqual([])
      }
    }
  })

  it('shows how an open challenge is judged: a blind written round with valid criteria, public before anyone writes', async () => {
    const [elderly] = await ctx.database.db.select().from(challenges).where(eq(challenges.slug, 'eenzaamheid-onder-ouderen'))
    const res = await http(ctx).get(`/api/v1/challenges/${elderly!.id}/assessment`)
    expect(res.status).toBe(200)
    expect(res.body.rounds).toHaveLength(1)
    const [round] = res.body.rounds
    expect(round).toMatchObject({ position: 1, kind: 'written', blindReview: true })
    expect(round.criteria.map((c: { weight: number }) => c.weight)).toEqual([4, 3, 2, 1])
    for (const criterion of round.criteria) {
      expect(validateCriterion(criterion)).toEqual([])
      expect(validateSdgSelection({ goals: criterion.sdgGoals, targets: criterion.sdgTargets })).toEqual([])
    }
  })
})
