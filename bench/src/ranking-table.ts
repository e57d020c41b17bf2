/**
 * 6c. The chair's ranking table with 5,000 rows (bench/web-ranking mounts the screen's RankingTable
 * with rows from its own rankingRows), built with the workspace's Vite and driven in Debian's Chromium
 * through playwright-core, in both of its modes. Paged (6c): time to the first painted page, then the
 * latency of each interaction from the input event to the next painted frame (changing the page, the
 * page size to its maximum, a filter, typing a search term character by character), median of 10
 * where repeatable. All rows, virtualised (6c′): time to the first painted rows, scrolling to the
 * middle and to the end, Home and PageDown on the focused table, a 20-step scrollbar sweep, a filter
 * and the search, over all rows.
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
  const scroller = document.getElementById('ranking-scroll')
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
  } else if (action.startsWith('scroll:')) {
    // A fraction of the way down, as dragging the scrollbar there does.
    scroller.scrollTop = Number(action.slice(7)) * (scroller.scrollHeight - scroller.clientHeight)
  } else if (action.startsWith('key:')) {
    scroller.focus()
    scroller.dispatchEvent(new KeyboardEvent('keydown', { key: action.slice(4), bubbles: true, cancelable: true }))
  }
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)))
  return performance.now() - started
}`

/** Runs in the page: the rendered rows' positions (aria-rowindex) and the table's aria-rowcount. */
const ROWS_IN_PAGE = `(() => {
  const rows = [...document.querySelectorAll('#ranking tbody tr[aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')))
  return { dom: document.querySelectorAll('#ranking tbody tr').length, first: Math.min(...rows), last: Math.max(...rows), rowcount: Number(document.getElementById('ranking').getAttribute('aria-rowcount')) }
})()`

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

/** `harness` and `allRows: false` let a probe measure another build of the table (e.g. the one before a fix) the same way. */
export async function benchRankingTable(rows = 5000, { harness = 'web-ranking', allRows = true }: { harness?: string; allRows?: boolean } = {}): Promise<Row[]> {
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const goal = 'render ≤ 1 s, interaction ≤ 200 ms'
  if (!existsSync(chromePath)) return [{ id: '6c', name: `ranking table of ${rows} rows`, figure: 'not run', baseline: '–', ratio: '–', goal, met: null, note: `no Chromium at ${chromePath}` }]
  const outDir = join(BENCH_DIR, 'dist', harness)
  const vue = (await import('@vitejs/plugin-vue')).default
  await build({ root: join(BENCH_DIR, harness), configFile: false, logLevel: 'warn', plugins: [vue()], build: { outDir, emptyOutDir: true } })
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
    const open = async (size: string) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await page.goto(`http://127.0.0.1:${port}/?rows=${rows}&size=${size}`)
      await page.waitForFunction('window.__bench !== undefined', null, { timeout: 60_000 })
      const { renderMs } = (await page.evaluate('window.__bench')) as { renderMs: number }
      // From an input event to the frame after the DOM settled: what a user waits for.
      // Sent as source text: tsx would wrap a function literal in helpers the page does not have.
      const timed = (action: string) => page.evaluate(`(${TIMED_IN_PAGE})(${JSON.stringify(action)})`) as Promise<number>
      const where = () => page.evaluate(ROWS_IN_PAGE) as Promise<{ dom: number; first: number; last: number; rowcount: number }>
      return { page, renderMs, timed, where }
    }
    const term = 'voorstel 4999'
    const typeTerm = async (timed: (action: string) => Promise<number>) => {
      const typing: number[] = []
      for (let i = 1; i <= term.length; i++) typing.push(await timed(`type:${term.slice(0, i)}`))
      typing.push(await timed('type:'))
      return typing
    }

    // Paged (50 a page by default), as before the table was virtualised.
    const paged = await open('50')
    const labels = (await paged.page.evaluate(`[...document.querySelectorAll('nav button')].map((b) => b.textContent.trim())`)) as string[]
    const [, previous, next] = labels
    const paging: number[] = []
    for (let i = 0; i < 5; i++) paging.push(await paged.timed(`click:${next}`), await paged.timed(`click:${previous}`))
    const size250 = await paged.timed('select:ranking-page-size:250')
    const size50 = await paged.timed('select:ranking-page-size:50')
    const filter = [await paged.timed('select:ranking-filter:flagged'), await paged.timed('select:ranking-filter:all')]
    const typing = await typeTerm(paged.timed)
    const pagedDom = (await paged.where()).dom
    const toAll = allRows ? await paged.timed('select:ranking-page-size:all') : NaN
    await paged.page.close()
    const worst = Math.max(median(paging), size250, size50, ...filter, ...typing)
    const pagedRow: Row = {
      id: '6c',
      name: `ranking table of ${rows} rows, paged (Chromium)`,
      figure: `render ${fmt(paged.renderMs, 0)} ms, worst interaction ${fmt(worst, 0)} ms`,
      baseline: '–',
      ratio: '–',
      goal,
      met: paged.renderMs <= 1000 && worst <= 200,
      note: `50 rows a page by default (${pagedDom} rows in the DOM after the run); page change median ${fmt(median(paging), 0)} ms, page size 250 ${fmt(size250, 0)} ms / back to 50 ${fmt(size50, 0)} ms, filter ${filter.map((f) => fmt(f, 0)).join('/')} ms, typing median ${fmt(median(typing), 0)} ms, max ${fmt(Math.max(...typing), 0)} ms; switching to all rows ${fmt(toAll, 0)} ms; a component harness (bench/${harness}), not the whole screen behind a login`,
      data: { renderMs: paged.renderMs, paging, size250, size50, filter, typing, toAll },
    }
    if (!allRows) return [pagedRow]

    // All rows in one scrollable table, only the rows in view rendered.
    const all = await open('all')
    const atStart = await all.where()
    const middle = await all.timed('scroll:0.5')
    const atMiddle = await all.where()
    const end = await all.timed('scroll:1')
    const atEnd = await all.where()
    const home = await all.timed('key:Home')
    const pageDown: number[] = []
    for (let i = 0; i < 10; i++) pageDown.push(await all.timed('key:PageDown'))
    const sweep: number[] = []
    for (let i = 1; i <= 20; i++) sweep.push(await all.timed(`scroll:${i / 20}`))
    await all.timed('scroll:0.5')
    const allFilter = [await all.timed('select:ranking-filter:flagged'), await all.timed('select:ranking-filter:all')]
    const allTyping = await typeTerm(all.timed)
    const toPaged = await all.timed('select:ranking-page-size:50')
    await all.page.close()
    const allWorst = Math.max(middle, end, home, median(pageDown), median(sweep), ...allFilter, ...allTyping)
    const span = (w: { first: number; last: number }) => `${w.first - 1}–${w.last - 1}`

    return [
      pagedRow,
      {
        id: '6c′',
        name: `ranking table of ${rows} rows, all rows (virtualised)`,
        figure: `render ${fmt(all.renderMs, 0)} ms, worst interaction ${fmt(allWorst, 0)} ms`,
        baseline: '–',
        ratio: '–',
        goal,
        met: all.renderMs <= 1000 && allWorst <= 200 && atMiddle.first > 1 && atEnd.last === atEnd.rowcount,
        note: `aria-rowcount ${atStart.rowcount}; rows rendered at the start ${span(atStart)} (${atStart.dom} tr in the DOM), middle ${span(atMiddle)}, end ${span(atEnd)}; scroll to the middle ${fmt(middle, 0)} ms, to the end ${fmt(end, 0)} ms, Home ${fmt(home, 0)} ms, PageDown median ${fmt(median(pageDown), 0)} ms, 20-step scrollbar sweep median ${fmt(median(sweep), 0)} ms / max ${fmt(Math.max(...sweep), 0)} ms; filter ${allFilter.map((f) => fmt(f, 0)).join('/')} ms, typing median ${fmt(median(allTyping), 0)} ms, max ${fmt(Math.max(...allTyping), 0)} ms; back to pages of 50 ${fmt(toPaged, 0)} ms`,
        data: { renderMs: all.renderMs, middle, end, home, pageDown, sweep, filter: allFilter, typing: allTyping, toPaged, atStart, atMiddle, atEnd },
      },
    ]
  } finally {
    await browser.close()
    server.close()
  }
}
