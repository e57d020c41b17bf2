import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, DEMO_PASSWORD, h1, launchChromium, logIn, newPage, type RunningProduct, startProduct } from './support'

// The demo seed: "Energiearmoede aanpakken in huurwoningen" (SDGs 7 and 1) is open for proposals and
// Bouwbedrijf De Vries (eigenaar@bouwbedrijf-devries.nl) has the draft "Energiefixers uit de buurt" for it;
// Zon op Dak (SDGs 7, 13; eigenaar@zonopdak.nl) has no proposal for it. The showcase holds Zon op Dak's
// pilot of Gemeente Voorbeeldstad (apps/api/src/seed/demo-impact.ts). impact.e2e.ts covers the directory
// search, contact messages and showcase consent; this file the consortium invitation and the
// showcase's municipality filter.
describe('find partners for a challenge, invite one into the consortium, filter the showcase by municipality', () => {
  let product: RunningProduct
  let browser: Browser
  let challengeId: string
  let decidedChallengeId: string
  const CHALLENGE_TITLE = 'Energiearmoede aanpakken in huurwoningen'
  const PROPOSAL_TITLE = 'Energiefixers uit de buurt'
  /** The button's name: its text and the enterprise's name in a visually hidden span (Chromium puts a space before it). */
  const INVITE_ZON_OP_DAK = /^Uitnodigen voor consortium ?: Zon op Dak$/

  async function token(email: string): Promise<string> {
    const response = await fetch(`${product.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })
    return ((await response.json()) as { accessToken: string }).accessToken
  }
  /** Through the language switch in the header (for a signed-in user it is also saved to the profile). */
  async function setLocale(page: Page, locale: 'nl' | 'en') {
    await page.getByRole('navigation', { name: locale === 'en' ? 'Taal' : 'Language' }).getByRole('button', { name: locale === 'en' ? 'English' : 'Nederlands' }).click()
    await page.getByRole('navigation', { name: locale === 'en' ? 'Language' : 'Taal' }).waitFor()
  }

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
    const open = (await (await fetch(`${product.baseUrl}/api/v1/open-data/challenges?municipality=voorbeeldstad`)).json()) as { items: { id: string; slug: string }[] }
    challengeId = open.items.find((c) => c.slug === 'energiearmoede-aanpakken')!.id
    decidedChallengeId = open.items.find((c) => c.slug === 'buurtmoestuinen-als-leerwerkplek')!.id
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('asks guests to log in to find partners, and shows municipal staff no such link', async () => {
    const guest = await newPage(browser)
    await guest.goto(`${product.baseUrl}/uitdagingen/${challengeId}`)
    await expect.poll(() => h1(guest)).toBe(CHALLENGE_TITLE)
    const login = guest.getByRole('link', { name: 'Log in om partners te zoeken' })
    expect(new URL(await login.getAttribute('href') ?? '', product.baseUrl).searchParams.get('redirect')).toBe(`/partners?opgave=${challengeId}`)
    expect(await guest.locator('#inhoud').getByRole('link', { name: 'Partners zoeken voor deze opgave' }).count()).toBe(0)
    await guest.context().close()

    const staff = await newPage(browser)
    await logIn(staff, product.baseUrl, 'opgaven@voorbeeldstad.nl')
    await staff.goto(`${product.baseUrl}/uitdagingen/${challengeId}`)
    await expect.poll(() => h1(staff)).toBe(CHALLENGE_TITLE)
    await staff.getByRole('link', { name: 'Vragen en antwoorden (nota van inlichtingen)' }).waitFor()
    expect(await staff.locator('#inhoud').getByRole('link', { name: /partners zoeken/i }).count()).toBe(0)
    await staff.context().close()
  })

  it('lets the lead of a draft follow “find partners” from the challenge and invite a suggestion, in Dutch and English, axe-clean', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'eigenaar@bouwbedrijf-devries.nl')
    await page.goto(`${product.baseUrl}/uitdagingen/${challengeId}`)
    await expect.poll(() => h1(page)).toBe(CHALLENGE_TITLE)
    // The main menu's "Partners zoeken" link opens the whole directory; this one is the challenge's own.
    await page.locator('#inhoud').getByRole('link', { name: 'Partners zoeken voor deze opgave' }).click()
    await page.getByRole('heading', { level: 2, name: `Passende partners voor “${CHALLENGE_TITLE}”` }).waitFor()
    expect(new URL(page.url()).searchParams.get('opgave')).toBe(challengeId)
    await page.getByRole('heading', { level: 3, name: 'Zon op Dak' }).waitFor()
    await page.getByRole('heading', { level: 3, name: 'Consortium vormen' }).waitFor()
    await page.getByRole('link', { name: `Naar het voorstel “${PROPOSAL_TITLE}”` }).waitFor()
    expect(await axeViolations(page, 'partner suggestions with consortium (nl)')).toEqual([])
    // The same person in a second browser, with the page opened before the invitation.
    const stale = await newPage(browser)
    await logIn(stale, product.baseUrl, 'eigenaar@bouwbedrijf-devries.nl')
    await stale.goto(page.url())
    await stale.getByRole('button', { name: INVITE_ZON_OP_DAK }).waitFor()

    const invite = page.getByRole('button', { name: INVITE_ZON_OP_DAK })
    await invite.focus()
    await invite.press('Enter')
    await page.getByRole('status').filter({ hasText: `Zon op Dak is uitgenodigd voor het consortium van “${PROPOSAL_TITLE}”.` }).waitFor()
    const state = page.getByText(`Uitgenodigd voor “${PROPOSAL_TITLE}”`)
    await state.waitFor()
    expect(await page.getByRole('button', { name: INVITE_ZON_OP_DAK }).count()).toBe(0)
    // The keyboard focus stays where the button was.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`Uitgenodigd voor “${PROPOSAL_TITLE}”`)
    expect(await axeViolations(page, 'after an invitation (nl)')).toEqual([])

    // A page opened before the invitation still offers it: the API answers 409 and the page says so.
    await stale.getByRole('button', { name: INVITE_ZON_OP_DAK }).click()
    await stale.getByRole('status').filter({ hasText: `Zon op Dak is al uitgenodigd voor of partner in “${PROPOSAL_TITLE}”.` }).waitFor()
    await stale.getByText(`Uitgenodigd voor “${PROPOSAL_TITLE}”`).waitFor()
    expect(await axeViolations(stale, 'already invited (nl)')).toEqual([])
    await stale.context().close()

    await setLocale(page, 'en')
    await page.getByRole('heading', { level: 2, name: `Fitting partners for “${CHALLENGE_TITLE}”` }).waitFor()
    await page.getByText(`Invited to “${PROPOSAL_TITLE}”`).waitFor()
    await page.getByRole('heading', { level: 3, name: 'Form a consortium' }).waitFor()
    expect(await axeViolations(page, 'partner suggestions with consortium (en)')).toEqual([])
    await setLocale(page, 'nl')

    // The invitation shows on the proposal.
    await page.getByRole('link', { name: `Naar het voorstel “${PROPOSAL_TITLE}”` }).click()
    await page.getByText('Zon op Dak — uitgenodigd').waitFor()

    // And its owners got an email through the outbox.
    const outbox = (await (await fetch(`${product.baseUrl}/api/v1/admin/outbox`, { headers: { authorization: `Bearer ${await token('platform@opgave.localhost')}` } })).json()) as { items: { to: string; subject: string; text: string }[] }
    const mail = outbox.items.find((m) => m.to === 'eigenaar@zonopdak.nl' && m.subject.includes('Consortium invitation'))
    expect(mail?.subject).toContain(PROPOSAL_TITLE)
    expect(mail?.text).toContain('Bouwbedrijf De Vries nodigt Zon op Dak uit')
    await page.context().close()
  })

  it('offers an entrepreneur without a proposal to start one, and shows the invited enterprise the invitation', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'eigenaar@zonopdak.nl')
    await page.goto(`${product.baseUrl}/partners?opgave=${challengeId}`)
    await page.getByText('U heeft nog geen voorstel voor deze opgave.', { exact: false }).waitFor()
    const start = page.getByRole('link', { name: 'Voorstel starten' })
    expect(new URL(await start.getAttribute('href') ?? '', product.baseUrl).pathname).toBe(`/uitdagingen/${challengeId}/voorstel-starten`)
    expect(await page.getByRole('button', { name: /Uitnodigen voor consortium/ }).count()).toBe(0)
    expect(await axeViolations(page, 'partner suggestions without a proposal')).toEqual([])

    // A challenge whose results are published takes no proposals: suggestions, but no consortium to form.
    await page.goto(`${product.baseUrl}/partners?opgave=${decidedChallengeId}`)
    await page.getByRole('heading', { level: 2, name: 'Passende partners voor “Buurtmoestuinen als leerwerkplek”' }).waitFor()
    await page.getByRole('heading', { level: 3, name: 'De Moestuinmakers' }).waitFor()
    expect(await page.getByRole('heading', { name: 'Consortium vormen' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Voorstel starten' }).count()).toBe(0)

    await page.goto(`${product.baseUrl}/mijn-voorstellen`)
    await page.getByText(PROPOSAL_TITLE).first().waitFor()
    await page.context().close()
  })

  it('narrows the showcase by municipality from the keyboard, kept in the URL, with the count announced', async () => {
    // A second municipality, without examples in the showcase.
    const created = await fetch(`${product.baseUrl}/api/v1/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('platform@opgave.localhost')}` },
      body: JSON.stringify({ kind: 'municipality', name: 'Gemeente Anderstad' }),
    })
    expect(created.status).toBe(201)
    const { slug } = (await created.json()) as { slug: string }

    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/inspirerende-voorbeelden`)
    await expect.poll(() => h1(page)).toBe('Inspirerende voorbeelden')
    await page.getByRole('heading', { level: 2, name: /Zon op Dak/ }).waitFor()
    const count = page.locator('#showcase-count[role="status"][aria-live="polite"]')
    await expect.poll(() => count.textContent()).toContain('Aantal voorbeelden: 1')
    const municipality = page.getByLabel('Gemeente', { exact: true })
    // The options come from a request of their own (every municipality with examples), which may answer after the list.
    await expect.poll(() => municipality.locator('option').allTextContents()).toEqual(['Alle gemeenten', 'Gemeente Voorbeeldstad'])
    expect(await axeViolations(page, 'showcase with municipality filter (nl)')).toEqual([])

    // An old link to a municipality without examples: nothing shown, and the filter says what it filters on.
    await page.goto(`${product.baseUrl}/inspirerende-voorbeelden?gemeente=${slug}`)
    await expect.poll(() => count.textContent()).toContain('Aantal voorbeelden: 0')
    expect(await page.getByRole('heading', { level: 2, name: /Zon op Dak/ }).count()).toBe(0)
    await expect.poll(() => municipality.inputValue()).toBe(slug)

    // Choose Voorbeeldstad and apply from the keyboard.
    const request = page.waitForRequest((r) => r.url().includes('/api/v1/showcase?') && new URL(r.url()).searchParams.get('municipality') === 'voorbeeldstad')
    await municipality.focus()
    await municipality.selectOption('voorbeeldstad')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Filteren')
    await page.keyboard.press('Enter')
    await request
    await expect.poll(() => new URL(page.url()).searchParams.get('gemeente')).toBe('voorbeeldstad')
    await expect.poll(() => count.textContent()).toContain('Aantal voorbeelden: 1')
    await page.getByRole('heading', { level: 2, name: /Zon op Dak/ }).waitFor()
    await expect.poll(() => municipality.inputValue()).toBe('voorbeeldstad')

    await setLocale(page, 'en')
    await page.getByRole('heading', { level: 2, name: /Zon op Dak/ }).waitFor()
    await expect.poll(() => page.getByLabel('Municipality', { exact: true }).inputValue()).toBe('voorbeeldstad')
    await expect.poll(() => count.textContent()).toContain('Number of examples: 1')
    expect(await axeViolations(page, 'showcase with municipality filter (en)')).toEqual([])
    await page.context().close()
  })
})
