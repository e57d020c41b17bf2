import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http } from '../../../test/http'
import { completeChallenge, createDraft, createMunicipality, createPublished } from './challenges.fixtures'

/** GET /challenges/{id}/ics: the challenge's dates for the applicant's own calendar. */
describe('the challenge calendar (.ics)', () => {
  let ctx: TestContext
  let gemeente: Awaited<ReturnType<typeof createMunicipality>>
  beforeAll(async () => {
    ctx = await createTestApp()
    gemeente = await createMunicipality(ctx, 'agendastad')
  })
  afterAll(() => ctx.close())

  const property = (ics: string, event: string, name: string) => {
    const block = ics.replace(/\r\n /g, '').split('BEGIN:VEVENT\r\n').find((b) => b.includes(`-${event}@`))
    return block?.split('\r\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1)
  }
  const basic = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')

  it('gives anyone a published challenge’s deadlines as a download, and the moved deadline under the same UID after an edit', async () => {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(ctx.clock.now, { title: 'In de agenda' }))
    const first = await http(ctx).get(`/api/v1/challenges/${published.id}/ics`).buffer(true)
    expect(first.status).toBe(200)
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8')
    expect(first.headers['content-disposition']).toBe('attachment; filename="uitdaging-in-de-agenda.ics"')
    const ics = first.text
    expect(property(ics, 'submission', 'DTSTART')).toBe(basic(published.submissionDeadline))
    expect(property(ics, 'submission', 'SEQUENCE')).toBe(String(published.version))
    expect(property(ics, 'submission', 'URL')).toBe(`http://localhost:3000/uitdagingen/${published.id}`)
    expect(property(ics, 'questions', 'UID')).toBe(`challenge-${published.id}-questions@localhost`)

    const moved = new Date(new Date(published.submissionDeadline).getTime() + 7 * 86_400_000).toISOString()
    const edit = await http(ctx).patch(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token)).send({ version: published.version, submissionDeadline: moved })
    expect(edit.status).toBe(200)
    const again = (await http(ctx).get(`/api/v1/challenges/${published.id}/ics`).buffer(true)).text
    expect(property(again, 'submission', 'UID')).toBe(property(ics, 'submission', 'UID'))
    expect(property(again, 'submission', 'DTSTART')).toBe(basic(moved))
    expect(Number(property(again, 'submission', 'SEQUENCE'))).toBeGreaterThan(Number(property(ics, 'submission', 'SEQUENCE')))
  })

  it('hides a draft’s calendar from everyone but its municipality’s staff, and names a malformed id', async () => {
    const draft = await createDraft(ctx, gemeente.id, gemeente.manager.token, completeChallenge(ctx.clock.now, { title: 'Nog geheim' }))
    expect((await http(ctx).get(`/api/v1/challenges/${draft.id}/ics`)).status).toBe(404)
    expect((await http(ctx).get(`/api/v1/challenges/${draft.id}/ics`).set(bearer(gemeente.manager.token))).status).toBe(200)
    const malformed = await http(ctx).get('/api/v1/challenges/geen-id/ics')
    expect(malformed.status).toBe(400)
    expect(malformed.headers['content-type']).toContain('application/problem+json')
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toContain('params/challengeId')
  })
})
