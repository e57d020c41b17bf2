/**
 * iCalendar (RFC 5545) building blocks shared by the meeting and challenge calendars: text escaping, line
 * folding and UTC date-times. Pure.
 */
export const CRLF = '\r\n'
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

/** Joins content lines into a file: each folded, CRLF line endings, a final CRLF. */
export function icsFile(lines: readonly string[]): string {
  return lines.map(foldIcsLine).join(CRLF) + CRLF
}

/** The host part of UIDs (RFC 5545 §3.8.4.7): the public address's host name, so UIDs stay unique across deployments. */
export function icsUidDomain(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'opgave'
  } catch {
    return 'opgave'
  }
}
