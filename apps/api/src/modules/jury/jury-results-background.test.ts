import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { QUEUES } from '../../jobs/queue'
import { computeResultsJob, type ResultsJob } from './jury-results.service'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from './jury.fixtures'

// A large round's results (rank stability recomputes the ranking many times) are computed by a job, not in
// the chair's request. The threshold is 4 scorecards here, so this small round counts as large.
describe('jury results of a large round, computed in the background', () => {
  let ctx: TestContext
  let chair: TestUser
  let juror: TestUser
  let roundId: string
  const resultsUrl = () => `/api/v1/jury-rounds/${roundId}/results`

  beforeAll(async () => {
    ctx = await createTestApp({ juryBackgroundScorecards: 4 })
    const staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    chair = await registerUser(ctx, 'chair@jury.nl', 'Chris Voorzitter')
    juror = await registerUser(ctx, 'juror@jury.nl', 'Jan Jurylid')
    const owner = await registerUser(ctx, 'owner@dak.nl', 'Otto Ondernemer')
    const municipality = await createMunicipality(ctx, staff)
    const challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    const proposalIds: string[] = []
    for (const [i, name] of ['Dakdokters', 'Groenwerkers'].entries()) {
      const enterprise = await createEnterprise(ctx, owner, name)
      proposalIds.push((await createSubmittedProposal(ctx, { challengeId, enterprise, title: `Plan ${i + 1}`, sdgTargets: ['11.6'], submittedBy: owner.user.id })).id)
    }
    await seatJuror(ctx, staff, challengeId, chair, { isChair: true })
    await seatJuror(ctx, staff, challengeId, juror)
    roundId = (await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Ronde 1', jurorsPerProposal: 2, maxLoad: 2 })).body.id
    const criterionId = (await http(ctx).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(chair.token)).send({ name: 'Impact', weight: 1 })).body.id
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))).status).toBe(200)
    for (const [j, user] of [chair, juror].entries()) {
      for (const [p, proposalId] of proposalIds.entries()) {
        const url = `/api/v1/jury-rounds/${roundId}/proposals/${proposalId}/scorecard`
        const saved = await http(ctx).put(url).set(bearer(user.token)).send({ version: 0, scores: { [criterionId]: { score: 5 + j + 2 * p } } })
        expect((await http(ctx).post(`${url}/submit`).set(bearer(user.token)).send({ version: saved.body.version })).status).toBe(200)
      }
    }
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/deliberation`).set(bearer(chair.token))).status).toBe(200)
  }, 120_000)
  afterAll(() => ctx.close())

  it('queues one job per round (a second request is the same job) and answers 202', async () => {
    const first = await http(ctx).post(resultsUrl()).set(bearer(chair.token))
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ queued: true, jobId: expect.any(String) })
    const second = await http(ctx).post(resultsUrl()).set(bearer(chair.token))
    expect(second.status).toBe(202)
    const waiting = await ctx.app.jobs.list({ queue: QUEUES.juryResults, states: ['created', 'retry'], limit: 10 })
    expect(waiting).toHaveLength(1)
    expect(waiting[0]!.data).toEqual({ roundId, actorId: chair.user.id })
    // Nothing is computed in the request: there are no results yet.
    const none = await http(ctx).get(resultsUrl()).set(bearer(chair.token))
    expect(none.status).toBe(409)
    expect(none.body.code).toBe('jury.no_results')
  })

  it('refuses a juror who is not the chair, as the synchronous path does', async () => {
    expect((await http(ctx).post(resultsUrl()).set(bearer(juror.token))).status).toBe(403)
  })

  it('the job stores the results, which the chair then reads, not stale', async () => {
    const [job] = await ctx.app.jobs.list({ queue: QUEUES.juryResults, states: ['created', 'retry'], limit: 1 })
    await computeResultsJob(ctx.database.db, job!.data as ResultsJob)
    const res = await http(ctx).get(resultsUrl()).set(bearer(chair.token))
    expect(res.status).toBe(200)
    expect(res.body.stale).toBe(false)
    expect(res.body.results.proposals).toHaveLength(2)
    expect(res.body.results.proposals.map((p: { rank: number }) => p.rank).sort()).toEqual([1, 2])
  })
})
