import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEvents } from '../../src/modules/audit/audit.table'
import { memberships } from '../../src/modules/organisations/organisations.table'
import { ssoConfigs } from '../../src/modules/sso/sso.table'
import { users } from '../../src/modules/users/users.table'
import { assertNoInternals, bearer, http, registerUser } from '../http'
import { createTestApp, type TestContext } from '../test-app'

let ctx: TestContext
let platform: Awaited<ReturnType<typeof registerUser>>
let admin: Awaited<ReturnType<typeof registerUser>>
let manager: Awaited<ReturnType<typeof registerUser>>
let stranger: Awaited<ReturnType<typeof registerUser>>
let municipalityId: string
let enterpriseId: string

const SECRET = 'very-secret-client-secret-value'
const body = (overrides: Record<string, unknown> = {}) => ({
  issuerUrl: 'https://login.testdam.nl/realms/gemeente',
  clientId: 'opgave',
  clientSecret: SECRET,
  scopes: ['openid', 'email', 'groups'],
  roleClaim: 'groups',
  roleMapping: [{ claimValue: 'opgave-beheer', role: 'admin' }],
  allowedDomains: ['testdam.nl'],
  enabled: true,
  ...overrides,
})
const path = (id: string) => `/api/v1/organisations/${id}/sso`

beforeAll(async () => {
  ctx = await createTestApp({ publicUrl: 'https://opgave.example.nl' })
  platform = await registerUser(ctx, 'platform@opgave.test')
  await ctx.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, platform.user.id))
  admin = await registerUser(ctx, 'admin@testdam.nl')
  manager = await registerUser(ctx, 'manager@testdam.nl')
  stranger = await registerUser(ctx, 'stranger@elders.nl')
  const org = await http(ctx).post('/api/v1/organisations').set(bearer(platform.token)).send({ kind: 'municipality', name: 'Gemeente Testdam' })
  municipalityId = org.body.id
  await ctx.database.db.insert(memberships).values([
    { organisationId: municipalityId, userId: admin.user.id, role: 'admin' },
    { organisationId: municipalityId, userId: manager.user.id, role: 'challenge_manager' },
  ])
  const ent = await http(ctx).post('/api/v1/organisations').set(bearer(stranger.token)).send({ kind: 'enterprise', name: 'Bedrijf BV' })
  enterpriseId = ent.body.id
})

afterAll(async () => ctx?.close())

describe('SSO configuration', () => {
  it('is managed by the municipality admin; the secret is sealed and never returned', async () => {
    expect((await http(ctx).get(path(municipalityId)).set(bearer(admin.token))).status).toBe(404)
    const created = await http(ctx).put(path(municipalityId)).set(bearer(admin.token)).send(body())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ clientSecretSet: true, version: 1, redirectUri: 'https://opgave.example.nl/api/v1/sso/callback', scopes: ['openid', 'email', 'groups'] })
    expect(JSON.stringify(created.body)).not.toContain(SECRET)
    const read = await http(ctx).get(path(municipalityId)).set(bearer(admin.token))
    expect(read.status).toBe(200)
    expect(JSON.stringify(read.body)).not.toContain(SECRET)
    const [row] = await ctx.database.db.select().from(ssoConfigs).where(eq(ssoConfigs.organisationId, municipalityId))
    expect(row!.clientSecretSealed).toMatch(/^v1\./)
    expect(row!.clientSecretSealed).not.toContain(SECRET)
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, municipalityId))
    expect(events.some((e) => e.action === 'sso.config_created')).toBe(true)
    expect(JSON.stringify(events)).not.toContain(SECRET)
  })

  it('keeps the stored secret when none is sent, and checks the version', async () => {
    const { clientSecret: _omit, ...withoutSecret } = body({ clientId: 'opgave-2', version: 1 })
    const updated = await http(ctx).put(path(municipalityId)).set(bearer(admin.token)).send(withoutSecret)
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ clientId: 'opgave-2', clientSecretSet: true, version: 2 })
    const stale = await http(ctx).put(path(municipalityId)).set(bearer(platform.token)).send(body({ version: 1 }))
    expect(stale.status).toBe(409)
    expect(stale.body.current.version).toBe(2)
    expect(JSON.stringify(stale.body)).not.toContain(SECRET)
    const missing = await http(ctx).put(path(municipalityId)).set(bearer(admin.token)).send(body())
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].field).toBe('/version')
  })

  it('refuses others object by object: 403 for staff without the right, 404 for strangers and enterprises', async () => {
    expect((await http(ctx).get(path(municipalityId)).set(bearer(manager.token))).status).toBe(403)
    expect((await http(ctx).put(path(municipalityId)).set(bearer(manager.token)).send(body({ version: 2 }))).status).toBe(403)
    expect((await http(ctx).get(path(municipalityId)).set(bearer(stranger.token))).status).toBe(404)
    expect((await http(ctx).delete(path(municipalityId)).set(bearer(stranger.token))).status).toBe(404)
    expect((await http(ctx).get(path(enterpriseId)).set(bearer(stranger.token))).status).toBe(404)
    expect((await http(ctx).put(path(enterpriseId)).set(bearer(stranger.token)).send(body())).status).toBe(404)
    expect((await http(ctx).get(path(municipalityId))).status).toBe(401)
  })

  it('names the field for bad input', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ issuerUrl: 'http://login.testdam.nl' }, '/issuerUrl'],
      [{ issuerUrl: 'https://login.testdam.nl/?x=1' }, '/issuerUrl'],
      [{ allowedDomains: [] }, '/allowedDomains'],
      [{ allowedDomains: ['Not A Domain'] }, '/allowedDomains/0'],
      [{ roleMapping: [{ claimValue: 'x', role: 'owner' }] }, '/roleMapping/0/role'],
      [{ roleMapping: [] }, '/roleMapping'],
    ]
    for (const [change, field] of cases) {
      const res = await http(ctx).put(path(municipalityId)).set(bearer(admin.token)).send(body({ version: 2, ...change }))
      expect(res.status, JSON.stringify(change)).toBe(400)
      expect(res.body.errors.map((e: { field: string }) => e.field), JSON.stringify(change)).toContain(field)
      assertNoInternals(res.body)
    }
  })

  it('lists only enabled configurations publicly, and removes a configuration', async () => {
    expect((await http(ctx).get('/api/v1/sso/providers')).body.items).toEqual([{ slug: 'gemeente-testdam', name: 'Gemeente Testdam' }])
    expect((await http(ctx).get('/api/v1/sso/gemeente-testdam')).status).toBe(200)
    expect((await http(ctx).get('/api/v1/sso/no-such-town')).status).toBe(404)
    expect((await http(ctx).delete(path(municipalityId)).set(bearer(admin.token))).status).toBe(204)
    expect((await http(ctx).get('/api/v1/sso/gemeente-testdam')).status).toBe(404)
    expect((await http(ctx).delete(path(municipalityId)).set(bearer(admin.token))).status).toBe(404)
  })
})
