// Dates are always shown and entered in Dutch time (Europe/Amsterdam), whatever the browser's own
// zone: deadlines are the municipality's, and "12:00" must mean the same moment for every reader.

import { dateTimeFormat, listFormat, numberFormat } from '../../app/intl-formats'

export const TIME_ZONE = 'Europe/Amsterdam'

export type AppLocale = 'nl' | 'en'

export function formatDateTime(iso: string, locale: string, style: 'long' | 'short' = 'long'): string {
  return dateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: style, timeStyle: 'short' }).format(new Date(iso))
}

export function formatDate(iso: string, locale: string): string {
  return dateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'long' }).format(new Date(iso))
}

export function formatEuros(amount: number, locale: string): string {
  return numberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount)
}

/** Whole days, hours and minutes left until `deadline`; null once it has passed. */
export function timeLeft(deadline: Date, now: Date): { days: number; hours: number; minutes: number } | null {
  const ms = deadline.getTime() - now.getTime()
  if (ms <= 0) return null
  const minutes = Math.floor(ms / 60_000)
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 }
}

/** "3 dagen, 4 uur en 12 minuten" / "3 days, 4 hours and 12 minutes": plurals by Intl, not by hand. */
export function formatTimeLeft(left: { days: number; hours: number; minutes: number }, locale: string): string {
  const unit = (value: number, name: 'day' | 'hour' | 'minute') => numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value)
  const parts = [left.days > 0 ? unit(left.days, 'day') : null, left.days > 0 || left.hours > 0 ? unit(left.hours, 'hour') : null, unit(left.minutes, 'minute')].filter(
    (p): p is string => p !== null,
  )
  return listFormat(locale, { style: 'long', type: 'conjunction' }).format(parts)
}

const AMSTERDAM_PARTS: Intl.DateTimeFormatOptions = {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}

function amsterdamParts(date: Date): Record<string, number> {
  const parts = dateTimeFormat('en', AMSTERDAM_PARTS).formatToParts(date)
  return Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]))
}

/** Offset of Dutch time from UTC at that instant, in ms (1 h in winter, 2 h in summer). */
function amsterdamOffset(date: Date): number {
  const p = amsterdamParts(date)
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(date.getTime() / 1000) * 1000
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as the value of a `datetime-local` input in Dutch time: "2026-05-01T12:00". */
export function toAmsterdamInput(iso: string | null | undefined): string {
  if (!iso) return ''
  const p = amsterdamParts(new Date(iso))
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`
}

/** A `datetime-local` value read as Dutch time → ISO instant with timezone; null when empty or unreadable. */
export function fromAmsterdamInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m) return null
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  // Two passes settle the offset around the daylight-saving switch.
  let instant = asUtc - amsterdamOffset(new Date(asUtc))
  instant = asUtc - amsterdamOffset(new Date(instant))
  return new Date(instant).toISOString()
}

/**
 * The instant a date field of an edit form means: the stored one while the field still shows it, else what was
 * typed (null when empty or unreadable). The field shows minutes; sending those back would move an instant
 * stored with seconds (by the API, an import or the demo) without anyone asking, and announce it as moved.
 */
export function instantFromInput(value: string, stored: string | null | undefined): string | null {
  if (stored && value === toAmsterdamInput(stored)) return stored
  return fromAmsterdamInput(value)
}
