import { createHash } from 'node:crypto'
import { canonicalJson } from '@opgave/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { bearer, http } from '../../test/http'
import { proposalSubmissions } from '../modules/proposals/proposals.table'
import { DEMO_PASSWORD, seedDemoData } from './demo-seed'

describe('demo proposals', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
  })
  afterAll(() => ctx.close())

  const login = async (email: string) => (await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).body.accessToken as string

  it('GroenWerkt has a submitted proposal with a true receipt; De Vries a draft only it can see', async () => {
    const gert = await login('eigenaar@groenwerkt.nl')
    const mine = (await http(ctx).get('/api/v1/me/proposals').set(bearer(gert))).body.items
    expect(mine).toEqual([expect.objectContaining({ status: 'submitted', title: 'Buurtkamers met koffie en klusjes', receipt: expect.objectContaining({ contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }) })])
    const [submission] = await ctx.database.db.select().from(proposalSubmissions)
    expect(createHash('sha256').update(canonicalJson(submission!.snapshot)).digest('hex')).toBe(submission!.contentHash)

    const daan = await login('eigenaar@bouwbedrijf-devries.nl')
    const drafts = (await http(ctx).get('/api/v1/me/proposals').set(bearer(daan))).body.items
    expect(drafts).toEqual([expect.objectContaining({ status: 'draft', title: 'Energiefixers uit de buurt', receipt: null })])
    expect((await http(ctx).get(`/api/v1/proposals/${drafts[0].id}`).set(bearer(gert))).status).toBe(404)
  })
})
