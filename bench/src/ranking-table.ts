/**
 * 6c. The chair's ranking table with 5,000 rows (bench/web-ranking mounts the screen's RankingTable
 * with rows from its own rankingRows), built with the workspace's Vite and driven in Debian's Chromium
 * through playwright-core: time to the first painted page, then the latency of each interaction from
 * the input event to the next painted frame (changing the page, the page size to its maximum, a
 * filter, typing a search term character by character), median of 5 where repeatable.
 */
import { createReadStream, existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { BENCH_DIR, median } from './lib'
import { fmt, type Row } from './results'

/** Runs in the page: performs one interaction and resolves with the ms until the next frame after it. */
const TIMED_IN_PAGE = `async (action) => {
  const started = performance.now()
  if (action.startsWith('click:')) {
    const label = action.slice(6)
    ;[...document.querySelectorAll('nav button')].find((b) => b.textContent.trim() === label).click()
  } else if (action.startsWith('select:')) {
    const [, id, value] = action.split(':')
    const el = document.getElementById(id)
    el.value = value
    el.dispatchEvent(new Event('change', { bubbles: true }))
  } else if (action.startsWith('type:')) {
    const el = document.getElementById('ranking-search')
    el.value = action.slice(5)
    el.dispatchEvent(new Event('input', { bubbles: true }))
  }
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)))
  return performance.now() - started
}`

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

export async function benchRankingTable(rows = 5000): Promise<Row[]> {
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const goal = 'render ≤ 1 s, interaction ≤ 200 ms'
  if (!existsSync(chromePath)) return [{ id: '6c', name: `ranking table of ${rows} rows`, figure: 'not run', baseline: '–', ratio: '–', goal, met: null, note: `no Chromium at ${chromePath}` }]
  const outDir = join(BENCH_DIR, 'dist', 'web-ranking')
  const vue = (await import('@vitejs/plugin-vue')).default
  await build({ root: join(BENCH_DIR, 'web-ranking'), configFile: false, logLevel: 'warn', plugins: [vue()], build: { outDir, emptyOutDir: true } })
  const server = createServer((req, res) => {
    const path = join(outDir, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '/').split('?')[0]!)
    if (!path.startsWith(outDir) || !existsSync(path)) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
    createReadStream(path).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`http://127.0.0.1:${port}/?rows=${rows}`)
    await page.waitForFunction('window.__bench !== undefined', null, { timeout: 60_000 })
    const { renderMs } = (await page.evaluate('window.__bench')) as { renderMs: number }
    // From an input event to the frame after the DOM settled: what a user waits for.
    // Sent as source text: tsx would wrap a function literal in helpers the page does not have.
    const timed = (action: string) => page.evaluate(`(${TIMED_IN_PAGE})(${JSON.stringify(action)})`) as Promise<number>
    const labels = (await page.evaluate(`[...document.querySelectorAll('nav button')].map((b) => b.textContent.trim())`)) as string[]
    const [, previous, next] = labels
    const paging: number[] = []
    for (let i = 0; i < 5; i++) paging.push(await timed(`click:${next}`), await timed(`click:${previous}`))
    const size250 = await timed('select:ranking-page-size:250')
    const size50 = await timed('select:ranking-page-size:50')
    const filter = [await timed('select:ranking-filter:flagged'), await timed('select:ranking-filter:all')]
    const term = 'voorstel 4999'
    const typing: number[] = []
    for (let i = 1; i <= term.length; i++) typing.push(await timed(`type:${term.slice(0, i)}`))
    typing.push(await timed('type:'))
    const domRows = (await page.evaluate(`document.querySelectorAll('#ranking tbody tr').length`)) as number
    const worst = Math.max(median(paging), size250, size50, ...filter, ...typing)
    return [
      {
        id: '6c',
        name: `ranking table of ${rows} rows (Chromium)`,
        figure: `render ${fmt(renderMs, 0)} ms, worst interaction ${fmt(worst, 0)} ms`,
        baseline: '–',
        ratio: '–',
        goal,
        met: renderMs <= 1000 && worst <= 200,
        note: `paged, not virtualised (50 rows a page by default, ${domRows} rows in the DOM after the run); page change median ${fmt(median(paging), 0)} ms, page size 250 ${fmt(size250, 0)} ms / back to 50 ${fmt(size50, 0)} ms, filter ${filter.map((f) => fmt(f, 0)).join('/')} ms, typing median ${fmt(median(typing), 0)} ms, max ${fmt(Math.max(...typing), 0)} ms; a component harness (bench/web-ranking), not the whole screen behind a login`,
        data: { renderMs, paging, size250, size50, filter, typing },
      },
    ]
  } finally {
    await browser.close()
    server.close()
  }
}
