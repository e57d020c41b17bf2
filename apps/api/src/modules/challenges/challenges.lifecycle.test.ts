import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { emailOutbox } from '../outbox/outbox.table'
import { completeChallenge, createDraft, createMunicipality, createPublished, hours, transition, type TestUser } from './challenges.fixtures'
import { users } from '../users/users.table'
import { closeDueChallenges } from './challenges.closer'
import { challenges } from './challenges.table'
import { juryDecisions } from '../jury/jury.table'

describe('challenge lifecycle on the server clock', () => {
  let ctx: TestContext
  let gemeente: Awaited<ReturnType<typeof createMunicipality>>
  let other: Awaited<ReturnType<typeof createMunicipality>>
  let follower: TestUser
  const start = new Date('2026-03-02T09:00:00.000Z')

  beforeAll(async () => {
    ctx = await createTestApp()
    gemeente = await createMunicipality(ctx, 'arnhem')
    other = await createMunicipality(ctx, 'ede')
    follower = await registerUser(ctx, 'volger@mail.nl', 'Volger')
  })
  beforeEach(() => {
    ctx.clock.now = new Date(start)
  })
  afterAll(() => ctx.close())

  const get = (id: string, token?: string) => (token ? http(ctx).get(`/api/v1/challenges/${id}`).set(bearer(token)) : http(ctx).get(`/api/v1/challenges/${id}`))

  it('refuses to publish an incomplete draft, listing every missing field', async () => {
    const draft = await createDraft(ctx, gemeente.id, gemeente.manager.token, { title: 'Half af' })
    const res = await transition(ctx, draft.id, gemeente.manager.token, 'publish', draft.version)
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('challenges.incomplete')
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      '/summary',
      '/problemStatement',
      '/desiredOutcome',
      '/sdgGoals',
      '/budgetLines',
      '/contactEmail',
      '/questionsDeadline',
      '/submissionDeadline',
      '/decisionAt',
    ])
    expect((await get(draft.id, gemeente.manager.token)).body.status).toBe('draft')
  })

  it('refuses to publish when a deadline is no longer ahead on the server clock', async () => {
    const draft = await createDraft(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Te laat' }))
    ctx.clock.now = new Date(start.getTime() + hours(24 * 30))
    const res = await transition(ctx, draft.id, gemeente.manager.token, 'publish', draft.version)
    expect(res.status).toBe(422)
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['challenge.questions_deadline_passed', 'challenge.submission_deadline_passed'])
  })

  it('runs the whole life: publish → (deadline) closed → evaluation → decided → results → archived, each audited and versioned', async () => {
    const draft = await createDraft(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Volledige levensloop' }))
    const published = await transition(ctx, draft.id, gemeente.manager.token, 'publish', 1)
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ status: 'published', version: 2, publishedAt: start.toISOString(), publishAt: start.toISOString(), allowedTransitions: [] })
    expect((await http(ctx).put(`/api/v1/challenges/${draft.id}/follow`).set(bearer(follower.token))).status).toBe(204)

    // Open: nothing but the clock moves it on.
    for (const step of ['publish', 'start-evaluation', 'decide', 'publish-results', 'archive']) {
      const refused = await transition(ctx, draft.id, gemeente.admin.token, step, 2)
      expect(refused.status, step).toBe(409)
      expect(refused.body.code).toBe('challenges.invalid_transition')
    }

    ctx.clock.now = new Date(published.body.submissionDeadline)
    const closed = await get(draft.id)
    expect(closed.body).toMatchObject({ status: 'closed', version: 2 })
    expect((await get(draft.id, gemeente.admin.token)).body.allowedTransitions).toEqual(['startEvaluation'])

    const steps: [string, string, string[]][] = [
      ['start-evaluation', 'in_evaluation', ['decide']],
      ['decide', 'decided', ['publishResults']],
      ['publish-results', 'results_published', ['archive']],
      ['archive', 'archived', []],
    ]
    let version = 2
    for (const [step, status, next] of steps) {
      for (const wrong of ['publish', 'start-evaluation', 'decide', 'publish-results', 'archive'].filter((s) => s !== step)) {
        const refused = await transition(ctx, draft.id, gemeente.manager.token, wrong, version)
        expect(refused.status, `${wrong} before ${step}`).toBe(409)
      }
      if (step === 'publish-results') {
        // The public results page shows the jury's winners and motivation: none recorded, no publication.
        const early = await transition(ctx, draft.id, gemeente.manager.token, step, version)
        expect(early.status).toBe(409)
        expect(early.body).toMatchObject({ code: 'challenges.decision_missing' })
        expect((await get(draft.id, gemeente.manager.token)).body).toMatchObject({ status: 'decided', version })
        await ctx.database.db.insert(juryDecisions).values({ challengeId: draft.id, winnerProposalIds: [], motivation: 'Geen voorstel voldeed aan de drempels.' })
      }
      const res = await transition(ctx, draft.id, gemeente.manager.token, step, version)
      expect(res.status, step).toBe(200)
      version += 1
      expect(res.body).toMatchObject({ status, version, allowedTransitions: next })
    }

    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, draft.id), eq(auditEvents.entityType, 'challenge')))
    const transitions = audit.filter((a) => a.action !== 'challenge.created' && a.action !== 'challenge.followed')
    expect(transitions.map((a) => a.action)).toEqual(['challenge.publish', 'challenge.startEvaluation', 'challenge.decide', 'challenge.publishResults', 'challenge.archive'])
    expect(transitions[1]!.before).toMatchObject({ status: 'published', effectiveStatus: 'closed', version: 2 })
    expect(transitions[1]!.after).toMatchObject({ status: 'in_evaluation', version: 3 })

    // The follower heard of every step after they started following.
    const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'volger@mail.nl'))
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        'Uitdaging wordt nu beoordeeld door de jury: Volledige levensloop',
        'Uitdaging heeft een besluit van de jury: Volledige levensloop',
        'Uitdaging heeft de uitslag gepubliceerd: Volledige levensloop',
        'Uitdaging is gearchiveerd: Volledige levensloop',
      ].sort(),
    )

    // Archived but once published: still public, no longer editable.
    expect((await get(draft.id)).status).toBe(200)
    expect((await http(ctx).patch(`/api/v1/challenges/${draft.id}`).set(bearer(gemeente.manager.token)).send({ version, summary: 'x' })).status).toBe(409)
  })

  it('treats the submission deadline as exclusive: 1 ms before it is open, at and after it closed for every request', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Op de milliseconde' }))
    const deadline = new Date(published.submissionDeadline).getTime()

    ctx.clock.now = new Date(deadline - 1)
    expect((await get(published.id)).body.status).toBe('published')
    expect((await transition(ctx, published.id, gemeente.manager.token, 'start-evaluation', published.version)).status).toBe(409)
    const edit = await http(ctx).patch(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token)).send({ version: published.version, summary: 'Nog net' })
    expect(edit.status).toBe(200)

    for (const at of [deadline, deadline + 1]) {
      ctx.clock.now = new Date(at)
      expect((await get(published.id)).body.status).toBe('closed')
      const late = await http(ctx).patch(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token)).send({ version: edit.body.version, summary: 'Te laat' })
      expect(late.status).toBe(409)
      expect(late.body.code).toBe('challenges.not_editable')
    }
    // Stored status is still 'published' (no job ran), yet evaluation may start now.
    const [stored] = await ctx.database.db.select({ status: challenges.status }).from(challenges).where(eq(challenges.id, published.id))
    expect(stored!.status).toBe('published')
    expect((await transition(ctx, published.id, gemeente.manager.token, 'start-evaluation', edit.body.version)).body.status).toBe('in_evaluation')
  })

  it('lets a draft be discarded by archiving; it stays invisible to the public', async () => {
    const draft = await createDraft(ctx, gemeente.id, gemeente.admin.token, { title: 'Weggooien' })
    const res = await transition(ctx, draft.id, gemeente.admin.token, 'archive', 1)
    expect(res.body.status).toBe('archived')
    expect((await get(draft.id)).status).toBe(404)
    expect((await transition(ctx, draft.id, gemeente.admin.token, 'publish', 2)).status).toBe(409)
  })

  it('lets only the municipality’s admins and challenge managers take steps', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Alleen eigen staf' }))
    ctx.clock.now = new Date(start.getTime() + hours(24 * 31))
    for (const token of [follower.token, other.admin.token, gemeente.accountManager.token]) {
      const res = await transition(ctx, published.id, token, 'start-evaluation', published.version)
      expect(res.status).toBe(403)
    }
    expect((await http(ctx).post(`/api/v1/challenges/${published.id}/start-evaluation`).send({ version: published.version })).status).toBe(401)
    expect((await get(published.id)).body.status).toBe('closed')
  })

  it('follows and unfollows published challenges only; drafts stay hidden', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Volgen' }))
    const url = `/api/v1/challenges/${published.id}/follow`
    expect((await http(ctx).put(url)).status).toBe(401)
    expect((await http(ctx).put(url).set(bearer(follower.token))).status).toBe(204)
    expect((await http(ctx).put(url).set(bearer(follower.token))).status).toBe(204)
    expect((await get(published.id, follower.token)).body).toMatchObject({ following: true, followerCount: 1 })
    expect((await get(published.id)).body).toMatchObject({ following: false, followerCount: 1 })
    expect((await http(ctx).delete(url).set(bearer(follower.token))).status).toBe(204)
    expect((await get(published.id, follower.token)).body).toMatchObject({ following: false, followerCount: 0 })

    const draft = await createDraft(ctx, gemeente.id, gemeente.manager.token, { title: 'Concept' })
    expect((await http(ctx).put(`/api/v1/challenges/${draft.id}/follow`).set(bearer(follower.token))).status).toBe(404)
    expect((await http(ctx).put(`/api/v1/challenges/${draft.id}/follow`).set(bearer(gemeente.manager.token))).status).toBe(409)
  })

  it('emails each active follower once per change through the outbox, skipping disabled accounts', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Twee volgers' }))
    const active = await registerUser(ctx, 'actief@mail.nl', 'Actief')
    const gone = await registerUser(ctx, 'weg@mail.nl', 'Weg')
    for (const u of [active, gone]) expect((await http(ctx).put(`/api/v1/challenges/${published.id}/follow`).set(bearer(u.token))).status).toBe(204)
    await ctx.database.db.update(users).set({ disabledAt: start }).where(eq(users.id, gone.user.id))
    const res = await http(ctx).patch(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token)).send({ version: published.version, summary: 'Bijgewerkt' })
    expect(res.status).toBe(200)
    const toActive = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'actief@mail.nl'))
    expect(toActive.map((m) => m.subject)).toEqual(['Uitdaging gewijzigd: Twee volgers'])
    expect(await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'weg@mail.nl'))).toEqual([])
  })

  it('persists closing at the deadline in a background step, once, audited and announced to followers', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(start, { title: 'Sluit vanzelf' }))
    const watcher = await registerUser(ctx, 'sluiting@mail.nl', 'Kijker')
    await http(ctx).put(`/api/v1/challenges/${published.id}/follow`).set(bearer(watcher.token))
    const deps = { db: ctx.database.db, now: () => ctx.clock.now, publicUrl: 'http://localhost:3000' }

    ctx.clock.now = new Date(new Date(published.submissionDeadline).getTime() - 1)
    expect(await closeDueChallenges(deps)).not.toContain(published.id)
    ctx.clock.now = new Date(published.submissionDeadline)
    expect(await closeDueChallenges(deps)).toContain(published.id)
    expect(await closeDueChallenges(deps)).not.toContain(published.id)

    const [stored] = await ctx.database.db.select().from(challenges).where(eq(challenges.id, published.id))
    expect(stored).toMatchObject({ status: 'closed', version: published.version + 1 })
    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, published.id), eq(auditEvents.action, 'challenge.close')))
    expect(audit).toHaveLength(1)
    const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'sluiting@mail.nl'))
    expect(mails.map((m) => m.subject)).toEqual(['Inzendtermijn gesloten: Sluit vanzelf'])
    expect((await get(published.id)).body.allowedTransitions).toEqual([])
    expect((await get(published.id, gemeente.manager.token)).body).toMatchObject({ status: 'closed', allowedTransitions: ['startEvaluation'] })
  })
})
