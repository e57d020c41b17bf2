import { instantFromInput, toAmsterdamInput } from '../challenges/format'
import type { CreateMeetingBody, Meeting, MeetingKind } from './api'

/** The editor's fields as the inputs hold them (strings; dates as Dutch-time `datetime-local` values). */
export interface MeetingForm {
  /** A MeetingKind; a string because a select field holds one. */
  kind: string
  title: string
  description: string
  startsAt: string
  endsAt: string
  location: string
  onlineUrl: string
  capacity: string
  registrationClosesAt: string
  challengeId: string
}

export const MEETING_FORM_FIELDS = ['kind', 'title', 'description', 'startsAt', 'endsAt', 'location', 'onlineUrl', 'capacity', 'registrationClosesAt', 'challengeId'] as const
export type MeetingField = (typeof MEETING_FORM_FIELDS)[number]

export const emptyMeetingForm = (): MeetingForm => ({ kind: 'matchmaking', title: '', description: '', startsAt: '', endsAt: '', location: '', onlineUrl: '', capacity: '', registrationClosesAt: '', challengeId: '' })

export function meetingToForm(m: Meeting): MeetingForm {
  return {
    kind: m.kind,
    title: m.title,
    description: m.description,
    startsAt: toAmsterdamInput(m.startsAt),
    endsAt: toAmsterdamInput(m.endsAt),
    location: m.location ?? '',
    onlineUrl: m.onlineUrl ?? '',
    capacity: m.capacity === null ? '' : String(m.capacity),
    registrationClosesAt: toAmsterdamInput(m.registrationClosesAt),
    challengeId: m.challenge?.id ?? '',
  }
}

export type FormProblem = { field: MeetingField; key: string }

/**
 * The form as a request body, or the problems found before sending (the server checks the same and
 * names the field; checking here spares a round trip). Message keys live under `meetings.form.errors`.
 */
export function formToBody(form: MeetingForm, stored: Meeting | null = null): { body: CreateMeetingBody; problems: [] } | { body: null; problems: FormProblem[] } {
  const problems: FormProblem[] = []
  const title = form.title.trim()
  if (title.length < 3) problems.push({ field: 'title', key: 'titleLength' })
  // A time left as it was keeps the stored instant, so registrants are not told of a move nobody made.
  const startsAt = instantFromInput(form.startsAt, stored?.startsAt)
  const endsAt = instantFromInput(form.endsAt, stored?.endsAt)
  if (!startsAt) problems.push({ field: 'startsAt', key: 'dateRequired' })
  if (!endsAt) problems.push({ field: 'endsAt', key: 'dateRequired' })
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.push({ field: 'endsAt', key: 'endsBeforeStart' })
  const closes = form.registrationClosesAt.trim() ? instantFromInput(form.registrationClosesAt, stored?.registrationClosesAt) : null
  if (form.registrationClosesAt.trim() && !closes) problems.push({ field: 'registrationClosesAt', key: 'dateRequired' })
  else if (closes && startsAt && Date.parse(closes) > Date.parse(startsAt)) problems.push({ field: 'registrationClosesAt', key: 'closesAfterStart' })
  const url = form.onlineUrl.trim()
  if (url && !/^https?:\/\/[^\s]+\.[^\s]+/.test(url)) problems.push({ field: 'onlineUrl', key: 'url' })
  const capacityText = form.capacity.trim()
  const capacity = capacityText ? Number(capacityText) : null
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1)) problems.push({ field: 'capacity', key: 'capacity' })
  if (problems.length > 0) return { body: null, problems }
  return {
    body: {
      kind: form.kind as MeetingKind,
      title,
      description: form.description.trim(),
      startsAt: startsAt!,
      endsAt: endsAt!,
      location: form.location.trim() || null,
      onlineUrl: url || null,
      capacity,
      registrationClosesAt: closes,
      challengeId: form.challengeId || null,
    },
    problems: [],
  }
}

/** Messages for the meeting codes in our own words: `meetings.apiErrors.<code>`, else the server's text. */
export function meetingProblemKey(body: unknown): { key: string; fallback: string } | null {
  if (!body || typeof body !== 'object') return null
  const { code, detail } = body as { code?: unknown; detail?: unknown }
  if (typeof code !== 'string' || !code.startsWith('meetings.')) return null
  return { key: `meetings.apiErrors.${code.slice('meetings.'.length)}`, fallback: typeof detail === 'string' ? detail : code }
}
