import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http } from '../../../test/http'
import { DEMO_PASSWORD, seedDemoData } from '../../seed/demo-seed'
import { organisations } from '../organisations/organisations.table'

describe('pilot impact reporting on the demo data', () => {
  let ctx: TestContext
  let token: (email: string) => Promise<string>
  let gardensId: string
  let municipalityId: string
  const today = () => ctx.clock.now.toISOString().slice(0, 10)
  const report = (overrides: Record<string, unknown> = {}) => ({
    periodStart: '2026-01-01',
    periodEnd: today(),
    indicators: [{ sdgTarget: '11.7', indicator: 'Moestuinen in gebruik', value: 5, measuredOn: today(), evidence: 'Gebruiksovereenkomst vijfde tuin', evidenceUrl: 'https://example.org/tuin-5.pdf' }],
    jobsRealised: 3,
    hoursRealised: 900,
    amountRealised: 1250.5,
    notes: '',
    ...overrides,
  })

  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
    const cache = new Map<string, string>()
    token = async (email) => {
      if (!cache.has(email)) cache.set(email, (await http(ctx).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).body.accessToken)
      return cache.get(email)!
    }
    const mine = await http(ctx).get('/api/v1/me/pilots').set(bearer(await token('eigenaar@moestuinmakers.nl')))
    gardensId = mine.body.items[0].proposalId
    municipalityId = (await ctx.database.db.select().from(organisations).where(eq(organisations.slug, 'voorbeeldstad')))[0]!.id
    // Seeding the demo (password hashing, snapshots) is slow on a busy machine.
  }, 180_000)
  afterAll(() => ctx.close())

  const realisedJobs = async () => (await http(ctx).get('/api/v1/impact').query({ municipality: 'voorbeeldstad' })).body.figures.socialReturn.realisedJobs as number

  it('shows the winner its pilot, what it promised and every report with its status', async () => {
    const res = await http(ctx).get('/api/v1/me/pilots').set(bearer(await token('eigenaar@moestuinmakers.nl')))
    expect(res.status).toBe(200)
    expect(res.body.items).toHaveLength(1)
    const pilot = res.body.items[0]
    expect(pilot).toMatchObject({ challenge: { title: 'Buurtmoestuinen als leerwerkplek' }, enterprise: { name: 'De Moestuinmakers' }, mayConsent: true, resultsPublic: true, showcaseConsent: null })
    expect(pilot.promisedImpact.map((p: { sdgTarget: string }) => p.sdgTarget)).toEqual(['8.5', '11.7'])
    expect(pilot.reports.map((r: { status: string }) => r.status).sort()).toEqual(['submitted', 'validated', 'validated'])
    expect((await http(ctx).get('/api/v1/me/pilots').set(bearer(await token('eigenaar@groenwerkt.nl')))).body.items).toEqual([])
  })

  it('refuses reports that do not fit the promise or the calendar, naming the field', async () => {
    const mo = bearer(await token('eigenaar@moestuinmakers.nl'))
    const post = (body: unknown) => http(ctx).post(`/api/v1/pilots/${gardensId}/reports`).set(mo).send(body as object)
    const cases: [unknown, string][] = [
      [report({ periodStart: today(), periodEnd: '2026-01-01' }), '/periodEnd'],
      [report({ indicators: [{ sdgTarget: '7.2', indicator: 'Opgesteld vermogen', value: 1, measuredOn: '2026-01-02', evidence: 'x', evidenceUrl: null }] }), '/indicators/0/indicator'],
      [report({ indicators: [{ sdgTarget: '11.7', indicator: 'Moestuinen in gebruik', value: 1, measuredOn: '2999-01-01', evidence: 'x', evidenceUrl: null }], periodEnd: '2026-01-02' }), '/indicators/0/measuredOn'],
      [report({ amountRealised: 10.123 }), '/amountRealised'],
    ]
    for (const [body, field] of cases) {
      const res = await post(body)
      expect(res.status, field).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(res.body.errors[0].field).toBe(field)
    }
    const script = await post(report({ indicators: [{ sdgTarget: '11.7', indicator: 'Moestuinen in gebruik', value: 1, measuredOn: '2026-01-02', evidence: 'x', evidenceUrl: 'javascript:alert(1)' }] }))
    expect(script.status).toBe(400)
    assertNoInternals(script.body)
  })

  it('hides the pilot from other enterprises', async () => {
    const res = await http(ctx).post(`/api/v1/pilots/${gardensId}/reports`).set(bearer(await token('eigenaar@groenwerkt.nl'))).send(report())
    expect(res.status).toBe(404)
    expect((await http(ctx).post(`/api/v1/pilots/${gardensId}/reports`).send(report())).status).toBe(401)
  })

  it('counts a report on the dashboard only once the account manager validated it', async () => {
    const before = await realisedJobs()
    const created = await http(ctx).post(`/api/v1/pilots/${gardensId}/reports`).set(bearer(await token('eigenaar@moestuinmakers.nl'))).send(report())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'submitted', amountRealisedCents: 125_050, jobsRealised: 3, version: 1 })
    expect(await realisedJobs()).toBe(before)

    const manager = bearer(await token('accountmanager@voorbeeldstad.nl'))
    const queue = await http(ctx).get(`/api/v1/municipalities/${municipalityId}/pilot-reports`).query({ status: 'submitted' }).set(manager)
    expect(queue.status).toBe(200)
    expect(queue.body.items.map((i: { report: { id: string } }) => i.report.id)).toContain(created.body.id)

    const stale = await http(ctx).post(`/api/v1/pilot-reports/${created.body.id}/validate`).set(manager).send({ version: 7 })
    expect(stale.status).toBe(409)
    expect(stale.body.current).toMatchObject({ id: created.body.id, version: 1, status: 'submitted' })

    const validated = await http(ctx).post(`/api/v1/pilot-reports/${created.body.id}/validate`).set(manager).send({ version: 1 })
    expect(validated.status).toBe(200)
    expect(validated.body).toMatchObject({ status: 'validated', version: 2 })
    expect(await realisedJobs()).toBe(before + 3)
    const again = await http(ctx).post(`/api/v1/pilot-reports/${created.body.id}/reject`).set(manager).send({ version: 2, reason: 'Toch niet' })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('pilot_reports.already_reviewed')
  })

  it('rejects with a reason the enterprise reads; a rejected report never counts', async () => {
    const before = await realisedJobs()
    const mo = bearer(await token('eigenaar@moestuinmakers.nl'))
    const created = await http(ctx).post(`/api/v1/pilots/${gardensId}/reports`).set(mo).send(report({ jobsRealised: 40 }))
    const manager = bearer(await token('accountmanager@voorbeeldstad.nl'))
    expect((await http(ctx).post(`/api/v1/pilot-reports/${created.body.id}/reject`).set(manager).send({ version: 1, reason: '   ' })).status).toBe(400)
    const rejected = await http(ctx).post(`/api/v1/pilot-reports/${created.body.id}/reject`).set(manager).send({ version: 1, reason: 'Veertig banen is niet aangetoond.' })
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Veertig banen is niet aangetoond.' })
    const mine = (await http(ctx).get('/api/v1/me/pilots').set(mo)).body.items[0]
    expect(mine.reports.find((r: { id: string }) => r.id === created.body.id).rejectionReason).toBe('Veertig banen is niet aangetoond.')
    expect(await realisedJobs()).toBe(before)
  })

  it('lets only account managers and admins of the municipality review', async () => {
    const [anyReport] = (await http(ctx).get(`/api/v1/municipalities/${municipalityId}/pilot-reports`).set(bearer(await token('accountmanager@voorbeeldstad.nl')))).body.items
    const asStaff = await http(ctx).post(`/api/v1/pilot-reports/${anyReport.report.id}/validate`).set(bearer(await token('opgaven@voorbeeldstad.nl'))).send({ version: anyReport.report.version })
    expect(asStaff.status).toBe(403)
    const asOutsider = await http(ctx).post(`/api/v1/pilot-reports/${anyReport.report.id}/validate`).set(bearer(await token('eigenaar@moestuinmakers.nl'))).send({ version: anyReport.report.version })
    expect(asOutsider.status).toBe(404)
    expect((await http(ctx).get(`/api/v1/municipalities/${municipalityId}/pilot-reports`).set(bearer(await token('eigenaar@groenwerkt.nl')))).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/municipalities/${municipalityId}/pilot-reports`).set(bearer(await token('opgaven@voorbeeldstad.nl')))).status).toBe(403)
  })
})
