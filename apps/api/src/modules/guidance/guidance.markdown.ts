import MarkdownIt from 'markdown-it'

/** A heading of a rendered guidance page, for its table of contents. `level` is the rendered level (2–6). */
export interface GuidanceHeading {
  id: string
  level: number
  text: string
}

export interface RenderedGuidance {
  html: string
  headings: GuidanceHeading[]
}

/** The schemes a link may use; anything else (javascript:, data:, vbscript:, file:…) is not a link. */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

/**
 * Whether a link target is safe. Control characters and whitespace are dropped first, since browsers
 * ignore them inside a scheme (`java\tscript:`); relative targets (`/x`, `#x`, `x.html`) are fine.
 */
export function isSafeLinkTarget(url: string): boolean {
  // markdown-it hands over the percent-encoded target: decode it, as a browser would see it.
  const decoded = url.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  // eslint-disable-next-line no-control-regex
  const compact = decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1]
  if (scheme === undefined) return !compact.startsWith('\\') && !compact.startsWith('/\\')
  return ALLOWED_SCHEMES.has(scheme)
}

/** Absolute (or protocol-relative) web links leave the platform. */
const isExternal = (href: string) => /^(https?:)?\/\//i.test(href.trim())

/** A readable, ASCII-only fragment id for a heading ("Wie doet wat?" → "gids-wie-doet-wat"). */
export function headingSlug(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  // A prefix keeps heading ids apart from the application's own ids (skip links, landmarks).
  return `gids-${base || 'sectie'}`
}

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false })
  // No images: a guidance page is text; images would load third-party content and need alternatives.
  md.disable(['image'])
  md.validateLink = isSafeLinkTarget

  md.core.ruler.push('guidance_headings', (state) => {
    const tokens = state.tokens
    const opens = tokens.filter((t) => t.type === 'heading_open')
    const minLevel = Math.min(...opens.map((t) => Number(t.tag.slice(1))))
    // The page title is the only h1: Markdown headings start at h2, keeping their relative order.
    const shift = Number.isFinite(minLevel) ? Math.max(0, 2 - minLevel) : 0
    const used = new Set<string>()
    const headings: GuidanceHeading[] = []
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open' && token.type !== 'heading_close') return
      const level = Math.min(6, Number(token.tag.slice(1)) + shift)
      token.tag = `h${level}`
      if (token.type === 'heading_close') return
      const text = (tokens[i + 1]?.children ?? [])
        .filter((c) => c.type === 'text' || c.type === 'code_inline')
        .map((c) => c.content)
        .join('')
        .trim()
      let id = headingSlug(text)
      for (let n = 2; used.has(id); n++) id = `${headingSlug(text)}-${n}`
      used.add(id)
      token.attrSet('id', id)
      headings.push({ id, level, text })
    })
    state.env.headings = headings
  })

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    if (isExternal(token.attrGet('href') ?? '')) token.attrSet('rel', 'noopener noreferrer')
    return defaultLinkOpen(tokens, idx, options, env, self)
  }
  return md
}

let renderer: MarkdownIt | undefined

/**
 * Renders a guidance page's Markdown to safe HTML: raw HTML is shown as text, only http(s), mailto
 * and tel links (and relative ones) become links, external links get rel="noopener noreferrer",
 * headings get ids (and start at h2 under the page title) and are returned for a table of contents.
 */
export function renderGuidanceMarkdown(markdown: string): RenderedGuidance {
  renderer ??= createRenderer()
  const env: { headings?: GuidanceHeading[] } = {}
  const html = renderer.render(markdown, env)
  return { html, headings: env.headings ?? [] }
}
