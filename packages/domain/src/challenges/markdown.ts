/**
 * A deliberately small Markdown renderer that is safe by construction: every character of the
 * source is HTML-escaped first, and the only tags in the output are the ones this function writes
 * itself (p, h2–h4, ul, ol, li, blockquote, strong, em, code, a, br). Raw HTML in the source is shown
 * as text, never interpreted; links only keep http(s) and mailto targets, so `javascript:` and
 * `data:` URLs, event-handler attributes and style injection cannot reach the page.
 *
 * Supported: paragraphs (a single newline is a line break), `#`…`###` headings (rendered one level
 * down, h2–h4, because the page has its own h1), `-`/`*` and `1.` lists, `>` quotes, **bold**,
 * *italic* / _italic_, `code`, and [text](https://…) links. Server and web share it, so the
 * editor's preview is exactly what the public page shows.
 */

export const MARKDOWN_ALLOWED_TAGS = ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'strong', 'em', 'code', 'a', 'br'] as const

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([raw, escaped]) => [escaped, raw]))
const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => UNESCAPES[e]!)

/** Only these link targets survive; anything else (javascript:, data:, vbscript:, protocol-relative) stays text. */
export function isSafeLinkTarget(url: string): boolean {
  return /^(https?:\/\/[^\s"'<>`]+|mailto:[^\s"'<>`@]+@[^\s"'<>`@]+)$/i.test(url)
}

// Private-use characters mark code spans while the other inline rules run, so they are never re-parsed.
const MARK_OPEN = '\uE000'
const MARK_CLOSE = '\uE001'

function renderInline(source: string): string {
  const codes: string[] = []
  let text = source.replace(/[\uE000\uE001]/g, '').replace(/`([^`\n]+)`/g, (_, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`)
    return `${MARK_OPEN}${codes.length - 1}${MARK_CLOSE}`
  })
  text = escapeHtml(text)
  // Links: the target is checked on the raw text (unescaping only what escapeHtml produced).
  text = text.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label: string, escapedUrl: string) => {
    const url = unescapeHtml(escapedUrl)
    if (!isSafeLinkTarget(url)) return label
    return `<a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer">${label}</a>`
  })
  text = text.replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '<strong>$1</strong>')
  text = text.replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, '$1<em>$2</em>')
  text = text.replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?![_\w])/g, '$1<em>$2</em>')
  text = text.replace(new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, 'g'), (_, i: string) => codes[Number(i)] ?? '')
  return text
}

type Block = { kind: 'p' | 'h' | 'ul' | 'ol' | 'quote'; level?: number; lines: string[] }

const HEADING = /^(#{1,6})\s+(.*)$/
const BULLET = /^\s*[-*]\s+(.*)$/
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/
const QUOTE = /^\s*>\s?(.*)$/

function splitBlocks(source: string): Block[] {
  const blocks: Block[] = []
  let current: Block | null = null
  const flush = () => {
    if (current) blocks.push(current)
    current = null
  }
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      flush()
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      flush()
      blocks.push({ kind: 'h', level: Math.min(heading[1]!.length + 1, 4), lines: [heading[2]!.replace(/\s+#+\s*$/, '')] })
      continue
    }
    const bullet = BULLET.exec(line)
    const numbered = bullet ? null : NUMBERED.exec(line)
    const quote = bullet || numbered ? null : QUOTE.exec(line)
    const kind: Block['kind'] = bullet ? 'ul' : numbered ? 'ol' : quote ? 'quote' : 'p'
    const content = (bullet ?? numbered ?? quote)?.[1] ?? line.trim()
    const block = current as Block | null
    if (block && block.kind === kind) block.lines.push(content)
    else if (block && (block.kind === 'ul' || block.kind === 'ol') && kind === 'p') {
      // A plain line right under a list item continues that item.
      block.lines[block.lines.length - 1] += ` ${content}`
    } else {
      flush()
      current = { kind, lines: [content] }
    }
  }
  flush()
  return blocks
}

/** Markdown source → sanitised HTML (see the module comment for what is supported and why it is safe). */
export function renderMarkdown(source: string): string {
  return splitBlocks(source)
    .map((block) => {
      switch (block.kind) {
        case 'h':
          return `<h${block.level}>${renderInline(block.lines[0]!)}</h${block.level}>`
        case 'ul':
        case 'ol':
          return `<${block.kind}>${block.lines.map((l) => `<li>${renderInline(l)}</li>`).join('')}</${block.kind}>`
        case 'quote':
          return `<blockquote><p>${block.lines.map(renderInline).join('<br>')}</p></blockquote>`
        default:
          return `<p>${block.lines.map(renderInline).join('<br>')}</p>`
      }
    })
    .join('\n')
}
