import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { WEB_CSP } from '../plugins/security-headers'
import { inlineScriptHashes, pageAssetLinks, spaCspFor, withServerRender } from './spa-page'

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

describe('spa-page', () => {
  it('hashes only inline classic scripts, byte for byte', () => {
    const html = '<script type="module" src="/a.js"></script><script>\n  guard()\n</script><script type="application/json" id="s">{}</script>'
    expect(inlineScriptHashes(html)).toEqual([sha('\n  guard()\n')])
    expect(spaCspFor(html)).toBe(WEB_CSP.replace("script-src 'self'", `script-src 'self' ${sha('\n  guard()\n')}`))
    expect(spaCspFor('<p>no scripts</p>')).toBe(WEB_CSP)
  })

  it("links each rendered module's files once, in render order, stylesheets and code, except what index.html has", () => {
    const manifest = { a: ['/assets/a.js', '/assets/a.css'], b: ['/assets/a.js', '/assets/b.js', '/assets/shared.css'], c: ['/assets/c.svg'] }
    expect(pageAssetLinks(manifest, ['b', 'a', 'unknown', 'c'], '<link rel="stylesheet" href="/assets/shared.css">')).toEqual([
      '<link rel="modulepreload" crossorigin href="/assets/a.js">',
      '<link rel="modulepreload" crossorigin href="/assets/b.js">',
      '<link rel="stylesheet" crossorigin href="/assets/a.css">',
    ])
  })

  it('puts the page, its state, title and links into index.html, taking the page and title as text, not as patterns', () => {
    const index = '<html>\n  <head>\n    <title>Opgave</title>\n  </head>\n  <body>\n    <div id="app"></div>\n    <noscript>JS nodig</noscript>\n  </body>\n</html>'
    const page = withServerRender(index, { html: '<p>$& $1 $`</p>', title: 'A & <B>', stateJson: '{"x":"$&"}', links: ['<link rel="stylesheet" href="/x.css">'] })
    expect(page).toBe(
      '<html>\n  <head>\n    <title>A &amp; &lt;B&gt;</title>\n    <link rel="stylesheet" href="/x.css">\n  </head>\n  <body>\n    <div id="app"><p>$& $1 $`</p></div>\n    <script type="application/json" id="opgave-state">{"x":"$&"}</script>\n  </body>\n</html>',
    )
  })
})
