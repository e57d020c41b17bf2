import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, launchChromium, logIn, newPage, startProduct, type RunningProduct } from './support'

// The platform admin's view of the background job queues, reached by keyboard from the main menu.
describe('background jobs screen (platform admin)', () => {
  let product: RunningProduct
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
    page = await newPage(browser)
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('shows every queue with its counts, lets the admin switch lists, in Dutch and English, axe-clean', async () => {
    await logIn(page, product.baseUrl, 'platform@opgave.localhost')
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
    await nav.getByRole('link', { name: 'Taken' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Achtergrondtaken')
    const queues = page.getByRole('table', { name: 'Taken per wachtrij' })
    // A heading row and one row per queue: email.send, outbox.relay, challenges.close-due, deadlines.remind,
    // jury.compute-results, jury.assign, database.maintain.
    await expect.poll(() => queues.getByRole('row').count()).toBe(8)
    expect(await queues.innerText()).toContain('Jury verdelen over voorstellen')
    expect(await queues.innerText()).toContain('Databaseonderhoud')
    expect(await queues.innerText()).toContain('E-mail versturen')
    expect(await queues.innerText()).toContain('deadlines.remind')
    // The demo data queued emails at start; the relay hands them to email.send, which completes them.
    await expect.poll(() => page.getByText('Er zijn geen mislukte taken.').count()).toBe(1)
    expect(await axeViolations(page, 'jobs (nl)')).toEqual([])

    await page.getByLabel('Toon taken').selectOption('waiting')
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/Er wachten geen taken\.|Wachtende taken/)

    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Background jobs')
    expect(await page.getByRole('table', { name: 'Jobs per queue' }).innerText()).toContain('Send email')
    expect(await axeViolations(page, 'jobs (en)')).toEqual([])
  })

  it('is not there for other people', async () => {
    const other = await newPage(browser)
    await logIn(other, product.baseUrl, 'eigenaar@groenwerkt.nl')
    expect(await other.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Taken' }).count()).toBe(0)
    await other.close()
  })
})
