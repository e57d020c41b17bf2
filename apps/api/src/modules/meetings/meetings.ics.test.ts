import { describe, expect, it } from 'vitest'
import { escapeIcsText, foldIcsLine, icsDateTime } from '../../lib/ics'
import { meetingToIcs, type IcsMeeting } from './meetings.ics'

const meeting = (overrides: Partial<IcsMeeting> = {}): IcsMeeting => ({
  id: '0b0e6a52-2b8c-4a1e-9a57-5d3f1c2b7a10',
  title: 'Mkb ontmoet sociaal ondernemers',
  description: 'Kennismaken; samenwerken, inkopen\\aanbesteden\nTweede regel',
  startsAt: new Date('2026-12-01T15:00:00.000Z'),
  endsAt: new Date('2026-12-01T17:30:00.000Z'),
  location: 'Stadhuis, Markt 1; Voorbeeldstad',
  onlineUrl: null,
  status: 'published',
  version: 3,
  updatedAt: new Date('2026-11-20T09:08:07.654Z'),
  pageUrl: 'https://opgave.example/bijeenkomsten/0b0e6a52-2b8c-4a1e-9a57-5d3f1c2b7a10',
  ...overrides,
})

/** Undoes the folding: a CRLF followed by one space joins the lines. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '')
const prop = (ics: string, name: string) => unfold(ics).split('\r\n').find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))

describe('meetingToIcs', () => {
  it('writes one VEVENT in a VCALENDAR with the required properties, UTC times and CRLF endings', () => {
    const ics = meetingToIcs(meeting(), { uidDomain: 'opgave.example' })
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true)
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(prop(ics, 'UID')).toBe('UID:meeting-0b0e6a52-2b8c-4a1e-9a57-5d3f1c2b7a10@opgave.example')
    expect(prop(ics, 'DTSTART')).toBe('DTSTART:20261201T150000Z')
    expect(prop(ics, 'DTEND')).toBe('DTEND:20261201T173000Z')
    expect(prop(ics, 'DTSTAMP')).toBe('DTSTAMP:20261120T090807Z')
    expect(prop(ics, 'SEQUENCE')).toBe('SEQUENCE:3')
    expect(prop(ics, 'SUMMARY')).toBe('SUMMARY:Mkb ontmoet sociaal ondernemers')
    expect(prop(ics, 'STATUS')).toBe('STATUS:CONFIRMED')
    expect(prop(ics, 'URL')).toBe('URL:https://opgave.example/bijeenkomsten/0b0e6a52-2b8c-4a1e-9a57-5d3f1c2b7a10')
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1)
  })

  it('is stable: the same meeting at the same version gives the same bytes; the UID survives a new version', () => {
    const a = meetingToIcs(meeting(), { uidDomain: 'opgave.example' })
    expect(meetingToIcs(meeting(), { uidDomain: 'opgave.example' })).toBe(a)
    const b = meetingToIcs(meeting({ version: 4, title: 'Nieuw' }), { uidDomain: 'opgave.example' })
    expect(prop(b, 'UID')).toBe(prop(a, 'UID'))
    expect(prop(b, 'SEQUENCE')).toBe('SEQUENCE:4')
  })

  it('escapes backslash, semicolon, comma and newlines in text values', () => {
    const ics = meetingToIcs(meeting(), { uidDomain: 'x' })
    expect(prop(ics, 'LOCATION')).toBe('LOCATION:Stadhuis\\, Markt 1\\; Voorbeeldstad')
    expect(prop(ics, 'DESCRIPTION')).toContain('Kennismaken\\; samenwerken\\, inkopen\\\\aanbesteden\\nTweede regel')
    expect(escapeIcsText('a\r\nb\rc\nd')).toBe('a\\nb\\nc\\nd')
  })

  it('folds lines longer than 75 octets without splitting a multi-byte character', () => {
    const title = 'Informatiebijeenkomst “Energiearmoede aanpakken in huurwoningen” — vragen, antwoorden en koffie ☕ voor iedereen'
    const ics = meetingToIcs(meeting({ title, description: 'é'.repeat(200) }), { uidDomain: 'x' })
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(prop(ics, 'SUMMARY')).toBe(`SUMMARY:${escapeIcsText(title)}`)
    expect(prop(ics, 'DESCRIPTION')).toContain('é'.repeat(200))
    expect(ics).toContain('\r\n ')
    expect(ics).not.toContain('\uFFFD')
  })

  it('folds exactly: 75 octets stay on one line, 76 are split into 75 + space + 1', () => {
    expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75))
    expect(foldIcsLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`)
    expect(foldIcsLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`)
    // A two-octet character that would straddle octet 75 moves to the next line whole.
    expect(foldIcsLine(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}\r\n é`)
  })

  it('marks a cancelled meeting STATUS:CANCELLED with a higher SEQUENCE', () => {
    const ics = meetingToIcs(meeting({ status: 'cancelled', version: 5 }), { uidDomain: 'x' })
    expect(prop(ics, 'STATUS')).toBe('STATUS:CANCELLED')
    expect(prop(ics, 'SEQUENCE')).toBe('SEQUENCE:5')
    expect(prop(ics, 'SUMMARY')).toBe('SUMMARY:Geannuleerd: Mkb ontmoet sociaal ondernemers')
  })

  it('uses the online link as location and URL for an online meeting', () => {
    const ics = meetingToIcs(meeting({ location: null, onlineUrl: 'https://meet.example/abc' }), { uidDomain: 'x' })
    expect(prop(ics, 'LOCATION')).toBe('LOCATION:https://meet.example/abc')
    expect(prop(ics, 'URL')).toBe('URL:https://meet.example/abc')
    expect(prop(ics, 'DESCRIPTION')).toContain('Online: https://meet.example/abc')
  })

  it('formats UTC date-times in the basic format', () => {
    expect(icsDateTime(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z')
  })
})
