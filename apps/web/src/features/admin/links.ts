export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; href: string }

// Trailing punctuation usually ends the sentence, not the URL.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g

/**
 * Splits plain email text into text and http(s) links so the outbox can make invitation links
 * clickable without rendering any HTML from the message.
 */
export function splitLinks(text: string): TextSegment[] {
  const segments: TextSegment[] = []
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) })
    segments.push({ kind: 'link', href: match[0] })
    last = start + match[0].length
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) })
  return segments
}
