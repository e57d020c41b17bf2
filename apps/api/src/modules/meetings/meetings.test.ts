import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { challenges } from '../challenges/challenges.table'
import { createMunicipality, hours } from '../challenges/challenges.fixtures'
import { emailOutbox } from '../outbox/outbox.table'

type User = Awaited<ReturnType<typeof registerUser>>

describe('meetings', () => {
  let ctx: TestContext
  let town: Awaited<ReturnType<typeof createMunicipality>>
  let other: Awaited<ReturnType<typeof createMunicipality>>
  let anna: User
  let bram: User
  let cees: User
  let annaEnterprise: string
  let bramEnterprise: string
  let challengeId: string
  const start = new Date('2030-03-01T10:00:00.000Z')
  const at = (h: number) => new Date(start.getTime() + hours(h)).toISOString()

  const meetingBody = (overrides: Record<string, unknown> = {}) => ({
    kind: 'matchmaking',
    title: 'Mkb ontmoet sociaal ondernemers',
    description: 'Kennismaken, pitchen; en een borrel.',
    startsAt: at(24 * 7),
    endsAt: at(24 * 7 + 3),
    location: 'Stadhuis, Markt 1',
    onlineUrl: null,
    capacity: 2,
    registrationClosesAt: at(24 * 6),
    ...overrides,
  })
  const create = (by: User, body: Record<string, unknown> = meetingBody(), municipalityId = town.id) =>
    http(ctx).post(`/api/v1/municipalities/${municipalityId}/meetings`).set(bearer(by.token)).send(body)
  const publish = async (id: string, by: User = town.manager) => {
    const current = await http(ctx).get(`/api/v1/meetings/${id}`).set(bearer(by.token))
    return http(ctx).post(`/api/v1/meetings/${id}/publish`).set(bearer(by.token)).send({ version: current.body.version })
  }
  const published = async (overrides: Record<string, unknown> = {}) => {
    const created = await create(town.manager, meetingBody(overrides))
    expect(created.status).toBe(201)
    const res = await publish(created.body.id)
    expect(res.status).toBe(200)
    return res.body as { id: string; version: number }
  }
  const registerFor = (id: string, by: User, body: Record<string, unknown> = {}) => http(ctx).put(`/api/v1/meetings/${id}/registration`).set(bearer(by.token)).send(body)
  const mailsTo = async (email: string) => ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, email))

  beforeAll(async () => {
    ctx = await createTestApp()
    ctx.clock.now = start
    town = await createMunicipality(ctx, 'ontmoetstad')
    other = await createMunicipality(ctx, 'elderstad')
    anna = await registerUser(ctx, 'anna@groen.nl', 'Anna Groen')
    bram = await registerUser(ctx, 'bram@bouw.nl', 'Bram Bouw')
    cees = await registerUser(ctx, 'cees@elders.nl', 'Cees Elders')
    annaEnterprise = (await http(ctx).post('/api/v1/organisations').set(bearer(anna.token)).send({ kind: 'enterprise', name: 'Groen BV' })).body.id
    bramEnterprise = (await http(ctx).post('/api/v1/organisations').set(bearer(bram.token)).send({ kind: 'enterprise', name: 'Bouw BV' })).body.id
    const [challenge] = await ctx.database.db.insert(challenges).values({ municipalityId: town.id, slug: 'opgave', title: 'Een opgave', status: 'published', publishedAt: start }).returning()
    challengeId = challenge!.id
  }, 120_000)
  afterAll(() => ctx.close())
  beforeEach(() => {
    ctx.clock.now = start
  })

  it('lets staff create a draft that only the municipality’s staff can see', async () => {
    const res = await create(town.manager, meetingBody({ challengeId, kind: 'information_session' }))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'draft', version: 1, challenge: { id: challengeId, title: 'Een opgave' }, municipality: { slug: 'ontmoetstad' }, registeredCount: 0, placesLeft: 2, registrationOpen: false, mayManage: true })
    const id = res.body.id as string
    expect((await http(ctx).get(`/api/v1/meetings/${id}`)).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/meetings/${id}`).set(bearer(anna.token))).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/meetings/${id}/ics`)).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/meetings/${id}`).set(bearer(town.accountManager.token))).body.mayManage).toBe(false)
    expect((await http(ctx).get(`/api/v1/meetings/${id}`).set(bearer(other.admin.token))).status).toBe(404)
    expect((await http(ctx).get('/api/v1/meetings').query({ municipality: 'ontmoetstad' })).body.items.map((m: { id: string }) => m.id)).not.toContain(id)
    expect((await registerFor(id, anna)).status).toBe(404)
    const staffList = await http(ctx).get(`/api/v1/municipalities/${town.id}/meetings`).set(bearer(town.accountManager.token))
    expect(staffList.body.items.map((m: { id: string }) => m.id)).toContain(id)
    const audit = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))
    expect(audit.map((a) => a.action)).toEqual(['meeting.created'])
  })

  it('refuses the wrong people: account managers 403, other municipalities and entrepreneurs 404', async () => {
    expect((await create(town.accountManager)).status).toBe(403)
    expect((await create(other.admin)).status).toBe(404)
    expect((await create(anna)).status).toBe(404)
    expect((await http(ctx).post(`/api/v1/municipalities/${town.id}/meetings`).send(meetingBody())).status).toBe(401)
    const m = await published()
    expect((await http(ctx).patch(`/api/v1/meetings/${m.id}`).set(bearer(anna.token)).send({ version: m.version, title: 'Gekaapt' })).status).toBe(403)
    expect((await http(ctx).get(`/api/v1/meetings/${m.id}/registrations`).set(bearer(town.accountManager.token))).status).toBe(403)
    expect((await http(ctx).get(`/api/v1/meetings/${m.id}/registrations/csv`).set(bearer(anna.token))).status).toBe(403)
  })

  it('validates the fields a schema cannot, naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [meetingBody({ endsAt: at(24 * 7) }), '/endsAt'],
      [meetingBody({ title: 'ab' }), '/title'],
      [meetingBody({ onlineUrl: 'javascript:alert(1)' }), '/onlineUrl'],
      [meetingBody({ onlineUrl: 'geen url' }), '/onlineUrl'],
      [meetingBody({ capacity: 0 }), '/capacity'],
      [meetingBody({ registrationClosesAt: at(24 * 8) }), '/registrationClosesAt'],
      [meetingBody({ challengeId: '00000000-0000-4000-8000-000000000000' }), '/challengeId'],
    ]
    for (const [body, field] of cases) {
      const res = await create(town.manager, body)
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    }
  })

  it('publishes, lists the meeting publicly with counts and never who registered', async () => {
    const m = await published({ challengeId, kind: 'information_session', title: 'Informatiesessie voor de opgave' })
    expect(await registerFor(m.id, anna, { enterpriseId: annaEnterprise, note: 'Rolstoeltoegankelijk graag' }).then((r) => r.status)).toBe(201)
    const list = await http(ctx).get('/api/v1/meetings').query({ municipality: 'ontmoetstad', challengeId, kind: 'information_session' })
    expect(list.status).toBe(200)
    const item = list.body.items.find((x: { id: string }) => x.id === m.id)
    expect(item).toMatchObject({ status: 'published', registeredCount: 1, placesLeft: 1, registrationOpen: true, myRegistration: null, mayManage: false })
    expect((await http(ctx).get('/api/v1/meetings').query({ municipality: 'elderstad' })).body.items).toEqual([])
    for (const res of [list, await http(ctx).get(`/api/v1/meetings/${m.id}`), await http(ctx).get(`/api/v1/meetings/${m.id}/ics`), await http(ctx).get(`/api/v1/meetings/${m.id}`).set(bearer(bram.token))]) {
      const text = res.text
      assertNoInternals(text)
      expect(text).not.toContain('Anna')
      expect(text).not.toContain('anna@groen.nl')
      expect(text).not.toContain('Rolstoeltoegankelijk')
      expect(text).not.toContain('Groen BV')
    }
    // Once it is over it leaves the upcoming list, but `from` still finds it.
    ctx.clock.now = new Date(Date.parse(at(24 * 8)))
    expect((await http(ctx).get('/api/v1/meetings').query({ municipality: 'ontmoetstad' })).body.items.map((x: { id: string }) => x.id)).not.toContain(m.id)
    expect((await http(ctx).get('/api/v1/meetings').query({ municipality: 'ontmoetstad', from: start.toISOString() })).body.items.map((x: { id: string }) => x.id)).toContain(m.id)
  })

  it('pages the public list by cursor, soonest first', async () => {
    for (const d of [30, 31, 32]) await published({ title: `Pitchdag ${d}`, kind: 'pitch_day', startsAt: at(24 * d), endsAt: at(24 * d + 2), registrationClosesAt: null })
    const first = await http(ctx).get('/api/v1/meetings').query({ kind: 'pitch_day', limit: 2 })
    expect(first.body.items.map((x: { title: string }) => x.title)).toEqual(['Pitchdag 30', 'Pitchdag 31'])
    const second = await http(ctx).get('/api/v1/meetings').query({ kind: 'pitch_day', limit: 2, cursor: first.body.nextCursor })
    expect(second.body.items.map((x: { title: string }) => x.title)).toEqual(['Pitchdag 32'])
    expect(second.body.nextCursor).toBeNull()
    const bad = await http(ctx).get('/api/v1/meetings').query({ cursor: 'onzin' })
    expect(bad.status).toBe(400)
  })

  it('registers idempotently, checks the enterprise, confirms by email with the .ics and lists my meetings', async () => {
    const m = await published()
    const foreign = await registerFor(m.id, anna, { enterpriseId: bramEnterprise })
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors[0].field).toBe('/enterpriseId')
    const first = await registerFor(m.id, anna, { enterpriseId: annaEnterprise, note: 'Vegetarisch' })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ registeredCount: 1, placesLeft: 1, myRegistration: { enterprise: { id: annaEnterprise, name: 'Groen BV' }, note: 'Vegetarisch' } })
    const again = await registerFor(m.id, anna, {})
    expect(again.status).toBe(200)
    expect(again.body.registeredCount).toBe(1)
    const mails = (await mailsTo('anna@groen.nl')).filter((e) => e.subject === 'Aangemeld: Mkb ontmoet sociaal ondernemers')
    expect(mails.length).toBeGreaterThanOrEqual(1)
    expect(mails.at(-1)!.text).toContain(`/api/v1/meetings/${m.id}/ics`)
    expect(mails.at(-1)!.text).toContain('namens Groen BV')
    const mine = await http(ctx).get('/api/v1/me/meetings').set(bearer(anna.token))
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(m.id)
    expect((await http(ctx).delete(`/api/v1/meetings/${m.id}/registration`).set(bearer(anna.token))).status).toBe(204)
    expect((await http(ctx).delete(`/api/v1/meetings/${m.id}/registration`).set(bearer(anna.token))).status).toBe(204)
    expect((await http(ctx).get('/api/v1/me/meetings').set(bearer(anna.token))).body.items.map((x: { id: string }) => x.id)).not.toContain(m.id)
    expect((await http(ctx).get(`/api/v1/meetings/${m.id}`)).body.registeredCount).toBe(0)
    expect((await registerFor(m.id, anna)).status).toBe(201)
  })

  it('refuses registration when full (409) and after the deadline on the server clock (422)', async () => {
    const m = await published({ capacity: 1 })
    // Three at once for one place: the row lock lets exactly one in.
    const results = await Promise.all([registerFor(m.id, anna), registerFor(m.id, bram), registerFor(m.id, cees)])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    const full = results.find((r) => r.status === 409)!
    expect(full.body.code).toBe('meetings.full')
    expect((await http(ctx).get(`/api/v1/meetings/${m.id}`)).body).toMatchObject({ registeredCount: 1, placesLeft: 0, registrationOpen: false })

    const later = await published({ capacity: 10 })
    ctx.clock.now = new Date(Date.parse(at(24 * 6)))
    const closed = await registerFor(later.id, anna)
    expect(closed.status).toBe(422)
    expect(closed.body.code).toBe('meetings.registration_closed')
    ctx.clock.now = new Date(Date.parse(at(24 * 6)) - 1000)
    expect((await registerFor(later.id, anna)).status).toBe(201)
  })

  it('edits with the version it started from (409 when stale) and bumps the SEQUENCE of the .ics', async () => {
    const m = await published()
    await registerFor(m.id, bram, { enterpriseId: bramEnterprise })
    const ok = await http(ctx).patch(`/api/v1/meetings/${m.id}`).set(bearer(town.manager.token)).send({ version: m.version, location: 'Bibliotheek, Plein 2', startsAt: at(24 * 7 + 1), endsAt: at(24 * 7 + 4) })
    expect(ok.status).toBe(200)
    expect(ok.body.version).toBe(m.version + 1)
    const stale = await http(ctx).patch(`/api/v1/meetings/${m.id}`).set(bearer(town.admin.token)).send({ version: m.version, title: 'Botsing' })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('resource.version_conflict')
    expect(stale.body.current.version).toBe(m.version + 1)
    const lower = await http(ctx).patch(`/api/v1/meetings/${m.id}`).set(bearer(town.manager.token)).send({ version: ok.body.version, capacity: 0 })
    expect(lower.status).toBe(400)
    const ics = await http(ctx).get(`/api/v1/meetings/${m.id}/ics`)
    expect(ics.text).toContain(`SEQUENCE:${m.version + 1}\r\n`)
    expect(ics.text).toContain('LOCATION:Bibliotheek\\, Plein 2\r\n')
    expect(ics.text).toContain('DTSTART:20300308T110000Z\r\n')
    expect((await mailsTo('bram@bouw.nl')).some((e) => e.subject.startsWith('Gewijzigd:') && e.text.includes(`/meetings/${m.id}/ics`))).toBe(true)
  })

  it('serves the .ics as text/calendar with a stable UID', async () => {
    const m = await published({ title: 'Agenda, test; met \\ tekens' })
    const res = await http(ctx).get(`/api/v1/meetings/${m.id}/ics`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/calendar/)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.ics"/)
    expect(res.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(res.text).toContain(`UID:meeting-${m.id}@`)
    expect(res.text).toContain('SUMMARY:Agenda\\, test\\; met \\\\ tekens\r\n')
    expect(res.text).toContain('DTSTART:20300308T100000Z\r\nDTEND:20300308T130000Z\r\n')
    expect(res.text).toContain('STATUS:CONFIRMED')
  })

  it('cancels: registrants are emailed with the cancelled .ics, registration closes, staff see who registered', async () => {
    const m = await published({ capacity: 5 })
    await registerFor(m.id, anna, { enterpriseId: annaEnterprise, note: 'Ik neem een collega mee' })
    await registerFor(m.id, bram, { note: '=HYPERLINK("x")' })
    const regs = await http(ctx).get(`/api/v1/meetings/${m.id}/registrations`).set(bearer(town.manager.token))
    expect(regs.status).toBe(200)
    expect(regs.body.items).toEqual([
      expect.objectContaining({ name: 'Anna Groen', enterprise: { id: annaEnterprise, name: 'Groen BV' }, note: 'Ik neem een collega mee' }),
      expect.objectContaining({ name: 'Bram Bouw', enterprise: null }),
    ])
    const csv = await http(ctx).get(`/api/v1/meetings/${m.id}/registrations/csv`).set(bearer(town.admin.token))
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.text).toContain('Anna Groen,Groen BV,Ik neem een collega mee,')
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")"`)

    const before = (await mailsTo('anna@groen.nl')).length
    const cancel = await http(ctx).post(`/api/v1/meetings/${m.id}/cancel`).set(bearer(town.manager.token)).send({ version: m.version, reason: 'De zaal is niet beschikbaar.' })
    expect(cancel.status).toBe(200)
    expect(cancel.body).toMatchObject({ status: 'cancelled', version: m.version + 1, registrationOpen: false })
    const annaMails = await mailsTo('anna@groen.nl')
    expect(annaMails.length).toBe(before + 1)
    const mail = annaMails.find((e) => e.subject === 'Geannuleerd: Mkb ontmoet sociaal ondernemers')!
    expect(mail.text).toContain('De zaal is niet beschikbaar.')
    expect(mail.text).toContain(`/api/v1/meetings/${m.id}/ics`)
    expect((await mailsTo('bram@bouw.nl')).some((e) => e.subject.startsWith('Geannuleerd:'))).toBe(true)

    const ics = await http(ctx).get(`/api/v1/meetings/${m.id}/ics`)
    expect(ics.text).toContain('STATUS:CANCELLED\r\n')
    expect(ics.text).toContain(`SEQUENCE:${m.version + 1}\r\n`)
    expect((await http(ctx).get(`/api/v1/meetings/${m.id}`)).body.status).toBe('cancelled')
    const late = await registerFor(m.id, cees)
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('meetings.cancelled')
    expect((await http(ctx).post(`/api/v1/meetings/${m.id}/cancel`).set(bearer(town.manager.token)).send({ version: m.version + 1 })).status).toBe(409)
    expect((await http(ctx).patch(`/api/v1/meetings/${m.id}`).set(bearer(town.manager.token)).send({ version: m.version + 1, title: 'Toch wel' })).status).toBe(409)

    const audit = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, m.id))
    expect(audit.map((a) => a.action)).toEqual(['meeting.created', 'meeting.published', 'meeting.cancelled'])
    expect(JSON.stringify(audit)).not.toContain('De zaal')
  })

  it('does not publish a draft twice nor one already over', async () => {
    const m = await published()
    expect((await http(ctx).post(`/api/v1/meetings/${m.id}/publish`).set(bearer(town.manager.token)).send({ version: m.version })).status).toBe(409)
    const past = await create(town.manager, meetingBody({ startsAt: at(-5), endsAt: at(-3), registrationClosesAt: null }))
    const res = await http(ctx).post(`/api/v1/meetings/${past.body.id}/publish`).set(bearer(town.manager.token)).send({ version: 1 })
    expect(res.status).toBe(422)
  })
})
