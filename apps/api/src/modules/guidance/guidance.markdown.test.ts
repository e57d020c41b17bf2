import { describe, expect, it } from 'vitest'
import { headingSlug, isSafeLinkTarget, renderGuidanceMarkdown } from './guidance.markdown'

/** Every `<tag` in the HTML, lowercased. */
const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]!.toLowerCase())
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)

describe('renderGuidanceMarkdown', () => {
  it('renders headings with ids (from h2 under the page title), lists, emphasis and links', () => {
    const { html, headings } = renderGuidanceMarkdown('# Rollen van de gemeente\n\nDe gemeente is **inkoper**.\n\n## Wie doet wat?\n\n- accountmanager\n- inkoper\n\n1. bellen\n2. mailen\n')
    expect(headings).toEqual([
      { id: 'gids-rollen-van-de-gemeente', level: 2, text: 'Rollen van de gemeente' },
      { id: 'gids-wie-doet-wat', level: 3, text: 'Wie doet wat?' },
    ])
    expect(html).toContain('<h2 id="gids-rollen-van-de-gemeente">Rollen van de gemeente</h2>')
    expect(html).toContain('<h3 id="gids-wie-doet-wat">Wie doet wat?</h3>')
    expect(html).toContain('<ul>\n<li>accountmanager</li>')
    expect(html).toContain('<ol>\n<li>bellen</li>')
    expect(html).toContain('<strong>inkoper</strong>')
  })

  it('keeps levels when the Markdown already starts at h2, and makes duplicate ids unique', () => {
    const { headings } = renderGuidanceMarkdown('## Contact\n\n### Contact\n\n## Contact')
    expect(headings.map((h) => [h.id, h.level])).toEqual([
      ['gids-contact', 2],
      ['gids-contact-2', 3],
      ['gids-contact-3', 2],
    ])
  })

  it('slugs diacritics and punctuation to ASCII', () => {
    expect(headingSlug('Artikel 2.82: één procent?')).toBe('gids-artikel-2-82-een-procent')
    expect(headingSlug('!!!')).toBe('gids-sectie')
  })

  it('shows raw HTML as text: no script, no event handlers, no iframes', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<iframe src="https://evil.example"></iframe>',
      '<a href="javascript:alert(1)">klik</a>',
      '<div onclick="alert(1)">x</div>',
      '<svg onload=alert(1)>',
      '<!-- comment --><style>body{display:none}</style>',
    ].join('\n\n')
    const { html } = renderGuidanceMarkdown(hostile)
    // Only paragraphs, and the one web address linkified as text: https://evil.example.
    expect(new Set(tags(html))).toEqual(new Set(['p', 'a']))
    expect(hrefs(html)).toEqual(['https://evil.example'])
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|<style|<div/i)
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i)
  })

  it('drops javascript:, vbscript:, data: and file: links, also when disguised with entities, case or whitespace', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](&#106;avascript:alert(1))',
      '[d](java&#x09;script:alert(1))',
      '[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[f](vbscript:msgbox)',
      '[g](file:///etc/passwd)',
      '<javascript:alert(1)>',
      '[h][ref]\n\n[ref]: javascript:alert(1)',
      '![i](data:image/png;base64,AAAA)',
      '[j](\\\\evil.example/share)',
    ].join('\n\n')
    const { html } = renderGuidanceMarkdown(hostile)
    expect(hrefs(html)).toEqual([])
    expect(html).not.toMatch(/<a |<img/)
  })

  it('keeps http(s), mailto, tel and relative links; external ones get rel="noopener noreferrer"', () => {
    const { html } = renderGuidanceMarkdown('[site](https://example.org/x?a=1&b=2) [mail](mailto:info@voorbeeldstad.nl) [bel](tel:+31201234567) [intern](/uitdagingen) [kop](#gids-contact) www.socialenterprise.nl')
    expect(html).toContain('<a href="https://example.org/x?a=1&amp;b=2" rel="noopener noreferrer">site</a>')
    expect(html).toContain('<a href="mailto:info@voorbeeldstad.nl">mail</a>')
    expect(html).toContain('<a href="tel:+31201234567">bel</a>')
    expect(html).toContain('<a href="/uitdagingen">intern</a>')
    expect(html).toContain('<a href="#gids-contact">kop</a>')
    expect(html).toContain('<a href="http://www.socialenterprise.nl" rel="noopener noreferrer">www.socialenterprise.nl</a>')
  })

  it('escapes entities and quotes so attributes cannot be broken out of', () => {
    const { html, headings } = renderGuidanceMarkdown('## "><img src=x onerror=alert(1)>\n\n[x](https://example.org/"onmouseover="alert(1))\n\n&lt;script&gt; &amp;')
    expect(html).not.toMatch(/<img/)
    expect(html).not.toMatch(/"\s*onmouseover=/)
    expect(headings[0]!.text).toBe('"><img src=x onerror=alert(1)>')
    expect(headings[0]!.id).toBe('gids-img-src-x-onerror-alert-1')
    expect(html).toContain('&lt;script&gt; &amp;')
  })
})

describe('isSafeLinkTarget', () => {
  it.each([
    ['https://example.org', true],
    ['mailto:a@b.nl', true],
    ['/gemeenten/x', true],
    ['#kop', true],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['DATA:text/html,x', false],
    ['vbscript:x', false],
  ])('%s → %s', (url, safe) => expect(isSafeLinkTarget(url)).toBe(safe))
})
