/**
 * A meeting as an iCalendar file (RFC 5545): one VCALENDAR with one VEVENT. Pure: the same meeting at
 * the same version always gives the same bytes, so calendar apps recognise an update by UID + SEQUENCE.
 */
export interface IcsMeeting {
  id: string
  title: string
  description: string
  startsAt: Date
  endsAt: Date
  location: string | null
  onlineUrl: string | null
  status: 'draft' | 'published' | 'cancelled'
  /** Bumped on every change: the SEQUENCE. */
  version: number
  /** The last change: the DTSTAMP (stable per version, unlike the download moment). */
  updatedAt: Date
  /** The public page of the meeting. */
  pageUrl: string
}

const CRLF = '\r\n'
const MAX_OCTETS = 75

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/**
 * Folds one content line into lines of at most 75 octets (RFC 5545 §3.1): each continuation starts
 * with one space. Counts UTF-8 octets and never splits a multi-byte character.
 */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder()
  if (encoder.encode(line).length <= MAX_OCTETS) return line
  const parts: string[] = []
  let current = ''
  let octets = 0
  // The first line may hold 75 octets; continuations 74 after their leading space.
  let limit = MAX_OCTETS
  for (const char of line) {
    const size = encoder.encode(char).length
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
      limit = MAX_OCTETS - 1
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join(`${CRLF} `)
}

/** A UTC date-time in the basic format: 20261123T101500Z. */
export function icsDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

export function meetingToIcs(meeting: IcsMeeting, opts: { uidDomain: string }): string {
  const description = [meeting.description.trim(), meeting.onlineUrl ? `Online: ${meeting.onlineUrl}` : '', meeting.pageUrl].filter(Boolean).join('\n\n')
  const cancelled = meeting.status === 'cancelled'
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Opgave//Bijeenkomsten//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.id}@${opts.uidDomain}`,
    `DTSTAMP:${icsDateTime(meeting.updatedAt)}`,
    `DTSTART:${icsDateTime(meeting.startsAt)}`,
    `DTEND:${icsDateTime(meeting.endsAt)}`,
    `SEQUENCE:${meeting.version}`,
    `SUMMARY:${escapeIcsText(cancelled ? `Geannuleerd: ${meeting.title}` : meeting.title)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    ...(meeting.location ?? meeting.onlineUrl ? [`LOCATION:${escapeIcsText((meeting.location ?? meeting.onlineUrl)!)}`] : []),
    `URL:${meeting.onlineUrl ?? meeting.pageUrl}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(foldIcsLine).join(CRLF) + CRLF
}
