import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { http } from '../../../test/http'
import { completeChallenge, createMunicipality, createPublished, hours } from './challenges.fixtures'

const GUARD = "if (localStorage.getItem('opgave.locale')) document.getElementById('app').replaceChildren()"
const INDEX = `<!doctype html>
<html lang="nl">
  <head>
    <title>Opgave</title>
    <link rel="stylesheet" crossorigin href="/assets/index-1.css">
  </head>
  <body><div id="app"></div>
    <script>${GUARD}</script>
    <noscript>Opgave heeft JavaScript nodig.</noscript>
  </body>
</html>
`
/**
 * A stand-in for apps/web's dist-server/entry-server.js with the same exports: it lists the titles of the state
 * it is given (so the test sees which data the page was rendered from), and fails on request.
 */
const RENDERER = `
export const catalogueQuery = (query) => ({ ...(query.q ? { q: String(query.q).trim() } : {}), ...(query.sdg ? { sdg: Number(query.sdg) } : {}) })
export async function render(url, state) {
  if (url.includes('fail=1')) throw new Error('render failed')
  return {
    html: '<h1>Uitdagingen $&amp;</h1><ul>' + state.catalogue.page.items.map((i) => '<li>' + i.title + '</li>').join('') + '</ul>',
    title: 'Uitdagingen — Opgave',
    modules: ['src/App.vue', 'src/CatalogueView.vue', 'src/Card.vue'],
    stateJson: JSON.stringify(state).replaceAll('<', '\\\\u003c'),
  }
}
`
const MANIFEST = {
  'src/App.vue': [],
  'src/CatalogueView.vue': ['/assets/CatalogueView-1.js', '/assets/CatalogueView-1.css'],
  'src/Card.vue': ['/assets/Card-1.js', '/assets/index-1.css'],
}

const stateOf = (html: string) => JSON.parse(/<script type="application\/json" id="opgave-state">(.*?)<\/script>/.exec(html)![1]!) as { catalogue: { query: unknown; page: unknown } }

describe('the catalogue page rendered on the server', () => {
  let ctx: TestContext
  let root: string
  const start = new Date('2026-04-01T08:00:00.000Z')

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'opgave-web-'))
    mkdirSync(join(root, 'dist', '.vite'), { recursive: true })
    mkdirSync(join(root, 'dist-server'))
    writeFileSync(join(root, 'dist', 'index.html'), INDEX)
    writeFileSync(join(root, 'dist', '.vite', 'ssr-manifest.json'), JSON.stringify(MANIFEST))
    writeFileSync(join(root, 'dist-server', 'entry-server.js'), RENDERER)
    ctx = await createTestApp({ webDistDir: join(root, 'dist') })
    ctx.clock.now = new Date(start)
    const breda = await createMunicipality(ctx, 'breda')
    const at = (d: number) => new Date(start.getTime() + hours(24 * d)).toISOString()
    // Deadlines apart: the catalogue lists by deadline, so the order is known.
    for (const [title, sdgGoals, days] of [['Oudere <inwoners> ontmoeten elkaar', [3], 10], ['Energiearmoede aanpakken', [7], 11]] as const) {
      const body = completeChallenge(start, { title, sdgGoals, sdgTargets: [], questionsDeadline: at(days - 1), submissionDeadline: at(days), decisionAt: at(days + 30) })
      await createPublished(ctx, breda.id, breda.manager.token, body)
    }
  })
  afterAll(async () => {
    await ctx.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('puts the rendered page, its title and its assets in index.html, and the data it was rendered from beside it', async () => {
    const res = await http(ctx).get('/uitdagingen')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
    // `$&` stays as it is: no replacement pattern expanded.
    expect(res.text).toContain('<div id="app"><h1>Uitdagingen $&amp;</h1><ul><li>Oudere <inwoners> ontmoeten elkaar</li><li>Energiearmoede aanpakken</li></ul></div>')
    expect(res.text).toContain('<title>Uitdagingen — Opgave</title>')
    expect(res.text).not.toContain('<noscript>')
    // The rendered components' CSS and code, in render order; what index.html links already, once.
    expect(res.text).toContain('<link rel="modulepreload" crossorigin href="/assets/CatalogueView-1.js">\n    <link rel="stylesheet" crossorigin href="/assets/CatalogueView-1.css">\n    <link rel="modulepreload" crossorigin href="/assets/Card-1.js">\n  </head>')
    expect(res.text.match(/index-1\.css/g)).toHaveLength(1)
  })

  it('renders from exactly what GET /api/v1/challenges answers for the same filters, markup in the data escaped', async () => {
    const page = await http(ctx).get('/uitdagingen?sdg=7')
    const api = await http(ctx).get('/api/v1/challenges?sdg=7')
    expect(api.body.items).toHaveLength(1)
    expect(stateOf(page.text)).toEqual({ catalogue: { query: { sdg: 7 }, page: api.body } })
    const all = await http(ctx).get('/uitdagingen')
    expect(all.text).toContain('"title":"Oudere \\u003cinwoners> ontmoeten elkaar"')
    expect(stateOf(all.text).catalogue.page).toEqual((await http(ctx).get('/api/v1/challenges')).body)
  })

  it("allows index.html's own inline script by its hash, and no other", async () => {
    const res = await http(ctx).get('/uitdagingen')
    const hash = createHash('sha256').update(GUARD).digest('base64')
    expect(res.headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}';`)
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline')
    // Every page of the app is index.html: the same policy.
    const other = await http(ctx).get('/organisaties')
    expect(other.headers['content-security-policy']).toBe(res.headers['content-security-policy'])
  })

  it('leaves the page to the browser when the API would refuse the filters, or rendering fails', async () => {
    for (const url of [`/uitdagingen?q=${'x'.repeat(201)}`, '/uitdagingen?sdg=3&fail=1']) {
      const res = await http(ctx).get(url)
      expect(res.status, url).toBe(200)
      expect(res.text, url).toBe(INDEX)
    }
  })

  it('does not serve the build manifest (the path is one the app does not know: index.html)', async () => {
    expect((await http(ctx).get('/.vite/ssr-manifest.json')).text).toBe(INDEX)
  })
})

describe('the catalogue page without a server renderer', () => {
  it('is index.html, as every page of the app', async () => {
    const root = mkdtempSync(join(tmpdir(), 'opgave-web-'))
    writeFileSync(join(root, 'index.html'), INDEX)
    const ctx = await createTestApp({ webDistDir: root })
    try {
      const res = await http(ctx).get('/uitdagingen')
      expect(res.status).toBe(200)
      expect(res.text).toBe(INDEX)
    } finally {
      await ctx.close()
      rmSync(root, { recursive: true, force: true })
    }
  })
})
