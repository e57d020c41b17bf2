import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeRoundResults, type Criterion, type Scorecard } from '@opgave/domain'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from './jury.fixtures'

/**
 * A complete evaluation through the API: 6 proposals, 4 jurors (one with a declared and one with an
 * automatic conflict), k = 3, blind round 1, shortlist of 3, pitch round 2 with the whole panel,
 * decision, publication and feedback — asserting at each step what each role can and cannot see.
 */
describe('jury scoring: conflicts, assignment, blind scorecards, results, decision and feedback', () => {
  let ctx: TestContext
  let staff: TestUser
  let chair: TestUser
  let j1: TestUser
  let j2: TestUser
  let j3: TestUser
  let owners: TestUser[]
  let partnerOwner: TestUser
  let challengeId: string
  let round1: string
  let round2: string
  const enterprises: { id: string; name: string }[] = []
  let partner: { id: string; name: string }
  const proposalIds: string[] = []
  const memberIds: Record<string, string> = {}
  const criteria: { id: string; weight: number; scaleMin: number; scaleMax: number; threshold: number | null; sdgGoals: number[] }[] = []
  /** What each juror submitted, kept by the test itself to check the results independently. */
  const submitted = new Map<string, Record<string, number>>()
  let identityTerms: string[] = []

  const api = () => http(ctx)
  /** Every juror-facing response of the blind round goes through this: no applicant identity, ever. */
  const assertBlind = (body: unknown) => {
    const text = JSON.stringify(body).toLowerCase()
    for (const term of identityTerms) expect(text, `leaks "${term}"`).not.toContain(term.toLowerCase())
    assertNoInternals(body)
  }
  const jurors = () => [chair, j1, j2, j3]
  const nameOf = (u: TestUser) => u.user.email

  beforeAll(async () => {
    ctx = await createTestApp()
    staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    chair = await registerUser(ctx, 'chair@jury.nl', 'Chris Voorzitter')
    j1 = await registerUser(ctx, 'een@jury.nl', 'Eva Een')
    j2 = await registerUser(ctx, 'twee@jury.nl', 'Tom Twee')
    j3 = await registerUser(ctx, 'drie@jury.nl', 'Dirk Drie')
    owners = []
    const names = ['Groendak Alfa', 'Sedum Bravo', 'Regenwater Charlie', 'Bouwbedrijf Delta', 'Zonnedak Echo', 'Klimaat Foxtrot']
    for (const [i, name] of names.entries()) {
      const owner = await registerUser(ctx, `eigenaar${i + 1}@bedrijf${i + 1}.nl`, `Eigenaar ${name}`)
      owners.push(owner)
      enterprises.push(await createEnterprise(ctx, owner, name))
    }
    partnerOwner = await registerUser(ctx, 'partner@golf.nl', 'Paula Partner')
    partner = await createEnterprise(ctx, partnerOwner, 'Partner Golf')
    // j3 works at Sedum Bravo: an automatic conflict with its proposal.
    await api().post(`/api/v1/organisations/${enterprises[1]!.id}/invitations`).set(bearer(owners[1]!.token)).send({ email: 'drie@jury.nl', role: 'member' })
    const { emailOutbox } = await import('../outbox/outbox.table')
    const [mail] = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'drie@jury.nl'))
    const token = /\/uitnodigingen\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]
    expect((await api().post(`/api/v1/invitations/${token}/accept`).set(bearer(j3.token))).status).toBe(200)

    const municipality = await createMunicipality(ctx, staff)
    challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    const targets = [['11.6'], ['13.1'], ['11.6', '13.1'], ['3.9'], [], ['11.1']]
    const titles = ['Daken voor Noord', 'Groen op het plein', 'Water vasthouden', 'Sedum met Bouwbedrijf Delta', 'Zon en groen', 'Klimaatbestendig wonen']
    for (const [i, e] of enterprises.entries()) {
      const p = await createSubmittedProposal(ctx, { challengeId, enterprise: e, title: titles[i]!, sdgTargets: targets[i]!, submittedBy: owners[i]!.user.id, ...(i === 0 ? { partner } : {}) })
      proposalIds.push(p.id)
    }
    identityTerms = [...enterprises.flatMap((e) => [e.name, e.id]), partner.name, partner.id, ...owners.map((o) => o.user.email), partnerOwner.user.email, 'Eigenaar']

    memberIds.chair = await seatJuror(ctx, staff, challengeId, chair, { isChair: true, sdgExpertise: [11, 13] })
    memberIds.j1 = await seatJuror(ctx, staff, challengeId, j1, { sdgExpertise: [11] })
    memberIds.j2 = await seatJuror(ctx, staff, challengeId, j2, { sdgExpertise: [13] })
    memberIds.j3 = await seatJuror(ctx, staff, challengeId, j3, { sdgExpertise: [3] })

    const r1 = await api().post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Schriftelijke ronde', blindReview: true, jurorsPerProposal: 3, maxLoad: 4 })
    round1 = r1.body.id
    const r2 = await api().post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'pitch', name: 'Pitches' })
    round2 = r2.body.id
    for (const c of [
      { name: 'Impact', weight: 2, threshold: 3, sdgGoals: [11] },
      { name: 'Haalbaarheid', weight: 1, scaleMin: 1, scaleMax: 5, sdgGoals: [13] },
    ]) {
      const res = await api().post(`/api/v1/jury-rounds/${round1}/criteria`).set(bearer(chair.token)).send(c)
      expect(res.status).toBe(201)
      criteria.push(res.body)
    }
    for (const c of [{ name: 'Pitch', weight: 1 }]) expect((await api().post(`/api/v1/jury-rounds/${round2}/criteria`).set(bearer(chair.token)).send(c)).status).toBe(201)
  }, 120_000)
  afterAll(() => ctx.close())

  it('lets a juror declare a conflict with a reason (audited) and shows automatic ones', async () => {
    const res = await api().post(`/api/v1/challenges/${challengeId}/jury-conflicts`).set(bearer(j1.token)).send({ proposalId: proposalIds[2], reason: 'Mijn zwager werkt daar' })
    expect(res.status).toBe(201)
    assertBlind(res.body)
    const mine = await api().get(`/api/v1/challenges/${challengeId}/jury-conflicts`).set(bearer(j3.token))
    expect(mine.body.items).toEqual([expect.objectContaining({ memberId: memberIds.j3, proposalId: proposalIds[1], source: 'membership' })])
    const all = await api().get(`/api/v1/challenges/${challengeId}/jury-conflicts`).set(bearer(chair.token))
    expect(all.body.items).toHaveLength(2)
    const [event] = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'jury_conflict.declared'))
    expect(event!.after).toMatchObject({ reason: 'Mijn zwager werkt daar', proposalId: proposalIds[2] })
    const unknown = await api().post(`/api/v1/challenges/${challengeId}/jury-conflicts`).set(bearer(j1.token)).send({ proposalId: '00000000-0000-4000-8000-000000000001', reason: 'xyz' })
    expect(unknown.status).toBe(404)
  })

  it('explains an infeasible assignment instead of failing (k·|P| > Σ L)', async () => {
    const early = await api().get(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(chair.token))
    expect(early.body.warnings).toEqual([expect.stringContaining('need 18 reviews')])
    const res = await api().post(`/api/v1/jury-rounds/${round1}/assignment`).set(bearer(chair.token))
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ code: 'jury.assignment_infeasible', reason: 'capacity', details: { reviewsNeeded: 18, totalMaxLoad: 16 } })
    expect(res.body.detail.length).toBeGreaterThan(10)
    assertNoInternals(res.body)
  })

  it('only the chair runs the assignment; it gives k jurors per proposal, at most L each, never a conflict', async () => {
    expect((await api().post(`/api/v1/jury-rounds/${round1}/assignment`).set(bearer(staff.token))).status).toBe(403)
    expect((await api().post(`/api/v1/jury-rounds/${round1}/assignment`).set(bearer(j1.token))).status).toBe(403)
    expect((await api().post(`/api/v1/jury-rounds/${round1}/assignment`).set(bearer(owners[0]!.token))).status).toBe(404)
    const round = await api().get(`/api/v1/jury-rounds/${round1}`).set(bearer(chair.token))
    expect((await api().patch(`/api/v1/jury-rounds/${round1}`).set(bearer(chair.token)).send({ version: round.body.version, maxLoad: 5 })).status).toBe(200)
    expect((await api().get(`/api/v1/challenges/${challengeId}`).set(bearer(staff.token))).body.status).toBe('closed')
    const res = await api().post(`/api/v1/jury-rounds/${round1}/assignment`).set(bearer(chair.token))
    expect(res.status).toBe(200)
    // The first assignment starts the evaluation of the challenge, audited as that lifecycle step.
    expect((await api().get(`/api/v1/challenges/${challengeId}`).set(bearer(staff.token))).body.status).toBe('in_evaluation')
    const started = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, challengeId), eq(auditEvents.action, 'challenge.startEvaluation')))
    expect(started.map((a) => a.after)).toEqual([expect.objectContaining({ status: 'in_evaluation', reason: 'jury_assignment' })])
    const pairs: { proposalId: string; memberId: string; explanation: { sharedGoals: number[] } }[] = res.body.assignments
    for (const p of proposalIds) expect(pairs.filter((a) => a.proposalId === p)).toHaveLength(3)
    for (const load of res.body.loadPerJuror) expect(load.load).toBeLessThanOrEqual(5)
    expect(pairs.some((a) => a.memberId === memberIds.j3 && a.proposalId === proposalIds[1])).toBe(false)
    expect(pairs.some((a) => a.memberId === memberIds.j1 && a.proposalId === proposalIds[2])).toBe(false)
    expect(pairs[0]!.explanation).toHaveProperty('sharedGoals')
    // The chair sits on this blind jury: even the assignment overview names no applicant.
    assertBlind(res.body)
    expect((await api().get(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(staff.token))).status).toBe(200)
    expect((await api().get(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(j2.token))).status).toBe(403)
  })

  it('lets the chair swap a juror, refusing conflicts and (unless confirmed) exceeding L', async () => {
    const overview = await api().get(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(chair.token))
    const onP2: string[] = overview.body.assignments.filter((a: { proposalId: string }) => a.proposalId === proposalIds[1]).map((a: { memberId: string }) => a.memberId)
    const toConflict = await api().put(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(chair.token)).send({ proposalId: proposalIds[1], removeMemberId: onP2[0], addMemberId: memberIds.j3 })
    expect(toConflict.status).toBe(409)
    expect(toConflict.body.code).toBe('jury.conflict_of_interest')
    // Everyone is at 4–5 of L = 5 (18 reviews over 4 jurors); find a swap onto someone already at 5 … or make L tight.
    const round = await api().get(`/api/v1/jury-rounds/${round1}`).set(bearer(chair.token))
    const loads: Record<string, number> = Object.fromEntries(overview.body.loadPerJuror.map((l: { memberId: string; load: number }) => [l.memberId, l.load]))
    const full = Object.keys(loads).find((m) => loads[m] === round.body.maxLoad)!
    const target = overview.body.assignments.find((a: { proposalId: string; memberId: string }) => a.memberId !== full && !overview.body.assignments.some((b: { proposalId: string; memberId: string }) => b.proposalId === a.proposalId && b.memberId === full) && !(full === memberIds.j3 && a.proposalId === proposalIds[1]) && !(full === memberIds.j1 && a.proposalId === proposalIds[2]))
    const over = await api().put(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(chair.token)).send({ proposalId: target.proposalId, removeMemberId: target.memberId, addMemberId: full })
    expect(over.status).toBe(409)
    expect(over.body.code).toBe('jury.max_load_exceeded')
    const confirmed = await api().put(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(chair.token)).send({ proposalId: target.proposalId, removeMemberId: target.memberId, addMemberId: full, allowOverload: true })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.warnings.length).toBeGreaterThan(0)
    expect(confirmed.body.assignments.find((a: { proposalId: string; memberId: string }) => a.proposalId === target.proposalId && a.memberId === full).manual).toBe(true)
    // Swap back so every juror is within L again.
    const back = await api().put(`/api/v1/jury-rounds/${round1}/assignments`).set(bearer(chair.token)).send({ proposalId: target.proposalId, removeMemberId: full, addMemberId: target.memberId })
    expect(back.status).toBe(200)
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'jury_assignment.swapped'))
    expect(events).toHaveLength(2)
  })

  it('shows each juror only their assigned, non-conflicted proposals, without applicant identity', async () => {
    for (const juror of jurors()) {
      const list = await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(juror.token))
      expect(list.status).toBe(200)
      assertBlind(list.body)
      expect(list.body.items.length).toBeGreaterThan(0)
      for (const item of list.body.items) {
        expect(item).not.toHaveProperty('enterpriseName')
        const detail = await api().get(`/api/v1/jury-rounds/${round1}/proposals/${item.proposalId}`).set(bearer(juror.token))
        expect(detail.status).toBe(200)
        assertBlind(detail.body)
        expect(detail.body.snapshot.summary).toContain('[verborgen]')
        expect(detail.body.snapshot).not.toHaveProperty('leadEnterprise')
        expect(detail.body.snapshot).not.toHaveProperty('partners')
        assertBlind(await api().get(`/api/v1/jury-rounds/${round1}/proposals/${item.proposalId}/scorecard`).set(bearer(juror.token)).then((r) => r.body))
      }
    }
    const titles = (await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(chair.token))).body.items.map((i: { title: string }) => i.title)
    expect(titles.join(' ')).not.toContain('Bouwbedrijf Delta')
  })

  it('gives a conflicted juror 404 on the proposal, its scorecard and its scores, and leaves it out of lists', async () => {
    const list = await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(j3.token))
    expect(list.body.items.map((i: { proposalId: string }) => i.proposalId)).not.toContain(proposalIds[1])
    for (const res of [
      await api().get(`/api/v1/jury-rounds/${round1}/proposals/${proposalIds[1]}`).set(bearer(j3.token)),
      await api().get(`/api/v1/jury-rounds/${round1}/proposals/${proposalIds[1]}/scorecard`).set(bearer(j3.token)),
      await api().put(`/api/v1/jury-rounds/${round1}/proposals/${proposalIds[1]}/scorecard`).set(bearer(j3.token)).send({ version: 0, scores: {} }),
      await api().get(`/api/v1/jury-rounds/${round1}/proposals/${proposalIds[1]}/scorecards`).set(bearer(j3.token)),
    ]) {
      expect(res.status).toBe(404)
      assertBlind(res.body)
    }
    const j1List = await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(j1.token))
    expect(j1List.body.items.map((i: { proposalId: string }) => i.proposalId)).not.toContain(proposalIds[2])
  })

  it('keeps every other juror-facing read of the blind round free of applicant identity', async () => {
    for (const juror of jurors()) {
      for (const url of [`/api/v1/challenges/${challengeId}/rounds`, `/api/v1/jury-rounds/${round1}`, '/api/v1/jury-seats', `/api/v1/challenges/${challengeId}/jury-conflicts`]) {
        const res = await api().get(url).set(bearer(juror.token))
        expect(res.status, url).toBe(200)
        assertBlind(res.body)
      }
    }
    for (const url of [`/api/v1/jury-rounds/${round1}/progress`, `/api/v1/jury-rounds/${round1}/assignments`, `/api/v1/challenges/${challengeId}/jury-members`]) assertBlind((await api().get(url).set(bearer(chair.token))).body)
  })

  it('autosaves with a version check, validates scores and locks the criteria once scoring starts', async () => {
    const [impact, feasibility] = criteria
    const item = (await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(j2.token))).body.items[0]
    const url = `/api/v1/jury-rounds/${round1}/proposals/${item.proposalId}/scorecard`
    const first = await api().put(url).set(bearer(j2.token)).send({ version: 0, scores: { [impact!.id]: { score: 7, comment: 'Sterk plan' } } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ version: 1, status: 'draft', weightedTotal: null })
    const stale = await api().put(url).set(bearer(j2.token)).send({ version: 0, scores: { [impact!.id]: { score: 1 } } })
    expect(stale.status).toBe(409)
    expect(stale.body.current).toMatchObject({ version: 1, scores: { [impact!.id]: { score: 7, comment: 'Sterk plan' } } })
    assertBlind(stale.body)
    const offScale = await api().put(url).set(bearer(j2.token)).send({ version: 1, scores: { [feasibility!.id]: { score: 0 } } })
    expect(offScale.status).toBe(400)
    expect(offScale.body.errors[0]).toMatchObject({ field: `/scores/${feasibility!.id}/score`, code: 'jury.score_out_of_scale' })
    const incomplete = await api().post(`${url}/submit`).set(bearer(j2.token)).send({ version: 1 })
    expect(incomplete.status).toBe(422)
    expect(incomplete.body.errors[0].field).toBe(`/scores/${feasibility!.id}/score`)

    const locked = await api().patch(`/api/v1/jury-rounds/${round1}/criteria/${impact!.id}`).set(bearer(chair.token)).send({ version: 1, weight: 3 })
    expect(locked.status).toBe(409)
    expect(locked.body.code).toBe('jury.criteria_locked')
    expect((await api().post(`/api/v1/jury-rounds/${round1}/criteria`).set(bearer(staff.token)).send({ name: 'Nieuw', weight: 1 })).status).toBe(409)
    expect((await api().post(`/api/v1/jury-rounds/${round1}/assignment`).set(bearer(chair.token))).body.code).toBe('jury.scoring_started')
  })

  it('hides other jurors’ scores before deliberation; submitted scorecards refuse writes', async () => {
    const [impact, feasibility] = criteria
    for (const [i, juror] of jurors().entries()) {
      const items = (await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(juror.token))).body.items as { proposalId: string }[]
      for (const item of items) {
        const p = proposalIds.indexOf(item.proposalId)
        const url = `/api/v1/jury-rounds/${round1}/proposals/${item.proposalId}/scorecard`
        const current = await api().get(url).set(bearer(juror.token))
        const scores = { [impact!.id]: (p * 3 + i * 2) % 11, [feasibility!.id]: 1 + ((p + i) % 5) }
        const saved = await api()
          .put(url)
          .set(bearer(juror.token))
          .send({ version: current.body.version, scores: { [impact!.id]: { score: scores[impact!.id], comment: p % 2 === 0 ? 'Overtuigend' : 'Te vaag' }, [feasibility!.id]: { score: scores[feasibility!.id] } } })
        expect(saved.status).toBe(200)
        assertBlind(saved.body)
        expect(saved.body.weightedTotal).toBeTypeOf('number')
        // j3 leaves their last card as a draft: it must not count.
        if (juror === j3 && item === items.at(-1)) continue
        const done = await api().post(`${url}/submit`).set(bearer(juror.token)).send({ version: saved.body.version })
        expect(done.status).toBe(200)
        assertBlind(done.body)
        submitted.set(`${nameOf(juror)}|${item.proposalId}`, scores)
        const others = await api().get(`/api/v1/jury-rounds/${round1}/proposals/${item.proposalId}/scorecards`).set(bearer(juror.token))
        expect(others.status).toBe(403)
        expect(others.body.code).toBe('jury.scores_hidden')
        expect(JSON.stringify(others.body)).not.toContain('"scores"')
      }
    }
    const some = (await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(j2.token))).body.items[0]
    const write = await api().put(`/api/v1/jury-rounds/${round1}/proposals/${some.proposalId}/scorecard`).set(bearer(j2.token)).send({ version: 3, scores: {} })
    expect(write.status).toBe(409)
    expect(write.body.code).toBe('jury.scorecard_submitted')
    expect((await api().get(`/api/v1/jury-rounds/${round1}/proposals/${some.proposalId}/scorecards`).set(bearer(chair.token))).status).toBe(403)
    const progress = await api().get(`/api/v1/jury-rounds/${round1}/progress`).set(bearer(chair.token))
    expect(progress.status).toBe(200)
    expect(progress.body.items.filter((i: { status: string }) => i.status === 'submitted')).toHaveLength(submitted.size)
    expect(JSON.stringify(progress.body)).not.toContain('"scores"')
  })

  it('opens deliberation: jurors who submitted see each other’s scores, labelled not named', async () => {
    expect((await api().post(`/api/v1/jury-rounds/${round1}/deliberation`).set(bearer(j1.token))).status).toBe(403)
    const open = await api().post(`/api/v1/jury-rounds/${round1}/deliberation`).set(bearer(chair.token))
    expect(open.status).toBe(200)
    expect(open.body.status).toBe('deliberation')
    const item = (await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(j2.token))).body.items[0]
    const seen = await api().get(`/api/v1/jury-rounds/${round1}/proposals/${item.proposalId}/scorecards`).set(bearer(j2.token))
    expect(seen.status).toBe(200)
    assertBlind(seen.body)
    expect(seen.body.items.length).toBeGreaterThanOrEqual(2)
    const text = JSON.stringify(seen.body)
    for (const u of [chair, j1, j3]) expect(text).not.toContain(u.user.email)
    expect(seen.body.items.filter((i: { memberId?: string }) => i.memberId !== undefined)).toHaveLength(1) // only my own card carries my id
    const draftItem = (await api().get(`/api/v1/jury-rounds/${round1}/my-proposals`).set(bearer(j3.token))).body.items.at(-1)
    const stillHidden = await api().get(`/api/v1/jury-rounds/${round1}/proposals/${draftItem.proposalId}/scorecards`).set(bearer(j3.token))
    expect(stillHidden.status).toBe(403)
  })

  it('lets the chair reopen a submitted scorecard (audited)', async () => {
    const progress = await api().get(`/api/v1/jury-rounds/${round1}/progress`).set(bearer(chair.token))
    const card = progress.body.items.find((i: { memberId: string; status: string }) => i.memberId === memberIds.j2 && i.status === 'submitted')
    const reopenUrl = `/api/v1/jury-rounds/${round1}/scorecards/${card.scorecardId}/reopen`
    expect((await api().post(reopenUrl).set(bearer(j2.token)).send({ reason: 'Score 3 lijkt een tikfout' })).status).toBe(403)
    const noReason = await api().post(reopenUrl).set(bearer(chair.token)).send({ reason: '   ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors[0]).toMatchObject({ field: '/reason' })
    const reopened = await api().post(reopenUrl).set(bearer(chair.token)).send({ reason: 'Score 3 lijkt een tikfout' })
    expect(reopened.status).toBe(200)
    expect(reopened.body.status).toBe('draft')
    const url = `/api/v1/jury-rounds/${round1}/proposals/${card.proposalId}/scorecard`
    // The juror's own view says the chair reopened it (the screen tells them why it is editable again).
    const mine = await api().get(url).set(bearer(j2.token))
    expect(mine.body).toMatchObject({ status: 'draft', submittedAt: null })
    // On the server clock, like every other deadline-related time.
    expect(mine.body.reopenedAt).toBe(ctx.clock.now.toISOString())
    const resubmit = await api().post(`${url}/submit`).set(bearer(j2.token)).send({ version: reopened.body.version })
    expect(resubmit.status).toBe(200)
    const reopenedAudit = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'jury_scorecard.reopened'))
    expect(reopenedAudit).toHaveLength(1)
    expect(reopenedAudit[0]!.after).toMatchObject({ status: 'draft', reason: 'Score 3 lijkt een tikfout' })
  })

  it('computes and stores results that match a direct call to computeRoundResults', async () => {
    expect((await api().post(`/api/v1/jury-rounds/${round1}/results`).set(bearer(staff.token))).status).toBe(403)
    const res = await api().post(`/api/v1/jury-rounds/${round1}/results`).set(bearer(chair.token))
    expect(res.status).toBe(201)
    assertBlind(res.body)
    const domainCriteria: Criterion[] = criteria.map((c) => ({ id: c.id, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax, threshold: c.threshold, sdgGoals: c.sdgGoals }))
    const byEmail = { [chair.user.email]: memberIds.chair, [j1.user.email]: memberIds.j1, [j2.user.email]: memberIds.j2, [j3.user.email]: memberIds.j3 }
    const cards: Scorecard[] = [...submitted].map(([key, scores]) => {
      const [email, proposalId] = key.split('|') as [string, string]
      return { jurorId: byEmail[email]!, proposalId, submitted: true, scores }
    })
    const expected = computeRoundResults({ criteria: domainCriteria, scorecards: cards, options: { aggregation: 'mean', calibrate: false, disagreementThreshold: 15, includeStability: true } })
    expect(res.body.results.proposals.map((p: { proposalId: string }) => p.proposalId)).toEqual(expected.proposals.map((p) => p.proposalId))
    for (const [i, p] of expected.proposals.entries()) {
      const got = res.body.results.proposals[i]
      expect(got.finalScore).toBeCloseTo(p.finalScore, 9)
      expect(got).toMatchObject({ rank: p.rank, tied: p.tied, thresholdFailures: p.thresholdFailures, stability: p.stability, disagreement: { flagged: p.disagreement.flagged } })
    }
    expect(res.body.results.alphaOverall.alpha ?? null).toBeCloseTo(expected.alphaOverall.alpha ?? Number.NaN, 9)
    expect(res.body.stale).toBe(false)
    const again = await api().get(`/api/v1/jury-rounds/${round1}/results`).set(bearer(staff.token))
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(res.body.id)
    expect(again.body.proposalTitles[proposalIds[3]!]).toBe('Sedum met Bouwbedrijf Delta') // staff are not on the blind jury
    expect((await api().get(`/api/v1/jury-rounds/${round1}/results`).set(bearer(j1.token))).status).toBe(403)
  })

  it('shortlists the top 3 into the pitch round, where the whole panel scores every non-conflicted proposal', async () => {
    const results = (await api().get(`/api/v1/jury-rounds/${round1}/results`).set(bearer(chair.token))).body.results
    const res = await api().post(`/api/v1/jury-rounds/${round1}/shortlist`).set(bearer(chair.token)).send({ nextRoundId: round2, topN: 3 })
    expect(res.status).toBe(200)
    const passing = results.proposals.filter((p: { thresholdFailures: string[] }) => p.thresholdFailures.length === 0)
    expect(res.body.proposalIds.slice(0, 3)).toEqual(passing.slice(0, 3).map((p: { proposalId: string }) => p.proposalId))
    const assigned = await api().post(`/api/v1/jury-rounds/${round2}/assignment`).set(bearer(chair.token))
    expect(assigned.status).toBe(200)
    for (const pid of res.body.proposalIds as string[]) {
      const on = assigned.body.assignments.filter((a: { proposalId: string }) => a.proposalId === pid).map((a: { memberId: string }) => a.memberId).sort()
      const expected = Object.entries(memberIds).filter(([k]) => !(k === 'j3' && pid === proposalIds[1]) && !(k === 'j1' && pid === proposalIds[2])).map(([, v]) => v).sort()
      expect(on).toEqual(expected)
    }
    // Round 2 is not blind: jurors see who proposed.
    const list = await api().get(`/api/v1/jury-rounds/${round2}/my-proposals`).set(bearer(j2.token))
    expect(list.body.items[0].enterpriseName).toBeTypeOf('string')
  })

  it('records the decision; applicants read feedback only after publication, without juror names', async () => {
    const winner = proposalIds[0]!
    expect((await api().put(`/api/v1/challenges/${challengeId}/jury-decision`).set(bearer(j1.token)).send({ version: 0, winnerProposalIds: [winner], motivation: 'Het sterkste plan voor de wijk.' })).status).toBe(403)
    // The municipality cannot publish results before the chair recorded the decision.
    const inEvaluation = await api().get(`/api/v1/challenges/${challengeId}`).set(bearer(staff.token))
    const decidedStep = await api().post(`/api/v1/challenges/${challengeId}/decide`).set(bearer(staff.token)).send({ version: inEvaluation.body.version })
    expect(decidedStep.body.status).toBe('decided')
    const tooEarly = await api().post(`/api/v1/challenges/${challengeId}/publish-results`).set(bearer(staff.token)).send({ version: decidedStep.body.version })
    expect(tooEarly.status).toBe(409)
    expect(tooEarly.body.code).toBe('challenges.decision_missing')
    const decided = await api().put(`/api/v1/challenges/${challengeId}/jury-decision`).set(bearer(chair.token)).send({ version: 0, winnerProposalIds: [winner], motivation: 'Het sterkste plan voor de wijk.' })
    expect(decided.status).toBe(200)
    const stale = await api().put(`/api/v1/challenges/${challengeId}/jury-decision`).set(bearer(chair.token)).send({ version: 0, winnerProposalIds: [winner], motivation: 'Toch iets anders gekozen.' })
    expect(stale.status).toBe(409)
    expect(stale.body.current).toMatchObject({ version: 1 })
    expect((await api().get(`/api/v1/challenges/${challengeId}/jury-decision`)).status).toBe(404)

    const before = await api().get(`/api/v1/proposals/${winner}/feedback`).set(bearer(owners[0]!.token))
    expect(before.status).toBe(404)
    expect(before.body.code).toBe('jury.feedback_not_available')
    const published = await api().post(`/api/v1/challenges/${challengeId}/publish-results`).set(bearer(staff.token)).send({ version: decidedStep.body.version })
    expect(published.status).toBe(200)
    expect(published.body.status).toBe('results_published')
    const publicDecision = await api().get(`/api/v1/challenges/${challengeId}/jury-decision`)
    expect(publicDecision.body.winnerProposalIds).toEqual([winner])
    // The public page names the winners; before publication the chair's read names nobody.
    expect(publicDecision.body.winners).toEqual([{ proposalId: winner, title: expect.any(String), enterpriseName: enterprises[0]!.name }])
    expect(decided.body.winners).toBeUndefined()

    const feedback = await api().get(`/api/v1/proposals/${winner}/feedback`).set(bearer(owners[0]!.token))
    expect(feedback.status).toBe(200)
    expect(feedback.body.winner).toBe(true)
    const r1 = feedback.body.rounds.find((r: { roundId: string }) => r.roundId === round1)
    expect(r1.rankBand).toMatch(/^(top|bottom)_/)
    const mine = [...submitted].filter(([k]) => k.endsWith(`|${winner}`)).map(([, s]) => s[criteria[0]!.id]!)
    expect(r1.criteria[0].meanScore).toBeCloseTo(mine.reduce((a, b) => a + b, 0) / mine.length, 9)
    expect(r1.criteria[0].comments.length).toBe(mine.length)
    const text = JSON.stringify(feedback.body)
    for (const u of jurors()) {
      expect(text).not.toContain(u.user.email)
      expect(text).not.toContain(u.user.id)
    }
    for (const id of Object.values(memberIds)) expect(text).not.toContain(id)
    for (const other of [owners[1]!, partnerOwner, j1]) expect((await api().get(`/api/v1/proposals/${winner}/feedback`).set(bearer(other.token))).status).toBe(404)
  })
})
