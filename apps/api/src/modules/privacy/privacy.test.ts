import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser, STRONG_PASSWORD } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { users } from '../users/users.table'
import { challenges } from '../challenges/challenges.table'
import { juryMembers } from '../jury/jury.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { ssoIdentities } from '../sso/sso.table'

describe('AVG: data export and account deletion', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('exports everything that refers to the user, without credentials', async () => {
    const sam = await registerUser(ctx, 'sam@example.nl', 'Sam Jansen')
    const org = await http(ctx).post('/api/v1/organisations').set(bearer(sam.token)).send({ kind: 'enterprise', name: 'Sam Sociaal' })
    const res = await http(ctx).get('/api/v1/me/data-export').set(bearer(sam.token))
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toContain('attachment')
    expect(res.body.user).toMatchObject({ email: 'sam@example.nl', name: 'Sam Jansen' })
    expect(res.body.records['memberships.user_id']).toEqual([expect.objectContaining({ organisation_id: org.body.id, role: 'owner' })])
    expect(res.body.records['auth_sessions.user_id'].length).toBeGreaterThan(0)
    expect(res.body.actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['user.registered', 'organisation.created']))
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|token_hash|password_hash/)
  })

  it('refuses deletion with a wrong password, and while the user is the last manager of an organisation', async () => {
    const kim = await registerUser(ctx, 'kim@example.nl', 'Kim de Boer')
    const wrong = await http(ctx).delete('/api/v1/me').set(bearer(kim.token)).send({ password: 'not-my-password' })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].field).toBe('/password')
    await http(ctx).post('/api/v1/organisations').set(bearer(kim.token)).send({ kind: 'enterprise', name: 'Kim BV' })
    const last = await http(ctx).delete('/api/v1/me').set(bearer(kim.token)).send({ password: STRONG_PASSWORD })
    expect(last.status).toBe(409)
    expect(last.body.detail).toContain('Kim BV')
    expect((await http(ctx).get('/api/v1/me').set(bearer(kim.token))).status).toBe(200)
  })

  it('anonymises the account: sessions end, no personal data remains, the audit trail keeps its ids', async () => {
    const owner = await registerUser(ctx, 'owner@example.nl', 'Olga Owner')
    const lou = await registerUser(ctx, 'lou@example.nl', 'Lou Lid')
    const org = await http(ctx).post('/api/v1/organisations').set(bearer(owner.token)).send({ kind: 'enterprise', name: 'Samen BV' })
    await http(ctx).post(`/api/v1/organisations/${org.body.id}/invitations`).set(bearer(owner.token)).send({ email: 'lou@example.nl', role: 'member' })
    await http(ctx).patch('/api/v1/me').set(bearer(lou.token)).send({ name: 'Lou Lid-Smit' })

    // Lou also sits on a jury.
    const [municipality] = await ctx.database.db.insert(organisations).values({ kind: 'municipality', name: 'Gemeente Privé', slug: 'prive' }).returning()
    const [challenge] = await ctx.database.db.insert(challenges).values({ municipalityId: municipality!.id, slug: 'jury-test', title: 'Jurytest' }).returning()
    await ctx.database.db.insert(juryMembers).values({ challengeId: challenge!.id, email: 'lou@example.nl', userId: lou.user.id, invitationExpiresAt: new Date(), acceptedAt: new Date() })

    const res = await http(ctx).delete('/api/v1/me').set(bearer(lou.token)).set('Cookie', lou.cookie).send({ password: STRONG_PASSWORD })
    expect(res.status).toBe(204)
    expect((await http(ctx).get('/api/v1/me').set(bearer(lou.token))).status).toBe(401)
    expect((await http(ctx).post('/api/v1/auth/refresh').set('Cookie', lou.cookie)).status).toBe(401)
    const login = await http(ctx).post('/api/v1/auth/login').send({ email: 'lou@example.nl', password: STRONG_PASSWORD })
    expect(login.status).toBe(401)

    const [row] = await ctx.database.db.select().from(users).where(eq(users.id, lou.user.id))
    expect(row).toMatchObject({ name: 'Verwijderd account', passwordHash: null })
    expect(row!.email).not.toContain('lou')
    const [seat] = await ctx.database.db.select().from(juryMembers).where(eq(juryMembers.userId, lou.user.id))
    expect(seat!.email).not.toContain('lou@')
    const trail = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.actorId, lou.user.id))
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['user.registered', 'user.updated', 'user.anonymised']))
    expect(JSON.stringify(trail)).not.toMatch(/lou@example|Lou Lid/)

    // The address is free again for a new account.
    expect((await http(ctx).post('/api/v1/auth/register').send({ email: 'lou@example.nl', password: STRONG_PASSWORD, name: 'Lou' })).status).toBe(201)
  })

  it('lets an account without a password (single sign-on) confirm with its email, and removes the SSO link', async () => {
    const ria = await registerUser(ctx, 'ria@gemeente.nl', 'Ria Smit')
    const org = await http(ctx).post('/api/v1/organisations').set(bearer(ria.token)).send({ kind: 'enterprise', name: 'Ria Advies' })
    const other = await registerUser(ctx, 'co@gemeente.nl', 'Co Smit')
    await ctx.database.db.update(users).set({ passwordHash: null }).where(eq(users.id, ria.user.id))
    await ctx.database.db.insert(ssoIdentities).values({ issuer: 'https://idp.gemeente.nl', subject: 'ria-1', userId: ria.user.id, organisationId: org.body.id })
    // Another manager, so that Ria is not the last one.
    await ctx.database.db.insert(memberships).values({ organisationId: org.body.id, userId: other.user.id, role: 'owner' })

    expect((await http(ctx).get('/api/v1/me').set(bearer(ria.token))).body.hasPassword).toBe(false)
    const noConfirmation = await http(ctx).delete('/api/v1/me').set(bearer(ria.token)).send({ password: 'anything' })
    expect(noConfirmation.status).toBe(400)
    expect(noConfirmation.body.errors[0]).toMatchObject({ field: '/confirmEmail', code: 'privacy.wrong_confirmation' })
    expect((await http(ctx).delete('/api/v1/me').set(bearer(ria.token)).send({ confirmEmail: 'iemand@gemeente.nl' })).status).toBe(400)
    expect(await ctx.database.db.select().from(ssoIdentities).where(eq(ssoIdentities.userId, ria.user.id))).toHaveLength(1)

    expect((await http(ctx).delete('/api/v1/me').set(bearer(ria.token)).send({ confirmEmail: ' RIA@gemeente.nl ' })).status).toBe(204)
    expect(await ctx.database.db.select().from(ssoIdentities).where(eq(ssoIdentities.userId, ria.user.id))).toEqual([])
    const [stored] = await ctx.database.db.select({ email: users.email }).from(users).where(eq(users.id, ria.user.id))
    expect(stored!.email).not.toContain('ria')
  })
})
