import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerDialogs, axeViolations, expectLeaveToAsk, h1, launchChromium, logIn, newPage, type RunningProduct, startProduct } from './support'

// The demo seed (apps/api/src/seed/demo-impact.ts) has two challenges of Gemeente Voorbeeldstad with
// published results, published 300 and 240 days ago: De Moestuinmakers and Zon op Dak won, Zon op Dak
// agreed to the showcase, De Moestuinmakers did not (yet).
describe('impact dashboard, open data and showcase in a real browser', () => {
  let product: RunningProduct
  let browser: Browser
  const DAY = 86_400_000
  const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)
  const period = { from: day(-400), to: day(-100) }

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  /** A number as shown (€ 20.000, 20,000, 75 %): the figures on this page are whole numbers. */
  const shown = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''))
  /** The data table under a chart: [row heading, ...values as shown]. */
  const table = async (page: Page, chartId: string) =>
    page.locator(`#impact-${chartId} tbody tr`).evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent?.trim() ?? '', ...[...r.querySelectorAll('td')].map((td) => td.textContent ?? '')]))

  async function expectDashboardEqualsOpenData(page: Page) {
    const query = new URLSearchParams({ municipality: 'voorbeeldstad', ...period, format: 'json' })
    const open = (await (await fetch(`${product.baseUrl}/api/v1/open-data/impact?${query.toString()}`)).json()) as {
      figures: { challengesPerSdg: { sdg: number; challenges: number }[]; challengesPerStatus: { challenges: number }[]; budgetPerSdg: { budgetCents: number }[]; budgetPerPortfolio: { portfolio: string; budgetCents: number }[]; proposalsReceived: number; enterprisesReached: number; socialEnterprisesReached: number; socialReturn: Record<string, number> }
    }
    const f = open.figures
    expect(f.proposalsReceived).toBeGreaterThan(0)
    expect(shown(await page.locator('#figure-proposalsReceived').textContent())).toBe(f.proposalsReceived)
    expect(shown(await page.locator('#figure-enterprisesReached').textContent())).toBe(f.enterprisesReached)
    expect(shown(await page.locator('#figure-socialEnterprisesReached').textContent())).toBe(f.socialEnterprisesReached)

    const perSdg = await table(page, 'challenges-per-sdg')
    expect(perSdg.map((r) => Number.parseInt(r[0]!, 10))).toEqual(f.challengesPerSdg.map((x) => x.sdg))
    expect(perSdg.map((r) => shown(r[1]!))).toEqual(f.challengesPerSdg.map((x) => x.challenges))
    expect((await table(page, 'challenges-per-status')).map((r) => shown(r[1]!))).toEqual(f.challengesPerStatus.map((x) => x.challenges))
    expect((await table(page, 'budget-per-sdg')).map((r) => shown(r[1]!))).toEqual(f.budgetPerSdg.map((x) => x.budgetCents / 100))
    const portfolios = await table(page, 'budget-per-portfolio')
    expect(portfolios.map((r) => [r[0], shown(r[1]!)])).toEqual(f.budgetPerPortfolio.map((x) => [x.portfolio, x.budgetCents / 100]))
    expect((await table(page, 'social-return-jobs')).map((r) => shown(r[1]!))).toEqual([f.socialReturn.committedJobs, f.socialReturn.realisedJobs])
    expect((await table(page, 'social-return-hours')).map((r) => shown(r[1]!))).toEqual([f.socialReturn.committedHours, f.socialReturn.realisedHours])
    // Every chart with data was drawn by Chart.js on its canvas.
    const canvases = page.locator('canvas[role="img"]')
    expect(await canvases.count()).toBe(7)
    await expect.poll(() => canvases.evaluateAll((list) => list.every((c) => (c as HTMLCanvasElement).width > 0))).toBe(true)
  }

  it('renders the municipality dashboard with charts whose tables equal the open data, in Dutch and English, axe-clean', async () => {
    const page = await newPage(browser)
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url())
    })
    await page.goto(`${product.baseUrl}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(scripts.some((url) => /chart-setup/.test(url))).toBe(false)

    await page.goto(`${product.baseUrl}/gemeenten/voorbeeldstad/impact?van=${period.from}&tot=${period.to}`)
    await expect.poll(() => h1(page)).toBe('Impact van Gemeente Voorbeeldstad')
    await page.locator('#impact-budget-per-portfolio tbody tr').first().waitFor()
    expect(scripts.some((url) => /chart-setup/.test(url))).toBe(true)
    await expectDashboardEqualsOpenData(page)
    await page.getByRole('heading', { name: 'Maatschappelijke businesscase' }).waitFor()
    // Every open dataset is linked with the dashboard's filter; each link answers.
    const datasets = page.getByRole('heading', { name: 'Open data' }).locator('xpath=following-sibling::ul[1]').getByRole('listitem')
    expect(await datasets.allInnerTexts()).toEqual(['Impactcijfers: JSON, CSV', 'Uitdagingen: JSON, CSV', 'Vragen en antwoorden: JSON, CSV', 'Uitslagen: JSON, CSV', 'Beoordelingscriteria: JSON, CSV'])
    for (const href of await datasets.getByRole('link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
      const response = await fetch(href)
      expect(response.status, href).toBe(200)
      expect(response.headers.get('content-type'), href).toMatch(href.endsWith('format=csv') ? /^text\/csv/ : /^application\/json/)
    }
    expect(await axeViolations(page, 'impact dashboard (nl)')).toEqual([])

    await page.evaluate(() => localStorage.setItem('opgave.locale', 'en'))
    await page.reload()
    await expect.poll(() => h1(page)).toBe('Impact of Gemeente Voorbeeldstad')
    await page.locator('#impact-budget-per-portfolio tbody tr').first().waitFor()
    await expectDashboardEqualsOpenData(page)
    expect(await axeViolations(page, 'impact dashboard (en)')).toEqual([])
    await page.evaluate(() => localStorage.setItem('opgave.locale', 'nl'))
    await page.context().close()
  })

  it('filters by period from the form, and refuses a reversed period', async () => {
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/impact`)
    await expect.poll(() => h1(page)).toBe('Impact van alle gemeenten')
    await page.getByLabel('Gepubliceerd vanaf').fill(period.to)
    await page.getByLabel('Gepubliceerd tot en met').fill(period.from)
    await page.getByRole('button', { name: 'Periode tonen' }).click()
    await page.getByText('De einddatum ligt voor de begindatum.').waitFor()
    await page.getByLabel('Gepubliceerd vanaf').fill(period.from)
    await page.getByLabel('Gepubliceerd tot en met').fill(period.to)
    await page.getByRole('button', { name: 'Periode tonen' }).press('Enter')
    await expect.poll(() => page.locator('#figure-challengeCount').textContent()).toBe('2')
    expect(new URL(page.url()).searchParams.get('van')).toBe(period.from)
    await page.context().close()
  })

  it('shows a winner in the showcase only after its owner consented, with Open Graph tags on its page', async () => {
    const visitor = await newPage(browser)
    await visitor.goto(`${product.baseUrl}/inspirerende-voorbeelden`)
    await expect.poll(() => h1(visitor)).toBe('Inspirerende voorbeelden')
    await visitor.getByRole('heading', { name: /Zon op Dak/ }).waitFor()
    expect(await visitor.getByRole('heading', { name: /De Moestuinmakers/ }).count()).toBe(0)
    expect(await axeViolations(visitor, 'showcase')).toEqual([])

    const owner = await newPage(browser)
    await logIn(owner, product.baseUrl, 'eigenaar@moestuinmakers.nl')
    await owner.goto(`${product.baseUrl}/mijn-pilots`)
    await expect.poll(() => h1(owner)).toBe('Mijn pilots')
    await owner.getByRole('heading', { name: 'Vijf tuinen, twaalf leerwerkplekken' }).waitFor()
    expect(await axeViolations(owner, 'my pilots')).toEqual([])
    // A report typed but not sent: leaving asks first, and staying keeps it.
    const dialogs = answerDialogs(owner)
    await owner.getByLabel('Toelichting (optioneel)').fill('Twee tuinen extra in het voorjaar.')
    await owner.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true }).click()
    await expect.poll(() => dialogs.messages).toEqual(['U heeft wijzigingen die nog niet zijn opgeslagen. Wilt u deze pagina verlaten? Dan raakt u ze kwijt.'])
    expect(await owner.getByLabel('Toelichting (optioneel)').inputValue()).toBe('Twee tuinen extra in het voorjaar.')
    expect(await h1(owner)).toBe('Mijn pilots')
    await owner.getByRole('button', { name: 'Toestemming geven voor de inspirerende voorbeelden' }).click()
    await owner.getByText('Toestemming gegeven: uw pilot staat bij de inspirerende voorbeelden.').waitFor()

    await visitor.reload()
    const link = visitor.getByRole('link', { name: /De Moestuinmakers/ })
    await link.waitFor()
    await link.click()
    await expect.poll(() => h1(visitor)).toBe('De Moestuinmakers: Vijf tuinen, twaalf leerwerkplekken')
    expect(await axeViolations(visitor, 'showcase item')).toEqual([])
    const html = await (await fetch(visitor.url())).text()
    expect(html).toContain('<meta property="og:title" content="De Moestuinmakers: Vijf tuinen, twaalf leerwerkplekken">')

    await owner.getByRole('button', { name: 'Toestemming intrekken' }).click()
    await owner.getByText('Toestemming ingetrokken', { exact: false }).waitFor()
    expect(await (await fetch(visitor.url())).text()).not.toContain('og:title')
    await owner.context().close()
    await visitor.context().close()
  })

  it('finds partners by SDG and sends a contact message that lands in the outbox without the sender’s address', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'eigenaar@bouwbedrijf-devries.nl')
    await page.goto(`${product.baseUrl}/partners`)
    await expect.poll(() => h1(page)).toBe('Partnergids')
    await page.getByLabel('SDG', { exact: true }).selectOption('7')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    // The unfiltered list is on screen before the search answers: wait for the filtered one.
    await expect
      .poll(async () => {
        const names = await page.getByRole('heading', { level: 2 }).allTextContents()
        return names.includes('Zon op Dak') && !names.includes('De Moestuinmakers')
      })
      .toBe(true)
    expect(await axeViolations(page, 'partner directory')).toEqual([])
    await page.getByRole('button', { name: 'Bericht sturen aan Zon op Dak' }).click()
    await page.getByLabel('Onderwerp').fill('Samen zonnepanelen leggen?')
    // A message typed but not sent: leaving asks first and staying keeps it (once sent, the next step leaves without a question).
    const dialogs = answerDialogs(page)
    const challengesLink = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true })
    await expectLeaveToAsk(dialogs, page.getByLabel('Bericht', { exact: true }), 'Wij zoeken een partner voor onze renovaties.', challengesLink)
    expect(await axeViolations(page, 'contact form')).toEqual([])
    await page.getByRole('button', { name: 'Versturen' }).click()
    await page.getByText('Uw bericht aan Zon op Dak is verstuurd.').waitFor()

    // "Find partners" for a challenge: the best SDG fit first.
    const open = (await (await fetch(`${product.baseUrl}/api/v1/open-data/challenges?municipality=voorbeeldstad`)).json()) as { items: { id: string; slug: string }[] }
    const gardens = open.items.find((c) => c.slug === 'buurtmoestuinen-als-leerwerkplek')!
    await page.goto(`${product.baseUrl}/partners?opgave=${gardens.id}`)
    await page.getByRole('heading', { level: 2, name: 'Passende partners voor “Buurtmoestuinen als leerwerkplek”' }).waitFor()
    expect(dialogs.messages).toHaveLength(1)
    expect(await page.getByRole('heading', { level: 3 }).first().textContent()).toBe('De Moestuinmakers')
    expect(await page.getByRole('heading', { level: 3, name: 'Zon op Dak' }).count()).toBe(0)
    expect(await axeViolations(page, 'partner suggestions')).toEqual([])

    const login = await fetch(`${product.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'platform@opgave.localhost', password: 'Opgave-demo-2026' }) })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const outbox = (await (await fetch(`${product.baseUrl}/api/v1/admin/outbox`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { items: { to: string; subject: string; text: string }[] }
    const mail = outbox.items.find((m) => m.to === 'eigenaar@zonopdak.nl' && m.subject.includes('Samen zonnepanelen leggen?'))
    expect(mail?.text).toContain('Wij zoeken een partner voor onze renovaties.')
    expect(mail?.text).not.toContain('eigenaar@bouwbedrijf-devries.nl')
    await page.context().close()
  })
})
