import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { AxeResults } from 'axe-core'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const WEB_DIST_DIR = join(REPO_ROOT, 'apps/web/dist')
const WEB_SSR_DIR = join(REPO_ROOT, 'apps/web/dist-server')

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

declare global {
  interface Window {
    axe: { run(context: Document, options: object): Promise<AxeResults> }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface RunningProduct {
  baseUrl: string
  /** Everything the server wrote, for the failure report. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts the API (which also serves the built web app) on a free port with a fresh, empty data folder.
 * `testClock` adds PUT /api/test/clock (apps/api/src/plugins/test-clock.ts) so a test can move the server
 * clock, e.g. past a submission deadline; see `setServerClock`.
 */
export async function startProduct({ seedDemo = false, testClock = false }: { seedDemo?: boolean; testClock?: boolean } = {}): Promise<RunningProduct> {
  if (!existsSync(join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error(`No web build in ${WEB_DIST_DIR}; run \`pnpm --filter @opgave/web build\` (pnpm test:browser does).`)
  }
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'opgave-e2e-'))
  // The server serves a private copy of the build: a rebuild of apps/web/dist while the test runs (another
  // terminal, another test run) would otherwise delete the hashed chunks the open pages still load.
  // Its server renderer (dist-server/, found beside the dist folder) likewise.
  const webDistDir = join(dataDir, 'web-dist')
  cpSync(WEB_DIST_DIR, webDistDir, { recursive: true })
  if (existsSync(WEB_SSR_DIR)) cpSync(WEB_SSR_DIR, join(dataDir, 'dist-server'), { recursive: true })
  let output = ''
  // Started as production starts it (apps/api `pnpm start`): node with the tsx loader, from the API's folder.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(REPO_ROOT, 'apps/api'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: String(seedDemo),
      TEST_CLOCK: String(testClock),
      WEB_DIST_DIR: webDistDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    },
    // Own process group, so stopping it stops everything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const baseUrl = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM')
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000))
      if ((await Promise.race([exited, timeout])) === 'timeout') process.kill(-child.pid, 'SIGKILL')
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`)
      if (response.status === 200) return { baseUrl, output: () => output, stop }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await stop()
  throw new Error(`The server did not become healthy at ${baseUrl}.\n${output}`)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

/**
 * Runs axe-core in the page and returns the WCAG 2.1 A/AA violations, printed readably.
 * Injected with evaluate (not a script tag) because the app's CSP rightly refuses inline scripts.
 */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE)
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  )
  if (results.violations.length > 0) {
    const report = results.violations
      .map((v) => `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary ?? ''}`).join('\n')}`)
      .join('\n')
    console.error(`axe violations on ${label} (${page.url()}):\n${report}`)
  }
  return results.violations.map((v) => `${label}: ${v.id}`)
}

/** The demo seed's shared password (apps/api/src/seed/demo-seed.ts), for products started with seedDemo. */
export const DEMO_PASSWORD = 'Opgave-demo-2026'

/** A fresh browser context (own cookies and storage: one person) with one page. */
export async function newPage(browser: Browser, locale = 'nl-NL'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return page
}

/** The page's main heading as text: what most screen checks start from. */
export const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()

/** Stores the language choice as the language switch does, and reloads the page in it. */
export async function setStoredLocale(page: Page, locale: 'nl' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('opgave.locale', l), locale)
  await page.reload()
}

/**
 * Records the message of every dialog the page opens (confirm, alert, beforeunload) and answers it:
 * dismissed (the user stays) until the test sets `accepting`.
 */
export function answerDialogs(page: Page): { messages: string[]; accepting: boolean } {
  const dialogs = { messages: [] as string[], accepting: false }
  page.on('dialog', (dialog) => {
    dialogs.messages.push(dialog.message())
    void (dialogs.accepting ? dialog.accept() : dialog.dismiss())
  })
  return dialogs
}

/**
 * A server-rendered page becomes the app at the reader's first interaction, but listens for it only once its
 * first route is resolved: on a loaded machine after the network went quiet. Call before `page.goto`; the
 * returned function waits until the current document listens (an interaction before that is the browser's own).
 */
export async function watchFirstInteractionListener(page: Page): Promise<() => Promise<void>> {
  await page.addInitScript(() => {
    const add = window.addEventListener
    window.addEventListener = function (this: Window, ...args: Parameters<typeof add>) {
      // `click` is the last of INTERACTION_EVENTS (app/hydrate-on-interaction.ts) to be listened for.
      if (args[0] === 'click') (window as { __listensForFirstInteraction?: boolean }).__listensForFirstInteraction = true
      add.apply(this, args)
    }
  })
  return async () => {
    await page.waitForFunction(() => (window as { __listensForFirstInteraction?: boolean }).__listensForFirstInteraction === true, undefined, { timeout: 30_000 })
  }
}

/**
 * Fills `field` with text that is not saved and follows `leave`: the app must ask once more (answered by
 * `dialogs`: the user stays) and the field must still hold the text.
 */
export async function expectLeaveToAsk(dialogs: ReturnType<typeof answerDialogs>, field: Locator, text: string, leave: Locator): Promise<void> {
  const asked = dialogs.messages.length
  await field.fill(text)
  await leave.click()
  await expect.poll(() => dialogs.messages.length).toBe(asked + 1)
  expect(await field.inputValue()).toBe(text)
}

/** Logs in through the Dutch login form and waits for the page it lands on (the organisations list). */
export async function logIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/inloggen`)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Organisaties')
}

/** Moves the server clock of a product started with `testClock: true`; returns the server's new time. */
export async function setServerClock(product: RunningProduct, at: Date): Promise<Date> {
  const response = await fetch(`${product.baseUrl}/api/test/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: at.toISOString() }),
  })
  if (response.status !== 200) throw new Error(`PUT /api/test/clock answered ${response.status}: ${await response.text()}`)
  return new Date(((await response.json()) as { now: string }).now)
}
