import { describe, expect, it } from 'vitest'
import { challengeToIcs, type IcsChallenge } from './challenges.ics'

const challenge = (overrides: Partial<IcsChallenge> = {}): IcsChallenge => ({
  id: '5d1c0f3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f',
  title: 'Eenzaamheid, samen; doorbreken',
  questionsDeadline: new Date('2026-12-09T11:00:00.000Z'),
  submissionDeadline: new Date('2026-12-30T11:00:00.000Z'),
  decisionAt: null,
  version: 7,
  updatedAt: new Date('2026-11-20T09:08:07.654Z'),
  pageUrl: 'https://opgave.example/uitdagingen/5d1c0f3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f',
  ...overrides,
})

const unfold = (ics: string) => ics.replace(/\r\n /g, '')
/** The events as maps of property name to value (the first of each name; VALARM lines included). */
const events = (ics: string) =>
  unfold(ics)
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((block) => block.split('\r\n').reduce<Record<string, string>>((props, line) => {
      const i = line.indexOf(':')
      if (i > 0 && !(line.slice(0, i) in props)) props[line.slice(0, i)] = line.slice(i + 1)
      return props
    }, {}))

describe('challengeToIcs', () => {
  it('writes one moment per date that is set, in UTC, with a UID per challenge and date and SEQUENCE = version', () => {
    const ics = challengeToIcs(challenge(), { uidDomain: 'opgave.example' })
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true)
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    const [questions, submission, ...rest] = events(ics)
    expect(rest).toEqual([])
    expect(questions).toMatchObject({
      UID: 'challenge-5d1c0f3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f-questions@opgave.example',
      DTSTART: '20261209T110000Z',
      DTSTAMP: '20261120T090807Z',
      SEQUENCE: '7',
      SUMMARY: 'Laatste dag voor vragen: Eenzaamheid\\, samen\\; doorbreken',
      URL: 'https://opgave.example/uitdagingen/5d1c0f3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f',
      TRIGGER: '-P2D',
    })
    expect(submission).toMatchObject({ UID: 'challenge-5d1c0f3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f-submission@opgave.example', DTSTART: '20261230T110000Z', SUMMARY: 'Deadline voorstel indienen: Eenzaamheid\\, samen\\; doorbreken' })
    // A deadline is a moment: no end, no duration.
    expect(submission).not.toHaveProperty('DTEND')
    expect(submission).not.toHaveProperty('DURATION')
    expect(submission!.DESCRIPTION).toContain('\\n\\nhttps://opgave.example/uitdagingen/')
  })

  it('keeps each UID when a deadline moves, so a calendar updates the entry; the same version gives the same bytes', () => {
    const before = challengeToIcs(challenge(), { uidDomain: 'x' })
    expect(challengeToIcs(challenge(), { uidDomain: 'x' })).toBe(before)
    const after = challengeToIcs(challenge({ version: 8, submissionDeadline: new Date('2027-01-06T11:00:00.000Z'), decisionAt: new Date('2027-02-01T09:00:00.000Z') }), { uidDomain: 'x' })
    const [, submission, decision] = events(after)
    expect(submission).toMatchObject({ UID: events(before)[1]!.UID, DTSTART: '20270106T110000Z', SEQUENCE: '8' })
    // The expected decision is not a deadline of the applicant's: no alarm.
    expect(decision).toMatchObject({ UID: 'challenge-5d1c0f3e-8a2b-4c6d-9e0f-1a2b3c4d5e6f-decision@x', DTSTART: '20270201T090000Z' })
    expect(decision).not.toHaveProperty('TRIGGER')
  })

  it('is an empty calendar for a challenge without dates', () => {
    const ics = challengeToIcs(challenge({ questionsDeadline: null, submissionDeadline: null }), { uidDomain: 'x' })
    expect(events(ics)).toEqual([])
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })
})
