import { describe, expect, it } from 'vitest'
import { MARKDOWN_ALLOWED_TAGS, isSafeLinkTarget, renderMarkdown } from './markdown'

/** Every tag in the output must be on the whitelist, with no attributes besides href/rel on links. */
function assertOnlyWhitelistedMarkup(html: string) {
  for (const match of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const [, tag, attributes] = match
    expect(MARKDOWN_ALLOWED_TAGS).toContain(tag!.toLowerCase())
    const names = [...attributes!.matchAll(/\s([a-zA-Z-]+)=/g)].map((m) => m[1])
    for (const name of names) expect(['href', 'rel']).toContain(name)
  }
}

describe('renderMarkdown', () => {
  it('renders paragraphs, headings one level down, lists, quotes, emphasis, code and links', () => {
    const html = renderMarkdown(
      '# Aanpak\n\nWe willen **minder** *eenzaamheid* en _meer_ contact.\nTweede regel.\n\n- wijk A\n- wijk B\n\n1. eerst\n2. dan\n\n> citaat\n\nZie [de site](https://example.org/a?b=1&c=2) of `code <b>`.',
    )
    expect(html).toBe(
      [
        '<h2>Aanpak</h2>',
        '<p>We willen <strong>minder</strong> <em>eenzaamheid</em> en <em>meer</em> contact.<br>Tweede regel.</p>',
        '<ul><li>wijk A</li><li>wijk B</li></ul>',
        '<ol><li>eerst</li><li>dan</li></ol>',
        '<blockquote><p>citaat</p></blockquote>',
        '<p>Zie <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">de site</a> of <code>code &lt;b&gt;</code>.</p>',
      ].join('\n'),
    )
  })

  it('shows raw HTML as text: script tags, event handlers and iframes never become markup', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<iframe src="https://evil.example"></iframe> <a href="#" onclick="x()">a</a>')
    expect(html).not.toMatch(/<script|<img|<iframe|<a href="#"/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
    assertOnlyWhitelistedMarkup(html)
  })

  it('drops javascript:, data: and other unsafe link targets, keeping only the label', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox', '//evil.example', 'java&#115;cript:alert(1)']) {
      const html = renderMarkdown(`[klik](${url})`)
      expect(html).not.toContain('<a')
      expect(html.startsWith('<p>klik')).toBe(true)
    }
  })

  it('cannot break out of the href attribute with quotes or add attributes', () => {
    const html = renderMarkdown('[x](https://a.example/"onmouseover="alert(1))')
    assertOnlyWhitelistedMarkup(html)
    expect(html).not.toMatch(/<a [^>]*onmouseover/)
  })

  it('keeps mailto links and ignores the private marker characters in input', () => {
    expect(renderMarkdown('[mail](mailto:info@gemeente.nl)')).toBe('<p><a href="mailto:info@gemeente.nl" rel="nofollow noopener noreferrer">mail</a></p>')
    expect(renderMarkdown('a\uE0000\uE001b')).toBe('<p>a0b</p>')
  })

  it('renders empty input as nothing', () => {
    expect(renderMarkdown('')).toBe('')
    expect(renderMarkdown('\n\n  \n')).toBe('')
  })

  it('only ever emits whitelisted markup, whatever the input (fuzz)', () => {
    const pieces = ['<', '>', '"', "'", '&', '[', ']', '(', ')', '*', '_', '`', '#', '-', '> ', '\n', 'javascript:', 'https://x.y', 'on', 'click=', ' ', 'a', 'script', '1. ']
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let i = 0; i < 500; i++) {
      let source = ''
      const length = next() % 40
      for (let j = 0; j < length; j++) source += pieces[next() % pieces.length]
      const html = renderMarkdown(source)
      assertOnlyWhitelistedMarkup(html)
      expect(html).not.toMatch(/href="(?!https?:|mailto:)/)
    }
  })
})

describe('isSafeLinkTarget', () => {
  it('accepts http(s) and mailto only', () => {
    expect(isSafeLinkTarget('https://opgave.nl')).toBe(true)
    expect(isSafeLinkTarget('http://opgave.nl/x')).toBe(true)
    expect(isSafeLinkTarget('mailto:a@b.nl')).toBe(true)
    expect(isSafeLinkTarget('javascript:alert(1)')).toBe(false)
    expect(isSafeLinkTarget(' https://x.nl')).toBe(false)
    expect(isSafeLinkTarget('ftp://x.nl')).toBe(false)
  })
})
