import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY_LIMIT_BYTES } from '../../src/app'
import { memberships, organisations } from '../../src/modules/organisations/organisations.table'
import { users } from '../../src/modules/users/users.table'
import { createTestApp, type TestContext } from '../test-app'
import { fuzzWorld } from './fuzz-setup'
import { probeBodyLimits, probeMassAssignment } from './openapi-fuzzer'

const SEED = Number(process.env.FUZZ_SEED ?? 20261122)

describe('mass assignment and body boundaries over every operation of the OpenAPI document', () => {
  let ctx: TestContext
  let world: Awaited<ReturnType<typeof fuzzWorld>>
  beforeAll(async () => {
    ctx = await createTestApp({ rateLimitPerMinute: 1_000_000 })
    world = await fuzzWorld(ctx)
  })
  afterAll(() => ctx.close())

  /** What a mass-assignment attempt would try to change: identities, roles, admin rights, ownership. */
  const snapshot = async () => ({
    users: (await ctx.database.db.select({ id: users.id, email: users.email, isPlatformAdmin: users.isPlatformAdmin, disabledAt: users.disabledAt }).from(users)).sort((a, b) => a.id.localeCompare(b.id)),
    memberships: (await ctx.database.db.select({ o: memberships.organisationId, u: memberships.userId, role: memberships.role }).from(memberships)).map((m) => `${m.o}/${m.u}/${m.role}`).sort(),
    organisations: (await ctx.database.db.select({ id: organisations.id, kind: organisations.kind, name: organisations.name }).from(organisations)).sort((a, b) => a.id.localeCompare(b.id)),
  })

  it('refuses every body carrying an undeclared id, ownerId, status, score, role…, and reading back shows nothing changed', { timeout: 300_000 }, async () => {
    const before = await snapshot()
    const entrepreneurs = world.tokens.slice(1, 3) as string[]
    const report = await probeMassAssignment(ctx, { tokens: entrepreneurs, knownIds: world.knownIds, seed: SEED })
    const after = await snapshot()
    console.log(`[fuzz:mass-assignment] ${report.attempts} requests with an undeclared protected field; accepted: ${report.accepted.length}`)
    expect(report.attempts).toBeGreaterThan(100)
    expect(report.accepted).toEqual([])
    // Read back: no one became admin, no role or membership appeared or changed, no organisation changed hands or kind.
    expect(after.users).toEqual(before.users)
    expect(after.memberships).toEqual(before.memberships)
    expect(after.organisations).toEqual(before.organisations)
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${entrepreneurs[0]}` } })
    expect(me.json().isPlatformAdmin ?? false).toBe(false)
  })

  it('answers a body over the limit with 413 and a wrong content type with 415, as problem+json, on every JSON operation', { timeout: 300_000 }, async () => {
    const report = await probeBodyLimits(ctx, { token: world.tokens[1]!, knownIds: world.knownIds, bodyLimit: BODY_LIMIT_BYTES })
    console.log(`[fuzz:boundaries] ${report.probed} operations × (413, 415, 415); wrong status: ${report.wrongStatus.length}; not problem+json: ${report.nonProblem.length}`)
    expect(report.probed).toBeGreaterThan(20)
    expect(report.wrongStatus).toEqual([])
    expect(report.nonProblem).toEqual([])
  })
})
