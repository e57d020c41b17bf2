import { escapeIcsText, icsDateTime, icsFile } from '../../lib/ics'

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
  return icsFile(lines)
}
