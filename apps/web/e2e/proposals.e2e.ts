import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, h1, launchChromium, logIn, newPage, type RunningProduct, setServerClock, startProduct } from './support'

// Demo seed (apps/api/src/seed/demo-proposals.ts): GroenWerkt submitted "Buurtkamers met koffie en klusjes"
// to the loneliness challenge; Bouwbedrijf De Vries has the draft "Energiefixers uit de buurt".
const DAAN = 'eigenaar@bouwbedrijf-devries.nl'
const GERT = 'eigenaar@groenwerkt.nl'
const OKKE = 'opgaven@voorbeeldstad.nl'
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

describe('Proposals: workspace, editor with autosave, receipts and the municipality view', () => {
  let product: RunningProduct
  let browser: Browser

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true, testClock: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  async function challengeId(q: string): Promise<string> {
    const res = await fetch(`${product.baseUrl}/api/v1/challenges?q=${encodeURIComponent(q)}`)
    const body = (await res.json()) as { items: { id: string }[] }
    return body.items[0]!.id
  }

  it('an entrepreneur sees the draft, edits with autosave, uploads a document and sees what is missing to submit', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, DAAN)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn voorstellen' }).click()
    await expect.poll(() => h1(page)).toBe('Mijn voorstellen')
    expect(await axeViolations(page, 'my proposals')).toEqual([])

    await page.getByRole('link', { name: 'Energiefixers uit de buurt' }).click()
    await expect.poll(() => h1(page)).toBe('Energiefixers uit de buurt')
    await page.getByLabel('Aanpak').fill('Wij werken per straat met twee energiefixers.')
    await page.getByText(/^Opgeslagen om \d\d:\d\d$/).waitFor()
    expect(await axeViolations(page, 'proposal editor')).toEqual([])

    await page.getByLabel('Document kiezen').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: PDF })
    await page.getByRole('button', { name: 'Uploaden' }).click()
    await page.getByRole('button', { name: 'plan.pdf', exact: true }).waitFor()

    await page.getByRole('button', { name: 'Voorstel indienen' }).click()
    const summary = page.locator('.opgave-error-summary')
    await summary.waitFor()
    expect(await summary.innerText()).toContain('Team is nog niet ingevuld.')
    expect(await axeViolations(page, 'proposal editor with errors')).toEqual([])
    await page.context().close()
  })

  it('two windows editing the same draft: the stale one is told and offered a reload, never overwriting', async () => {
    const first = await newPage(browser)
    const second = await newPage(browser)
    await logIn(first, product.baseUrl, DAAN)
    await logIn(second, product.baseUrl, DAAN)
    await first.goto(`${product.baseUrl}/mijn-voorstellen`)
    await first.getByRole('link', { name: 'Energiefixers uit de buurt' }).click()
    await expect.poll(() => h1(first)).toBe('Energiefixers uit de buurt')
    const url = first.url()
    await second.goto(url)
    await expect.poll(() => h1(second)).toBe('Energiefixers uit de buurt')
    await first.getByLabel('Team').fill('Daan en twee leerlingen')
    await first.getByText(/^Opgeslagen om/).waitFor()
    await second.getByLabel('Team').fill('Iemand anders')
    await second.getByRole('alert').getByText(/Iemand anders heeft dit voorstel intussen gewijzigd/).waitFor()
    expect(await axeViolations(second, 'proposal editor conflict')).toEqual([])
    await second.getByRole('button', { name: 'Actuele versie laden' }).click()
    await expect.poll(() => second.getByLabel('Team').inputValue()).toBe('Daan en twee leerlingen')
    await first.context().close()
    await second.context().close()
  })

  it('a submitter sees the receipt with time and hash; starting a second proposal goes through the start route', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, GERT)
    await page.goto(`${product.baseUrl}/mijn-voorstellen`)
    await expect.poll(() => h1(page)).toBe('Mijn voorstellen')
    expect(await page.getByRole('table').innerText()).toMatch(/[0-9a-f]{64}/)
    await page.getByRole('link', { name: 'Buurtkamers met koffie en klusjes' }).click()
    await page.getByRole('heading', { name: 'Ontvangstbevestiging' }).waitFor()
    // How the jury judges, folded into the editor: opened by keyboard, the criteria of the challenge's round.
    const howJudged = page.getByText('Zo beoordeelt de jury de voorstellen', { exact: true })
    await howJudged.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('table', { name: 'Criteria van Schriftelijke beoordeling' }).waitFor()
    expect(await axeViolations(page, 'submitted proposal')).toEqual([])

    await page.goto(`${product.baseUrl}/uitdagingen/${await challengeId('energiearmoede')}/voorstel-starten`)
    await expect.poll(() => h1(page)).toBe('Voorstel voor: Energiearmoede aanpakken in huurwoningen')
    expect(page.url()).toMatch(/\/voorstellen\/[0-9a-f-]{36}$/)
    // That challenge has no jury round yet: nothing is folded in.
    await page.waitForLoadState('networkidle')
    expect(await howJudged.count()).toBe(0)
    await page.context().close()
  })

  it('the municipality sees counts before the deadline and the proposals after it', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, OKKE)
    const id = await challengeId('ouderen')
    await page.goto(`${product.baseUrl}/gemeente/uitdagingen/${id}/voorstellen`)
    await expect.poll(() => h1(page)).toBe('Ingediende voorstellen')
    await page.getByText(/pas na de deadline in te zien/).waitFor()
    expect(await page.getByRole('heading', { name: 'Buurtkamers met koffie en klusjes' }).count()).toBe(0)
    expect(await axeViolations(page, 'municipality view (sealed)')).toEqual([])

    // Past the deadline (35 days in the demo); sessions also end on the server clock, so log in again.
    await setServerClock(product, new Date(Date.now() + 36 * 86_400_000))
    await logIn(page, product.baseUrl, OKKE)
    await page.goto(`${product.baseUrl}/gemeente/uitdagingen/${id}/voorstellen`)
    await page.getByRole('heading', { name: 'Buurtkamers met koffie en klusjes' }).waitFor()
    expect(await axeViolations(page, 'municipality view (open)')).toEqual([])
    await page.context().close()
  })
})
