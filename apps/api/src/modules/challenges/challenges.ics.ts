import { escapeIcsText, icsDateTime, icsFile } from '../../lib/ics'

/**
 * A challenge's dates as an iCalendar file (RFC 5545), so an entrepreneur has the questions and submission
 * deadlines in their own calendar. One VEVENT per date that is set, each a moment (DTSTART without DTEND),
 * with a stable UID per challenge and date and SEQUENCE = the challenge's version: importing the file again
 * after a deadline moved updates the entry instead of adding a second. Pure: same challenge, same bytes.
 */
export interface IcsChallenge {
  id: string
  title: string
  questionsDeadline: Date | null
  submissionDeadline: Date | null
  decisionAt: Date | null
  version: number
  /** The last change: the DTSTAMP (stable per version, unlike the download moment). */
  updatedAt: Date
  /** The public page of the challenge. */
  pageUrl: string
}

type DateKind = 'questions' | 'submission' | 'decision'

const EVENTS: { kind: DateKind; date: (c: IcsChallenge) => Date | null; summary: string; description: string; alarm: boolean }[] = [
  { kind: 'questions', date: (c) => c.questionsDeadline, summary: 'Laatste dag voor vragen', description: 'Tot dit moment stelt u vragen over de uitdaging; de antwoorden komen voor iedereen in de nota van inlichtingen.', alarm: true },
  { kind: 'submission', date: (c) => c.submissionDeadline, summary: 'Deadline voorstel indienen', description: 'Tot dit moment dient u uw voorstel in; daarna verandert er niets meer aan.', alarm: true },
  { kind: 'decision', date: (c) => c.decisionAt, summary: 'Besluit verwacht', description: 'Rond dit moment verwacht de gemeente te besluiten.', alarm: false },
]

export function challengeToIcs(challenge: IcsChallenge, opts: { uidDomain: string }): string {
  const events = EVENTS.flatMap(({ kind, date, summary, description, alarm }) => {
    const at = date(challenge)
    if (!at) return []
    return [
      'BEGIN:VEVENT',
      `UID:challenge-${challenge.id}-${kind}@${opts.uidDomain}`,
      `DTSTAMP:${icsDateTime(challenge.updatedAt)}`,
      `DTSTART:${icsDateTime(at)}`,
      `SEQUENCE:${challenge.version}`,
      `SUMMARY:${escapeIcsText(`${summary}: ${challenge.title}`)}`,
      `DESCRIPTION:${escapeIcsText(`${description}\n\n${challenge.pageUrl}`)}`,
      `URL:${challenge.pageUrl}`,
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      // Two days ahead, as the platform's own reminder mails.
      ...(alarm ? ['BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-P2D', `DESCRIPTION:${escapeIcsText(`Over twee dagen: ${summary.toLowerCase()} (${challenge.title})`)}`, 'END:VALARM'] : []),
      'END:VEVENT',
    ]
  })
  return icsFile(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Opgave//Uitdagingen//NL', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeIcsText(challenge.title)}`, ...events, 'END:VCALENDAR'])
}
