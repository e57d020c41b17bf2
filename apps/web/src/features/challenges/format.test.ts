import { describe, expect, it } from 'vitest'
import { formatDateTime, formatEuros, formatTimeLeft, fromAmsterdamInput, timeLeft, toAmsterdamInput } from './format'

describe('Dutch time for deadlines', () => {
  it('shows instants in Europe/Amsterdam in both languages', () => {
    expect(formatDateTime('2026-06-01T10:00:00Z', 'nl')).toBe('1 juni 2026 om 12:00')
    expect(formatDateTime('2026-01-15T10:00:00Z', 'en')).toBe('15 January 2026 at 11:00')
  })

  it('reads datetime-local values as Dutch time, in winter and summer, and writes them back', () => {
    expect(fromAmsterdamInput('2026-01-15T12:00')).toBe('2026-01-15T11:00:00.000Z')
    expect(fromAmsterdamInput('2026-07-01T12:00')).toBe('2026-07-01T10:00:00.000Z')
    expect(toAmsterdamInput('2026-07-01T10:00:00.000Z')).toBe('2026-07-01T12:00')
    expect(toAmsterdamInput('2026-03-29T01:30:00.000Z')).toBe('2026-03-29T03:30')
    expect(fromAmsterdamInput('')).toBeNull()
    expect(fromAmsterdamInput('morgen')).toBeNull()
    for (const iso of ['2026-03-29T00:59:00.000Z', '2026-10-25T02:30:00.000Z', '2026-12-31T23:00:00.000Z']) {
      expect(fromAmsterdamInput(toAmsterdamInput(iso))).toBe(iso)
    }
  })
})

describe('countdown', () => {
  const now = new Date('2026-05-01T10:00:00Z')
  it('counts whole days, hours and minutes, and stops at the deadline', () => {
    expect(timeLeft(new Date('2026-05-04T14:12:59Z'), now)).toEqual({ days: 3, hours: 4, minutes: 12 })
    expect(timeLeft(now, now)).toBeNull()
    expect(timeLeft(new Date(now.getTime() - 1), now)).toBeNull()
  })
  it('words the time left with correct plurals', () => {
    expect(formatTimeLeft({ days: 3, hours: 1, minutes: 12 }, 'nl')).toBe('3 dagen, 1 uur en 12 minuten')
    expect(formatTimeLeft({ days: 1, hours: 0, minutes: 1 }, 'en')).toBe('1 day, 0 hours and 1 minute')
    expect(formatTimeLeft({ days: 0, hours: 0, minutes: 5 }, 'nl')).toBe('5 minuten')
  })
})

describe('formatEuros', () => {
  it('formats euros for the locale', () => {
    expect(formatEuros(50000.5, 'nl').replace(/\s/g, ' ')).toBe('€ 50.000,50')
    expect(formatEuros(120000, 'en')).toBe('€120,000')
  })
})
