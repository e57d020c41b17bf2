import { randomUUID } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { questions } from '../../src/modules/questions/questions.table'
import { idempotencyKeys } from '../../src/modules/idempotency/idempotency.table'
import { makeChallenge, makeEnterprise, makeMunicipality, type TestUser } from '../../src/modules/questions/questions.fixtures'
import { bearer, http, registerUser } from '../http'
import { createTestApp, type TestContext } from '../test-app'

describe('Idempotency-Key on creating POSTs', () => {
  let ctx: TestContext
  let asker: TestUser
  let other: TestUser
  let challengeId: string
  let enterpriseId: string
  let otherEnterpriseId: string

  beforeAll(async () => {
    ctx = await createTestApp()
    asker = await registerUser(ctx, 'idem-asker@example.nl', 'Vrager')
    other = await registerUser(ctx, 'idem-other@example.nl', 'Ander')
    const municipalityId = await makeMunicipality(ctx, 'Gemeente Idempotent', 'idempotent')
    challengeId = await makeChallenge(ctx, municipalityId)
    enterpriseId = await makeEnterprise(ctx, asker, 'Herhaal BV')
    otherEnterpriseId = await makeEnterprise(ctx, other, 'Ander BV')
  })
  afterAll(() => ctx.close())

  const ask = (user: TestUser, key: string | null, text: string, enterprise = enterpriseId) => {
    const req = http(ctx).post(`/api/v1/challenges/${challengeId}/questions`).set(bearer(user.token))
    if (key !== null) req.set('Idempotency-Key', key)
    return req.send({ enterpriseId: enterprise, text })
  }
  const questionsWithText = async (text: string) =>
    (await ctx.database.db.select({ n: count() }).from(questions).where(eq(questions.text, text)))[0]!.n

  it('replays the stored answer for a retry with the same key and body, creating once', async () => {
    const key = randomUUID()
    const first = await ask(asker, key, 'Hoe groot is het budget? (1)')
    expect(first.status).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    const second = await ask(asker, key, 'Hoe groot is het budget? (1)')
    expect(second.status).toBe(201)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.body).toEqual(first.body)
    expect(await questionsWithText('Hoe groot is het budget? (1)')).toBe(1)
  })

  it('creates twice without a key', async () => {
    expect((await ask(asker, null, 'Zonder sleutel')).status).toBe(201)
    expect((await ask(asker, null, 'Zonder sleutel')).status).toBe(201)
    expect(await questionsWithText('Zonder sleutel')).toBe(2)
  })

  it('answers 422 problem+json naming the header when the key is reused with another body', async () => {
    const key = randomUUID()
    expect((await ask(asker, key, 'Eerste vraag')).status).toBe(201)
    const reused = await ask(asker, key, 'Andere vraag')
    expect(reused.status).toBe(422)
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(reused.body).toMatchObject({ status: 422, code: 'idempotency.key_reused' })
    expect(reused.body.errors).toContainEqual(expect.objectContaining({ field: 'headers/idempotency-key' }))
    expect(await questionsWithText('Andere vraag')).toBe(0)
  })

  it('scopes keys per caller: the same key from someone else is a new request, never a replay of yours', async () => {
    const key = randomUUID()
    const mine = await ask(asker, key, 'Gedeelde sleutel')
    const theirs = await ask(other, key, 'Gedeelde sleutel', otherEnterpriseId)
    expect(mine.status).toBe(201)
    expect(theirs.status).toBe(201)
    expect(theirs.headers['idempotent-replayed']).toBeUndefined()
    expect(theirs.body.id).not.toBe(mine.body.id)
    expect(await questionsWithText('Gedeelde sleutel')).toBe(2)
  })

  it('stores nothing for a refused request, so the key can be used once the request is right', async () => {
    const key = randomUUID()
    const refused = await ask(asker, key, 'Namens een ander', otherEnterpriseId)
    expect(refused.status).toBe(404)
    expect(await ctx.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([])
    const accepted = await ask(asker, key, 'Namens mezelf')
    expect(accepted.status).toBe(201)
    expect(accepted.headers['idempotent-replayed']).toBeUndefined()
  })

  it('lets a key expire after 24 hours', async () => {
    const key = randomUUID()
    expect((await ask(asker, key, 'Verloopt')).status).toBe(201)
    const saved = ctx.clock.now
    ctx.clock.now = new Date(saved.getTime() + 24 * 3_600_000 + 1_000)
    try {
      const later = await ask(asker, key, 'Verloopt')
      expect(later.status).toBe(201)
      expect(later.headers['idempotent-replayed']).toBeUndefined()
    } finally {
      ctx.clock.now = saved
    }
    expect(await questionsWithText('Verloopt')).toBe(2)
  })

  it('creates once when ten duplicates race: the others replay or get 409 idempotency.in_progress', async () => {
    const key = randomUUID()
    const results = await Promise.all(Array.from({ length: 10 }, () => ask(asker, key, 'Gelijktijdig')))
    const statuses = results.map((r) => r.status)
    for (const r of results) {
      if (r.status === 409) expect(r.body.code).toBe('idempotency.in_progress')
      else expect(r.status).toBe(201)
    }
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id))
    expect(ids.size, `statuses ${statuses.join(',')}`).toBe(1)
    expect(await questionsWithText('Gelijktijdig')).toBe(1)
  })

  it('refuses a malformed key with 400 naming the header', async () => {
    const res = await ask(asker, 'x'.repeat(256), 'Te lange sleutel')
    expect(res.status).toBe(400)
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'headers/idempotency-key' }))
    expect(await questionsWithText('Te lange sleutel')).toBe(0)
  })

  it('documents the header on creating POSTs only, with 409 and 422', async () => {
    const doc = (await http(ctx).get('/api/v1/openapi.json')).body
    const op = doc.paths['/challenges/{challengeId}/questions'].post
    expect(op.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }))
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '409', '422']))
    const read = doc.paths['/challenges/{challengeId}/questions/mine'].get
    expect((read.parameters ?? []).some((p: { in: string }) => p.in === 'header')).toBe(false)
    const creating = Object.values(doc.paths as Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>>).flatMap((item) =>
      Object.entries(item).filter(([method, o]) => method === 'post' && o.responses['201']).map(([, o]) => o),
    )
    const withHeader = creating.filter((o) => o.parameters?.some((p) => p.name === 'idempotency-key'))
    console.log(`[idempotency] ${withHeader.length} of ${creating.length} creating POSTs document Idempotency-Key (the rest: anonymous registration, multipart upload)`)
    expect(withHeader.length).toBeGreaterThanOrEqual(creating.length - 2)
  })
})
