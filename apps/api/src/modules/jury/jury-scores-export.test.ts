import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { scoresCsv } from './jury-report.service'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from './jury.fixtures'

describe('jury scores export (every submitted score as CSV, streamed)', () => {
  let ctx: TestContext
  let staff: TestUser
  let chair: TestUser
  let juror: TestUser
  let owner: TestUser
  let roundId: string
  const criterionIds: string[] = []
  const proposalIds: string[] = []
  const exportUrl = () => `/api/v1/jury-rounds/${roundId}/results/export?detail=scores`

  beforeAll(async () => {
    ctx = await createTestApp()
    staff = await registerUser(ctx, 'manager@gemeente.nl', 'Maaike Manager')
    chair = await registerUser(ctx, 'chair@jury.nl', 'Chris Voorzitter')
    juror = await registerUser(ctx, 'juror@jury.nl', 'Jan Jurylid')
    owner = await registerUser(ctx, 'owner@dak.nl', 'Otto Ondernemer')
    const municipality = await createMunicipality(ctx, staff)
    const challengeId = (await createClosedChallenge(ctx, municipality.id)).id
    for (const [i, name] of ['Dakdokters', 'Groenwerkers'].entries()) {
      const enterprise = await createEnterprise(ctx, owner, name)
      proposalIds.push((await createSubmittedProposal(ctx, { challengeId, enterprise, title: `Plan ${i + 1}`, sdgTargets: ['11.6'], submittedBy: owner.user.id })).id)
    }
    await seatJuror(ctx, staff, challengeId, chair, { isChair: true })
    await seatJuror(ctx, staff, challengeId, juror)
    roundId = (await http(ctx).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Ronde 1', jurorsPerProposal: 2, maxLoad: 2 })).body.id
    for (const name of ['Impact', 'Haalbaarheid']) criterionIds.push((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(chair.token)).send({ name, weight: 1 })).body.id)
    expect((await http(ctx).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))).status).toBe(200)
    for (const [j, user] of [chair, juror].entries()) {
      for (const [p, proposalId] of proposalIds.entries()) {
        const url = `/api/v1/jury-rounds/${roundId}/proposals/${proposalId}/scorecard`
        const scores = Object.fromEntries(criterionIds.map((c, k) => [c, { score: 2 + j + p + k, comment: k === 0 ? `=HYPERLINK("x"), ${j === 0 ? 'Chris Voorzitter' : 'Jan Jurylid'}` : null }]))
        const saved = await http(ctx).put(url).set(bearer(user.token)).send({ version: 0, scores })
        expect(saved.status).toBe(200)
        expect((await http(ctx).post(`${url}/submit`).set(bearer(user.token)).send({ version: saved.body.version })).status).toBe(200)
      }
    }
  }, 120_000)
  afterAll(async () => {
    await ctx.close()
  })

  it('is refused before deliberation, and to anyone without the right to read results', async () => {
    expect((await http(ctx).get(exportUrl()).set(bearer(chair.token))).status).toBe(409)
    await http(ctx).post(`/api/v1/jury-rounds/${roundId}/deliberation`).set(bearer(chair.token))
    expect((await http(ctx).get(exportUrl()).set(bearer(owner.token))).status).toBe(404)
    expect((await http(ctx).get(exportUrl()).set(bearer(juror.token))).status).toBe(403)
    const xlsx = await http(ctx).get(`${exportUrl()}&format=xlsx`).set(bearer(chair.token))
    expect(xlsx.status).toBe(400)
    expect(xlsx.headers['content-type']).toContain('application/problem+json')
  })

  it('lists every submitted score once, jurors as "Jurylid n", cells formula-safe', async () => {
    const res = await http(ctx).get(exportUrl()).set(bearer(chair.token))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toContain(`jury-scores-${roundId}.csv`)
    const lines = res.text.split('\r\n').filter((l) => l !== '')
    expect(lines[0]).toBe('proposal_id,juror,criterion_id,criterion,score,comment')
    expect(lines).toHaveLength(1 + 2 * 2 * 2)
    const body = lines.slice(1)
    for (const p of proposalIds) for (const c of criterionIds) expect(body.filter((l) => l.startsWith(`${p},`) && l.includes(`,${c},`))).toHaveLength(2)
    expect(new Set(body.map((l) => l.split(',')[1]))).toEqual(new Set(['Jurylid 1', 'Jurylid 2']))
    // The chair (seated first) scored proposal p + criterion k with 2 + p + k.
    const first = [...proposalIds].sort()[0]!
    const p = proposalIds.indexOf(first)
    expect(body).toContain(`${first},Jurylid 1,${criterionIds[1]},Haalbaarheid,${3 + p},`)
    expect(body.some((l) => l.includes(`"'=HYPERLINK(""x""), Chris Voorzitter"`))).toBe(true)
    expect(res.text).not.toContain('chair@jury.nl')
  })

  it('reads in batches without losing or repeating a card at the batch boundaries', async () => {
    const actor = { userId: chair.user.id, sessionId: '00000000-0000-4000-8000-000000000000', isPlatformAdmin: false }
    const collect = async (batch: number) => {
      let out = ''
      for await (const chunk of await scoresCsv(ctx.database.db, actor, roundId, batch)) out += chunk
      return out
    }
    const whole = await collect(2000)
    expect(whole.split('\r\n').filter((l) => l !== '')).toHaveLength(9)
    expect(await collect(1)).toBe(whole)
    expect(await collect(3)).toBe(whole)
  })
})
