import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { createJobQueue, QUEUES, type JobQueue } from '../../jobs/queue'
import { runAssignmentJob, type AssignmentJob } from './jury-assignment.service'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from './jury.fixtures'

const silent = { warn: () => undefined }

// A large written round's assignment is solved by a background job, not in the chair's request. The
// threshold is 1 juror × proposal pair here, so every written round counts as large.
describe('jury assignment of a large round, in the background', () => {
  let ctx: TestContext
  let worker: JobQueue
  let chair: TestUser
  let juror: TestUser
  const challengeIds: string[] = []

  const newRound = async (challengeId: string, k: number) =>
    (await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: `Ronde k=${k}`, jurorsPerProposal: k, maxLoad: 2 })).body.id as string
  const overview = (roundId: string) => http(ctx).get(`/api/v1/jury-rounds/${roundId}/assignments`).set(bearer(chair.token))
  async function settled(roundId: string) {
    for (let i = 0; i < 120; i++) {
      const res = await overview(roundId)
      if (res.body.background?.state !== 'queued' && res.body.background?.state !== 'running') return res
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new Error('the assignment job did not finish')
  }

  beforeAll(async () => {
    ctx = await createTestApp({ juryBackgroundPairs: 1 })
    const staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    chair = await registerUser(ctx, 'chair@jury.nl', 'Chris Voorzitter')
    juror = await registerUser(ctx, 'juror@jury.nl', 'Jan Jurylid')
    const owner = await registerUser(ctx, 'owner@dak.nl', 'Otto Ondernemer')
    const municipality = await createMunicipality(ctx, staff)
    // Two challenges, each with two proposals and the same two jurors: one round each.
    for (const title of ['Groene daken', 'Koele pleinen']) {
      const challengeId = (await createClosedChallenge(ctx, municipality.id, title)).id
      for (const [i, name] of ['Dakdokters', 'Groenwerkers'].entries()) {
        const enterprise = await createEnterprise(ctx, owner, `${name} ${title}`)
        await createSubmittedProposal(ctx, { challengeId, enterprise, title: `Plan ${i + 1}`, sdgTargets: ['11.6'], submittedBy: owner.user.id })
      }
      await seatJuror(ctx, staff, challengeId, chair, { isChair: true })
      await seatJuror(ctx, staff, challengeId, juror)
      challengeIds.push(challengeId)
    }
    // Another instance's worker, as server.ts starts them.
    worker = createJobQueue({ db: ctx.database.db, log: silent, pollingIntervalSeconds: 0.5 })
    await worker.work<AssignmentJob>(QUEUES.juryAssignment, (job) => runAssignmentJob(ctx.database.db, job.data, ctx.clock.now))
  }, 120_000)
  afterAll(async () => {
    await worker.stop()
    await ctx.close()
  })

  it('answers 202, shows the job as waiting, and the worker stores the optimal assignment', async () => {
    const roundId = await newRound(challengeIds[0]!, 2)
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(juror.token))).status).toBe(403)
    const queued = await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))
    expect(queued.status).toBe(202)
    expect(queued.body).toEqual({ queued: true, jobId: expect.any(String) })
    const done = await settled(roundId)
    expect(done.body.background).toBeUndefined()
    expect(done.body.assignments).toHaveLength(4)
    expect(done.body.loadPerJuror.map((l: { load: number }) => l.load)).toEqual([2, 2])
  })

  it('a round that cannot be assigned fails the job, and the chair reads why', async () => {
    const roundId = await newRound(challengeIds[1]!, 3) // k = 3 with only two jurors
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))).status).toBe(202)
    const failed = await settled(roundId)
    expect(failed.body.background).toMatchObject({ state: 'failed' })
    expect(failed.body.background.message).toMatch(/juror/i)
    expect(failed.body.assignments).toEqual([])
  })
})
