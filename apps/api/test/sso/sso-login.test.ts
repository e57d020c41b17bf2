import { eq } from 'drizzle-orm'
import type { Response } from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEvents } from '../../src/modules/audit/audit.table'
import { ssoConfigs, ssoIdentities } from '../../src/modules/sso/sso.table'
import { users } from '../../src/modules/users/users.table'
import { assertNoInternals, bearer, http, registerUser } from '../http'
import { createTestApp, type TestContext } from '../test-app'
import { browseToCallback, startTestProvider, type TestProvider } from './oidc-test-provider'

const PUBLIC_URL = 'http://localhost:3000'
const CALLBACK = `${PUBLIC_URL}/api/v1/sso/callback`

let ctx: TestContext
let provider: TestProvider
let platform: Awaited<ReturnType<typeof registerUser>>
let organisationId: string
let slug: string
let version: number

function cookieOf(res: Response, name: string): string | null {
  const list = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? []
  const found = list.find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))
  return found ? found.split(';')[0]! : null
}

const configBody = (overrides: Record<string, unknown> = {}) => ({
  issuerUrl: provider.issuer,
  clientId: provider.clientId,
  clientSecret: provider.clientSecret,
  scopes: ['openid', 'email', 'profile', 'groups'],
  roleClaim: 'groups',
  roleMapping: [
    { claimValue: 'opgave-beheer', role: 'admin' },
    { claimValue: 'opgave-opgaven', role: 'challenge_manager' },
    { claimValue: 'opgave-accounts', role: 'account_manager' },
  ],
  allowedDomains: ['testdam.nl'],
  enabled: true,
  ...overrides,
})

async function putConfig(overrides: Record<string, unknown> = {}) {
  const res = await http(ctx).put(`/api/v1/organisations/${organisationId}/sso`).set(bearer(platform.token)).send(configBody({ version, ...overrides }))
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  version = res.body.version
}

/** Starts the login at Opgave, logs in at the provider as `sub`, and returns the provider's redirect back. */
async function loginAtProvider(sub: string, redirect = '/opgaven') {
  provider.loginAs = sub
  const start = await http(ctx).get(`/api/v1/sso/${slug}/login`).query({ redirect })
  expect(start.status, JSON.stringify(start.body)).toBe(302)
  const stateCookie = cookieOf(start, 'opgave_sso_state')
  expect(stateCookie).not.toBeNull()
  const back = await browseToCallback(start.headers.location as string, CALLBACK)
  return { start, back, stateCookie: stateCookie! }
}

const callback = (back: URL, cookie: string | null) => {
  const req = http(ctx).get(`${back.pathname}${back.search}`)
  return cookie ? req.set('Cookie', cookie) : req
}

async function ssoLogin(sub: string) {
  const { back, stateCookie } = await loginAtProvider(sub)
  return callback(back, stateCookie)
}

/** The session the callback opened, used exactly as the web app does: refresh cookie → access token → /me. */
async function meAfter(res: Response) {
  const refresh = cookieOf(res, 'opgave_refresh')
  expect(refresh).not.toBeNull()
  const session = await http(ctx).post('/api/v1/auth/refresh').set('Cookie', refresh!)
  expect(session.status).toBe(200)
  const me = await http(ctx).get('/api/v1/me').set(bearer(session.body.accessToken))
  expect(me.status).toBe(200)
  return me.body as { id: string; email: string; name: string; memberships: { organisationId: string; role: string }[] }
}

const roleIn = (me: { memberships: { organisationId: string; role: string }[] }) => me.memberships.find((m) => m.organisationId === organisationId)?.role ?? null

beforeAll(async () => {
  ctx = await createTestApp({ publicUrl: PUBLIC_URL })
  provider = await startTestProvider({ redirectUri: CALLBACK })
  provider.accounts.set('anne', { sub: 'anne', email: 'Anne@Testdam.nl', name: 'Anne de Vries', groups: ['opgave-opgaven', 'medewerkers'] })
  provider.accounts.set('bob', { sub: 'bob', email: 'bob@testdam.nl', name: 'Bob Jansen', groups: ['opgave-accounts'] })
  provider.accounts.set('carla', { sub: 'carla', email: 'carla@testdam.nl', name: 'Carla', groups: ['medewerkers'] })
  provider.accounts.set('dirk', { sub: 'dirk', email: 'dirk@elders.nl', name: 'Dirk', groups: ['opgave-beheer'] })
  provider.accounts.set('eva', { sub: 'eva', email: 'eva@testdam.nl', emailVerified: false, name: 'Eva', groups: ['opgave-beheer'] })

  platform = await registerUser(ctx, 'platform@opgave.test', 'Platformbeheer')
  await ctx.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, platform.user.id))
  const org = await http(ctx).post('/api/v1/organisations').set(bearer(platform.token)).send({ kind: 'municipality', name: 'Gemeente Testdam' })
  expect(org.status).toBe(201)
  organisationId = org.body.id
  slug = org.body.slug
  const created = await http(ctx).put(`/api/v1/organisations/${organisationId}/sso`).set(bearer(platform.token)).send(configBody())
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  version = created.body.version
}, 60_000)

afterAll(async () => {
  await provider?.close()
  await ctx?.close()
})

describe('single sign-on with a real OpenID Connect provider', () => {
  it('tells the login page which municipalities offer SSO', async () => {
    const list = await http(ctx).get('/api/v1/sso/providers')
    expect(list.status).toBe(200)
    expect(list.body.items).toEqual([{ slug, name: 'Gemeente Testdam' }])
    const one = await http(ctx).get(`/api/v1/sso/${slug}`)
    expect(one.body).toEqual({ slug, name: 'Gemeente Testdam' })
  })

  it('sends the browser to the provider with PKCE S256, state and nonce', async () => {
    const start = await http(ctx).get(`/api/v1/sso/${slug}/login`)
    const url = new URL(start.headers.location as string)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('nonce')).toBeTruthy()
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK)
    expect(url.searchParams.get('scope')).toBe('openid email profile groups')
    expect(start.headers['set-cookie']?.[0]).toMatch(/HttpOnly/i)
    expect(start.headers['set-cookie']?.[0]).toMatch(/SameSite=Lax/i)
  })

  it('creates the user, grants the mapped role and opens a working session', async () => {
    const res = await ssoLogin('anne')
    expect(res.status, res.text).toBe(302)
    expect(res.headers.location).toBe('/inloggen/sso?redirect=%2Fopgaven')
    const me = await meAfter(res)
    expect(me.email).toBe('anne@testdam.nl')
    expect(me.name).toBe('Anne de Vries')
    expect(roleIn(me)).toBe('challenge_manager')
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, 'anne@testdam.nl'))
    expect(user!.passwordHash).toBeNull()
    const [identity] = await ctx.database.db.select().from(ssoIdentities).where(eq(ssoIdentities.userId, user!.id))
    expect(identity).toMatchObject({ issuer: provider.issuer, subject: 'anne', organisationId })
  })

  it('links an existing password account by its email and changes or removes mapped roles on later logins', async () => {
    const bob = await registerUser(ctx, 'bob@testdam.nl', 'Bob')
    const first = await meAfter(await ssoLogin('bob'))
    expect(first.id).toBe(bob.user.id)
    expect(roleIn(first)).toBe('account_manager')

    provider.accounts.get('bob')!.groups = ['opgave-opgaven', 'opgave-beheer']
    expect(roleIn(await meAfter(await ssoLogin('bob')))).toBe('admin')

    // The identity is now linked by subject: a changed email at the provider still finds Bob.
    provider.accounts.get('bob')!.email = 'b.jansen@testdam.nl'
    provider.accounts.get('bob')!.groups = ['opgave-accounts']
    const changed = await meAfter(await ssoLogin('bob'))
    expect(changed.id).toBe(bob.user.id)
    expect(roleIn(changed)).toBe('account_manager')

    provider.accounts.get('bob')!.groups = ['medewerkers']
    const refused = await ssoLogin('bob')
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('sso.no_role')
    expect(cookieOf(refused, 'opgave_refresh')).toBeNull()
    const me = await http(ctx).get('/api/v1/me').set(bearer(bob.token))
    expect(roleIn(me.body)).toBeNull()
  })

  it('refuses an account none of whose groups is mapped, without creating it', async () => {
    const res = await ssoLogin('carla')
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('sso.no_role')
    assertNoInternals(res.body)
    expect(await ctx.database.db.select().from(users).where(eq(users.email, 'carla@testdam.nl'))).toHaveLength(0)
  })

  it('refuses emails outside the allowed domains and unverified emails', async () => {
    const elsewhere = await ssoLogin('dirk')
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.body.code).toBe('sso.email_not_allowed')
    const unverified = await ssoLogin('eva')
    expect(unverified.status).toBe(403)
    expect(unverified.body.code).toBe('sso.email_not_allowed')
  })

  it('answers a wrong or missing state with 400 and opens no session', async () => {
    const { back, stateCookie } = await loginAtProvider('anne')
    const tampered = new URL(back)
    tampered.searchParams.set('state', 'not-the-state-we-sent')
    const wrong = await callback(tampered, stateCookie)
    expect(wrong.status).toBe(400)
    expect(wrong.body.code).toBe('sso.state_invalid')
    expect(cookieOf(wrong, 'opgave_refresh')).toBeNull()
    const noCookie = await callback(back, null)
    expect(noCookie.status).toBe(400)
    expect(noCookie.body.code).toBe('sso.state_invalid')
  })

  it('expires a login that was started too long ago (server clock)', async () => {
    const { back, stateCookie } = await loginAtProvider('anne')
    const started = ctx.clock.now
    ctx.clock.now = new Date(started.getTime() + 11 * 60 * 1000)
    try {
      const res = await callback(back, stateCookie)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('sso.state_invalid')
    } finally {
      ctx.clock.now = started
    }
  })

  it('refuses an ID token whose signature does not match (tampered in transit)', async () => {
    provider.transformIdToken = (token) => {
      const [h, p, s] = token.split('.')
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>
      payload.email = 'attacker@testdam.nl'
      return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`
    }
    try {
      const res = await ssoLogin('anne')
      expect(res.status).toBe(401)
      expect(res.body.code).toBe('sso.token_invalid')
      expect(cookieOf(res, 'opgave_refresh')).toBeNull()
    } finally {
      provider.transformIdToken = null
    }
  })

  it('refuses a correctly signed ID token for another audience or with another nonce', async () => {
    for (const change of [{ aud: 'some-other-client' }, { nonce: 'a-different-nonce' }]) {
      provider.transformIdToken = (token) => {
        const [h, p] = token.split('.')
        const header = JSON.parse(Buffer.from(h!, 'base64url').toString('utf8')) as Record<string, unknown>
        const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>
        return provider.signWithProviderKey(header, { ...payload, ...change })
      }
      try {
        const res = await ssoLogin('anne')
        expect(res.status, JSON.stringify(change)).toBe(401)
        expect(res.body.code).toBe('sso.token_invalid')
      } finally {
        provider.transformIdToken = null
      }
    }
    // The same re-signing without a change is accepted: the refusals above are about the content.
    provider.transformIdToken = (token) => {
      const [h, p] = token.split('.')
      return provider.signWithProviderKey(JSON.parse(Buffer.from(h!, 'base64url').toString('utf8')), JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')))
    }
    try {
      expect((await ssoLogin('anne')).status).toBe(302)
    } finally {
      provider.transformIdToken = null
    }
  })

  it('reports refused consent as sso.access_denied', async () => {
    provider.denyConsent = true
    try {
      const res = await ssoLogin('anne')
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('sso.access_denied')
    } finally {
      provider.denyConsent = false
    }
  })

  it('sends a browser to the login page with the problem code, never a bare error', async () => {
    const { back } = await loginAtProvider('anne')
    const res = await callback(back, null).set('Accept', 'text/html,application/xhtml+xml')
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.text).toContain('url=/inloggen?ssoError=sso.state_invalid')
    expect(res.text).toContain('href="/inloggen?ssoError=sso.state_invalid"')
  })

  it('never lets the return path leave the web app', async () => {
    for (const redirect of ['//evil.example/x', '/\\evil.example', 'https://evil.example']) {
      const start = await http(ctx).get(`/api/v1/sso/${slug}/login`).query({ redirect })
      expect(start.status, redirect).toBe(400)
      expect(start.body.errors[0].field).toBe('querystring/redirect')
    }
  })

  it('answers 404 for a disabled configuration, also for a login already under way', async () => {
    const { back, stateCookie } = await loginAtProvider('anne')
    await putConfig({ enabled: false, clientSecret: undefined })
    try {
      const underway = await callback(back, stateCookie)
      expect(underway.status).toBe(404)
      expect(underway.body.code).toBe('sso.not_found')
      expect((await http(ctx).get(`/api/v1/sso/${slug}/login`)).status).toBe(404)
      expect((await http(ctx).get(`/api/v1/sso/${slug}`)).status).toBe(404)
      expect((await http(ctx).get('/api/v1/sso/providers')).body.items).toEqual([])
    } finally {
      await putConfig({ enabled: true, clientSecret: undefined })
    }
    expect((await ssoLogin('anne')).status).toBe(302)
  })

  it('records logins and links in the audit log without tokens or secrets', async () => {
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.organisationId, organisationId))
    const actions = new Set(events.map((e) => e.action))
    for (const action of ['sso.config_created', 'sso.config_updated', 'user.registered', 'sso.identity_linked', 'membership.created', 'membership.role_changed', 'membership.removed', 'user.logged_in']) {
      expect(actions, action).toContain(action)
    }
    expect(JSON.stringify(events)).not.toContain(provider.clientSecret)
    const [row] = await ctx.database.db.select().from(ssoConfigs).where(eq(ssoConfigs.organisationId, organisationId))
    expect(row!.clientSecretSealed).not.toContain(provider.clientSecret)
  })
})
