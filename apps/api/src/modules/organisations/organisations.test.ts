import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { emailOutbox } from '../outbox/outbox.table'
import { auditEvents } from '../audit/audit.table'
import { users } from '../users/users.table'

async function latestInviteToken(ctx: TestContext, to: string): Promise<string> {
  const [mail] = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(desc(emailOutbox.createdAt)).limit(1)
  const match = /\/uitnodigingen\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')
  if (!match) throw new Error(`no invitation mail for ${to}`)
  return match[1]!
}

describe('organisations, members and invitations', () => {
  let ctx: TestContext
  let alice: Awaited<ReturnType<typeof registerUser>>
  let bob: Awaited<ReturnType<typeof registerUser>>
  let enterpriseA: string
  let enterpriseB: string

  beforeAll(async () => {
    ctx = await createTestApp()
    alice = await registerUser(ctx, 'alice@a.nl', 'Alice')
    bob = await registerUser(ctx, 'bob@b.nl', 'Bob')
    const a = await http(ctx).post('/api/v1/organisations').set(bearer(alice.token)).send({ kind: 'enterprise', name: 'Onderneming A', kvkNumber: '11112222' })
    const b = await http(ctx).post('/api/v1/organisations').set(bearer(bob.token)).send({ kind: 'enterprise', name: 'Onderneming B' })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ kind: 'enterprise', name: 'Onderneming A', slug: 'onderneming-a', kvkNumber: '11112222', myRole: 'owner' })
    enterpriseA = a.body.id
    enterpriseB = b.body.id
  })
  afterAll(() => ctx.close())

  it('lists only my organisations and records the creation in the audit log', async () => {
    const res = await http(ctx).get('/api/v1/organisations').set(bearer(alice.token))
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([enterpriseA])
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, enterpriseA))
    expect(events.map((e) => e.action)).toContain('organisation.created')
  })

  it('validates the KvK number as 8 digits, naming the field', async () => {
    const res = await http(ctx).post('/api/v1/organisations').set(bearer(alice.token)).send({ kind: 'enterprise', name: 'Fout BV', kvkNumber: '1234' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].field).toBe('/kvkNumber')
  })

  it('lets only platform admins create a municipality', async () => {
    const res = await http(ctx).post('/api/v1/organisations').set(bearer(alice.token)).send({ kind: 'municipality', name: 'Gemeente Nergens' })
    expect(res.status).toBe(403)
  })

  it('hides enterprise B from a member of enterprise A (404 for read, change and members)', async () => {
    for (const res of [
      await http(ctx).get(`/api/v1/organisations/${enterpriseB}`).set(bearer(alice.token)),
      await http(ctx).patch(`/api/v1/organisations/${enterpriseB}`).set(bearer(alice.token)).send({ name: 'Overgenomen' }),
      await http(ctx).get(`/api/v1/organisations/${enterpriseB}/members`).set(bearer(alice.token)),
      await http(ctx).post(`/api/v1/organisations/${enterpriseB}/invitations`).set(bearer(alice.token)).send({ email: 'x@a.nl', role: 'owner' }),
      await http(ctx).get(`/api/v1/organisations/00000000-0000-4000-8000-000000000000`).set(bearer(alice.token)),
    ]) {
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('organisations.not_found')
    }
    const unchanged = await http(ctx).get(`/api/v1/organisations/${enterpriseB}`).set(bearer(bob.token))
    expect(unchanged.body.name).toBe('Onderneming B')
  })

  it('requires a login for every organisation route', async () => {
    expect((await http(ctx).get('/api/v1/organisations')).status).toBe(401)
    expect((await http(ctx).get(`/api/v1/organisations/${enterpriseA}`)).status).toBe(401)
  })

  it('invites by email with a single-use link that joins the organisation', async () => {
    const invite = await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token)).send({ email: 'Carol@A.nl', role: 'member' })
    expect(invite.status).toBe(201)
    expect(invite.body).toMatchObject({ email: 'carol@a.nl', role: 'member' })
    const token = await latestInviteToken(ctx, 'carol@a.nl')

    const preview = await http(ctx).get(`/api/v1/invitations/${token}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ organisationName: 'Onderneming A', role: 'member', email: 'carol@a.nl' })

    const carol = await registerUser(ctx, 'carol@a.nl', 'Carol')
    const accepted = await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(carol.token))
    expect(accepted.status).toBe(200)
    expect(accepted.body.memberships).toEqual([expect.objectContaining({ organisationId: enterpriseA, role: 'member' })])

    // Single use: the link is spent.
    expect((await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(bob.token))).status).toBe(410)
    expect((await http(ctx).get(`/api/v1/invitations/${token}`)).status).toBe(410)

    // A member reads but cannot manage.
    const members = await http(ctx).get(`/api/v1/organisations/${enterpriseA}/members`).set(bearer(carol.token))
    expect(members.body.items.map((m: { email: string }) => m.email).sort()).toEqual(['alice@a.nl', 'carol@a.nl'])
    const escalate = await http(ctx).patch(`/api/v1/organisations/${enterpriseA}/members/${carol.user.id}`).set(bearer(carol.token)).send({ role: 'owner' })
    expect(escalate.status).toBe(403)
    const inviteByMember = await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(carol.token)).send({ email: 'd@a.nl', role: 'owner' })
    expect(inviteByMember.status).toBe(403)
  })

  it('lets only the invited address accept: a forwarded link gets 403 and stays usable', async () => {
    await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token)).send({ email: 'dana@a.nl', role: 'member' })
    const token = await latestInviteToken(ctx, 'dana@a.nl')

    const forwarded = await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(bob.token))
    expect(forwarded.status).toBe(403)
    expect(forwarded.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(forwarded.body).toMatchObject({ status: 403, code: 'invitations.wrong_account' })
    expect(forwarded.body.detail).toMatch(/sent to another email address.*Log in with the address/)
    // Nothing changed: bob is no member, nothing audited, and the link still previews.
    expect((await http(ctx).get(`/api/v1/organisations/${enterpriseA}`).set(bearer(bob.token))).status).toBe(404)
    const bobMe = await http(ctx).get('/api/v1/me').set(bearer(bob.token))
    expect(bobMe.body.memberships.map((m: { organisationId: string }) => m.organisationId)).not.toContain(enterpriseA)
    const accepted = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'invitation.accepted'))
    expect(accepted.map((e) => e.actorId)).not.toContain(bob.user.id)
    expect((await http(ctx).get(`/api/v1/invitations/${token}`)).status).toBe(200)

    // The invited address still accepts afterwards, even when its account spells it in other case.
    const dana = await registerUser(ctx, 'Dana@A.NL', 'Dana')
    const ok = await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(dana.token))
    expect(ok.status).toBe(200)
    expect(ok.body.memberships).toEqual([expect.objectContaining({ organisationId: enterpriseA, role: 'member' })])
    // Spent: 410 for everyone now, the wrong account included (410 before 403).
    expect((await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(bob.token))).status).toBe(410)
    // An unknown token stays 404, whoever asks.
    expect((await http(ctx).post(`/api/v1/invitations/${'y'.repeat(43)}/accept`).set(bearer(bob.token))).status).toBe(404)
  })

  it('accepts an invitation whose stored address differs from the account only in case', async () => {
    await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token)).send({ email: 'erik@a.nl', role: 'member' })
    const token = await latestInviteToken(ctx, 'erik@a.nl')
    const erik = await registerUser(ctx, 'erik@a.nl', 'Erik')
    // Older rows or other writers may not have lowercased: the comparison ignores case on both sides.
    await ctx.database.db.update(users).set({ email: 'Erik@A.nl' }).where(eq(users.id, erik.user.id))
    const res = await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(erik.token))
    expect(res.status).toBe(200)
  })

  it('refuses expired invitations and unknown tokens', async () => {
    await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token)).send({ email: 'late@a.nl', role: 'member' })
    const token = await latestInviteToken(ctx, 'late@a.nl')
    const late = await registerUser(ctx, 'late@a.nl', 'Laat')
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 8 * 24 * 3600 * 1000)
    try {
      expect((await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(late.token))).status).toBe(410)
    } finally {
      ctx.clock.now = new Date()
    }
    expect((await http(ctx).get(`/api/v1/invitations/${'x'.repeat(43)}`)).status).toBe(404)
  })

  it('refuses roles of the wrong organisation kind and keeps at least one owner', async () => {
    const wrongKind = await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token)).send({ email: 'e@a.nl', role: 'challenge_manager' })
    expect(wrongKind.status).toBe(400)
    expect(wrongKind.body.errors[0].field).toBe('/role')
    const demoteSelf = await http(ctx).patch(`/api/v1/organisations/${enterpriseA}/members/${alice.user.id}`).set(bearer(alice.token)).send({ role: 'member' })
    expect(demoteSelf.status).toBe(409)
    expect(demoteSelf.body.code).toBe('organisations.last_manager')
    const removeSelf = await http(ctx).delete(`/api/v1/organisations/${enterpriseA}/members/${alice.user.id}`).set(bearer(alice.token))
    expect(removeSelf.status).toBe(409)
  })

  it('lets the owner revoke an invitation, after which the link no longer works', async () => {
    const invite = await http(ctx).post(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token)).send({ email: 'f@a.nl', role: 'member' })
    const token = await latestInviteToken(ctx, 'f@a.nl')
    const list = await http(ctx).get(`/api/v1/organisations/${enterpriseA}/invitations`).set(bearer(alice.token))
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(invite.body.id)
    expect((await http(ctx).delete(`/api/v1/organisations/${enterpriseA}/invitations/${invite.body.id}`).set(bearer(alice.token))).status).toBe(204)
    expect((await http(ctx).get(`/api/v1/invitations/${token}`)).status).toBe(410)
  })

  it('shows the outbox only to platform admins', async () => {
    expect((await http(ctx).get('/api/v1/admin/outbox').set(bearer(alice.token))).status).toBe(403)
    await ctx.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, bob.user.id))
    // A change made straight in SQL reaches the app's session cache through the database's notification,
    // milliseconds later on PostgreSQL (see modules/auth/session-cache.ts).
    const res = await vi.waitFor(
      async () => {
        const r = await http(ctx).get('/api/v1/admin/outbox').set(bearer(bob.token))
        expect(r.status).toBe(200)
        return r
      },
      { timeout: 2000, interval: 20 },
    )
    expect(res.body.items.some((m: { to: string }) => m.to === 'carol@a.nl')).toBe(true)
  })
})
