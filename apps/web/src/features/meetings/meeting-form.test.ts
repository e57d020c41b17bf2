import { describe, expect, it } from 'vitest'
import type { Meeting } from './api'
import { emptyMeetingForm, formToBody, meetingProblemKey, meetingToForm } from './meeting-form'

const filled = () => ({ ...emptyMeetingForm(), title: 'Mkb ontmoet sociaal ondernemers', startsAt: '2026-12-01T16:00', endsAt: '2026-12-01T19:00' })

describe('meeting form', () => {
  it('turns Dutch times into instants and empty optional fields into null', () => {
    const { body, problems } = formToBody({ ...filled(), capacity: '40', location: ' Stadhuis ' })
    expect(problems).toEqual([])
    expect(body).toMatchObject({ startsAt: '2026-12-01T15:00:00.000Z', endsAt: '2026-12-01T18:00:00.000Z', capacity: 40, location: 'Stadhuis', onlineUrl: null, registrationClosesAt: null, challengeId: null })
  })

  it('keeps a stored time the manager did not touch to the second, so registrants hear of no move', () => {
    const stored = { startsAt: '2026-12-01T15:00:42.000Z', endsAt: '2026-12-01T18:00:42.000Z', registrationClosesAt: '2026-11-30T23:00:42.000Z' } as Meeting
    const form = { ...filled(), ...meetingToForm({ ...stored, kind: 'matchmaking', title: 'Mkb ontmoet sociaal ondernemers', description: '', location: null, onlineUrl: null, capacity: null, challengeId: null } as Meeting) }
    expect(formToBody(form, stored).body).toMatchObject({ startsAt: '2026-12-01T15:00:42.000Z', endsAt: '2026-12-01T18:00:42.000Z', registrationClosesAt: '2026-11-30T23:00:42.000Z' })
    expect(formToBody({ ...form, endsAt: '2026-12-01T20:00' }, stored).body).toMatchObject({ startsAt: '2026-12-01T15:00:42.000Z', endsAt: '2026-12-01T19:00:00.000Z' })
  })

  it('names the field of each problem', () => {
    const fields = (over: Record<string, string>) => formToBody({ ...filled(), ...over }).problems.map((p) => `${p.field}:${p.key}`)
    expect(fields({ endsAt: '2026-12-01T16:00' })).toEqual(['endsAt:endsBeforeStart'])
    expect(fields({ title: 'ab' })).toEqual(['title:titleLength'])
    expect(fields({ capacity: '0' })).toEqual(['capacity:capacity'])
    expect(fields({ capacity: '2.5' })).toEqual(['capacity:capacity'])
    expect(fields({ onlineUrl: 'javascript:alert(1)' })).toEqual(['onlineUrl:url'])
    expect(fields({ registrationClosesAt: '2026-12-02T10:00' })).toEqual(['registrationClosesAt:closesAfterStart'])
    expect(fields({ startsAt: '' })).toEqual(['startsAt:dateRequired'])
  })

  it('maps meeting problem codes to our own message keys', () => {
    expect(meetingProblemKey({ code: 'meetings.full', detail: 'All 2 places are taken.' })).toEqual({ key: 'meetings.apiErrors.full', fallback: 'All 2 places are taken.' })
    expect(meetingProblemKey({ code: 'auth.unauthenticated' })).toBeNull()
  })
})
