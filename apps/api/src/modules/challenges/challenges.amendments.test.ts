import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http } from '../../../test/http'
import { completeChallenge, createDraft, createMunicipality, createPublished } from './challenges.fixtures'

/** GET /challenges/{id}/amendments: the public change log, for bidders who never followed the challenge. */
describe('the change log of a published challenge', () => {
  let ctx: TestContext
  let gemeente: Awaited<ReturnType<typeof createMunicipality>>
  beforeAll(async () => {
    ctx = await createTestApp()
    gemeente = await createMunicipality(ctx, 'logstad')
  })
  afterAll(() => ctx.close())
  const later = (minutes: number) => (ctx.clock.now = new Date(ctx.clock.now.getTime() + minutes * 60_000))

  it('lists every save after publication, newest first, with old and new deadlines and money in euros, and each criterion added, changed or removed', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(ctx.clock.now, { title: 'Met wijzigingen', contractValue: 50000 }))
    expect((await http(ctx).get(`/api/v1/challenges/${published.id}/amendments`)).body).toEqual({ items: [] })

    const moved = new Date(new Date(published.submissionDeadline).getTime() + 7 * 86_400_000).toISOString()
    const firstAt = later(5)
    const edit = await http(ctx).patch(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token)).send({ version: published.version, submissionDeadline: moved, contractValue: 62500.5, problemStatement: 'Scherper.', contactName: 'Bram Bos' })
    expect(edit.status).toBe(200)
    // A save that changes nothing is not a change.
    expect((await http(ctx).patch(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token)).send({ version: edit.body.version, summary: edit.body.summary })).status).toBe(200)
    const secondAt = later(5)
    const round = await http(ctx).post(`/api/v1/challenges/${published.id}/rounds`).set(bearer(gemeente.manager.token)).send({ kind: 'written', name: 'Ronde 1' })
    expect((await http(ctx).post(`/api/v1/jury-rounds/${round.body.id}/criteria`).set(bearer(gemeente.manager.token)).send({ name: 'Impact', weight: 1 })).status).toBe(201)

    const log = await http(ctx).get(`/api/v1/challenges/${published.id}/amendments`)
    expect(log.status).toBe(200)
    expect(log.body.items).toEqual([
      { madeAt: secondAt.toISOString(), changed: {}, named: [], criteria: [{ round: 'Ronde 1', name: 'Impact', kind: 'added', weight: { from: null, to: 1 }, threshold: { from: null, to: null } }] },
      {
        madeAt: firstAt.toISOString(),
        changed: { submissionDeadline: { from: published.submissionDeadline, to: moved }, contractValue: { from: 50000, to: 62500.5 } },
        // The contact person is named only: a former contact's name stays out of public.
        named: ['problemStatement', 'contactName'],
        criteria: [],
      },
    ])
    expect(log.text).not.toContain('Bram Bos')
  })

  it('keeps a draft’s edits out of it, and hides a draft’s log as it hides the draft', async () => {
    const draft = await createDraft(ctx, gemeente.id, gemeente.manager.token, completeChallenge(ctx.clock.now, { title: 'Nog een concept' }))
    expect((await http(ctx).patch(`/api/v1/challenges/${draft.id}`).set(bearer(gemeente.manager.token)).send({ version: draft.version, summary: 'Anders' })).status).toBe(200)
    expect((await http(ctx).get(`/api/v1/challenges/${draft.id}/amendments`)).status).toBe(404)
    const own = await http(ctx).get(`/api/v1/challenges/${draft.id}/amendments`).set(bearer(gemeente.manager.token))
    expect(own.status).toBe(200)
    expect(own.body.items).toEqual([])
    const malformed = await http(ctx).get('/api/v1/challenges/12/amendments')
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toContain('params/challengeId')
  })
})
