/**
 * 6d. What the server-rendered catalogue costs where 6b does not look: the hydration the reader's first
 * interaction pays (the page is hydrated then, not at load: apps/web/src/app/hydrate-on-interaction.ts), in
 * Chromium at Lighthouse's 4× CPU slowdown and unthrottled; and the server's rendering, as `GET /uitdagingen`
 * (HTML with the first page rendered in it) against `GET /api/v1/challenges` (the same page as JSON).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { benchEnv } from './http-overhead'
import { REPO_DIR, median, timeIt, type DriverChoice } from './lib'
import { startServer } from './processes'
import { fmt, type Row } from './results'

const ID = '6d'
const NAME = 'catalogue: hydration at the first interaction (4× CPU), server render'

async function timeRequests(url: string, count: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < count; i++) times.push((await timeIt(async () => (await fetch(url, { headers: { 'accept-encoding': 'br' } })).arrayBuffer())).ms)
  return median(times)
}

export async function benchHydration({ choice, loads = 7 }: { choice: DriverChoice; loads?: number }): Promise<Row[]> {
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const dist = join(REPO_DIR, 'apps', 'web', 'dist')
  const skip = (why: string): Row[] => [{ id: ID, name: NAME, figure: 'not run', baseline: '–', ratio: '–', goal: '(report)', met: null, note: why }]
  if (!existsSync(chromePath)) return skip(`no Chromium at ${chromePath}`)
  if (!existsSync(join(REPO_DIR, 'apps', 'web', 'dist-server', 'entry-server.js'))) return skip('apps/web/dist-server is missing: run pnpm build first')
  const server = await startServer('app-harness.ts', [], { ...benchEnv(choice), WEB_DIST_DIR: dist })
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  try {
    // When, after navigation start, the page began listening for the first interaction (4× CPU): an interaction before it follows the server's links and forms.
    const armedAt: number[] = []
    const hydrationAt = async (rate: number) => {
      const times: number[] = []
      for (let i = 0; i < loads; i++) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 } })
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate })
        // The app listens for the first interaction only once its first route is resolved, which at 4× CPU can
        // end after the network went quiet (CI, round 15): wait for the listener, not for the network.
        await page.addInitScript(() => {
          const add = window.addEventListener
          window.addEventListener = function (this: Window, ...args: Parameters<typeof add>) {
            if (args[0] === 'pointerover') (window as { __hydrationArmedAt?: number }).__hydrationArmedAt = performance.now()
            add.apply(this, args)
          }
        })
        await page.goto(`${server.url}/uitdagingen`, { waitUntil: 'networkidle' })
        const armed = await page.waitForFunction(() => (window as { __hydrationArmedAt?: number }).__hydrationArmedAt, undefined, { timeout: 30_000 })
        if (rate > 1) armedAt.push((await armed.jsonValue()) as number)
        // The capture listener hydrates synchronously inside dispatchEvent: its time is the interaction's extra cost.
        const ms = await page.evaluate(() => {
          const app = document.getElementById('app') as (HTMLElement & { __vue_app__?: unknown }) | null
          if (!app || app.__vue_app__ !== undefined || !document.getElementById('opgave-state')) return NaN
          const start = performance.now()
          document.querySelector('.opgave-challenge-card a')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }))
          return app.__vue_app__ === undefined ? NaN : performance.now() - start
        })
        if (Number.isNaN(ms)) throw new Error('the catalogue was not server-rendered and hydrated at the first interaction')
        times.push(ms)
        await context.close()
      }
      return times
    }
    const throttled = await hydrationAt(4)
    const unthrottled = await hydrationAt(1)
    // Warm both routes, then time them back to back.
    await timeRequests(`${server.url}/uitdagingen`, 20)
    await timeRequests(`${server.url}/api/v1/challenges`, 20)
    const page = await timeRequests(`${server.url}/uitdagingen`, 100)
    const json = await timeRequests(`${server.url}/api/v1/challenges`, 100)
    return [
      {
        id: ID,
        name: NAME,
        figure: `hydration ${fmt(median(throttled), 0)} ms; page ${fmt(page, 1)} ms`,
        baseline: `JSON ${fmt(json, 1)} ms`,
        ratio: `${fmt(page / json, 2)}×`,
        goal: '(report)',
        met: null,
        note: `hydration at the first interaction, median of ${loads} loads each: ${throttled.map((t) => fmt(t, 0)).join('/')} ms at 4× CPU, ${unthrottled.map((t) => fmt(t, 0)).join('/')} ms unthrottled; listening for it ${armedAt.map((t) => fmt(t, 0)).join('/')} ms after navigation start at 4× CPU; the server: GET /uitdagingen (the first page rendered into index.html) against GET /api/v1/challenges (the same page as JSON), median of 100 sequential requests each after 20 warm-up`,
        data: { throttled, unthrottled, pageMs: page, jsonMs: json },
      },
    ]
  } finally {
    await browser.close()
    await server.stop()
  }
}
