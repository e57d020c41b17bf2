import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerDialogs, axeViolations, DEMO_PASSWORD, expectLeaveToAsk, h1, launchChromium, logIn, newPage, type RunningProduct, startProduct } from './support'

// The staff and chair screens on the demo jury (apps/api/src/seed/demo-jury.ts): "Schoolpleinen
// vergroenen" is in evaluation, round 1 is assigned and part-scored, jury1 chairs. The chair runs the
// round to a decision by keyboard; the challenge manager sees the set-up and a read-only dashboard;
// after publication anyone reads the public results. Each screen is checked with axe in nl and en.

const CHAIR = 'jury1@voorbeeldstad.nl'
const MANAGER = 'opgaven@voorbeeldstad.nl'
const MOTIVATION = 'Het plan haalt de meeste tegels weg en betrekt de buurt bij het onderhoud.'

describe('jury set-up, chair dashboard, report and public results in a real browser', () => {
  let product: RunningProduct
  let browser: Browser
  let chairPage: Page
  /** The dialogs of the chair's page, answered from the step that first expects one. */
  let chairDialogs: ReturnType<typeof answerDialogs>
  let challengeId: string
  let round1: string
  let round2: string

  const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const res = await fetch(`${product.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { items?: unknown[] } }
  }
  const tokenOf = async (email: string) => (await api('/auth/login', { method: 'POST', body: { email, password: DEMO_PASSWORD } })).body.accessToken as string
  /** Focus a control and press Enter: the main actions must work without a mouse. */
  const pressEnterOn = async (page: Page, locator: ReturnType<Page['locator']>) => {
    await locator.focus()
    await page.keyboard.press('Enter')
  }
  const inEnglish = async (page: Page) => {
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
  }
  const inDutch = async (page: Page) => {
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('nl')
  }

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
    const seats = (await api('/jury-seats', { token: await tokenOf(CHAIR) })).body.items as { challengeId: string; rounds: { id: string; position: number }[] }[]
    challengeId = seats[0]!.challengeId
    round1 = seats[0]!.rounds.find((r) => r.position === 1)!.id
    round2 = seats[0]!.rounds.find((r) => r.position === 2)!.id
    chairPage = await newPage(browser)
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('shows the challenge manager the jury set-up: rounds, locked criteria, members with status', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, MANAGER)
    await page.goto(`${product.baseUrl}/uitdagingen/${challengeId}/bewerken`)
    await pressEnterOn(page, page.getByRole('link', { name: 'Jury en beoordeling' }))
    await expect.poll(() => h1(page)).toBe('Jury inrichten: Schoolpleinen vergroenen')
    await page.locator(`#round-${round1}`).getByText('Er is al gescoord in deze ronde').waitFor()
    await expect.poll(() => page.locator(`#round-${round1} table tbody tr`).count()).toBe(3)
    expect(await page.locator(`#round-${round2}`).getByRole('button', { name: 'Criterium toevoegen aan ‘Ronde 2: pitch’' }).count()).toBe(1)
    const members = page.locator('#jury-members tbody tr')
    await expect.poll(() => members.count()).toBe(4)
    expect(await members.first().innerText()).toContain('Voorzitter')
    // The challenge is public: the manager is told that applicants read the criteria and see any change.
    await page.getByText('De rondes en criteria staan op de pagina van de uitdaging. Een gewijzigd criterium wordt daar met datum en tijd vermeld en gemeld aan wie de uitdaging volgt of er een voorstel voor maakt; wijzigingen binnen tien minuten na de eerste gaan samen in één e-mail.').waitFor()
    expect(await axeViolations(page, 'jury set-up (nl)')).toEqual([])

    // Invite by keyboard only: type, tick the chair box off, submit with Enter.
    await page.locator('#jury-invite-email').focus()
    await page.keyboard.type('nieuw.jurylid@example.nl')
    await page.keyboard.press('Enter')
    await page.getByText('nieuw.jurylid@example.nl is uitgenodigd.').waitFor()
    await expect.poll(() => members.count()).toBe(5)
    expect(await page.locator('#jury-members tbody tr', { hasText: 'nieuw.jurylid@example.nl' }).innerText()).toContain('Uitgenodigd')

    // Round settings changed but not saved: leaving asks first and staying keeps them; changed back, they count as saved.
    const dialogs = answerDialogs(page)
    const round2Panel = page.locator(`#round-${round2}`)
    const challengesLink = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true })
    await round2Panel.getByText('Instellingen van de ronde').click()
    await expectLeaveToAsk(dialogs, page.locator(`#round-${round2}-name`), 'Ronde 2: pitch en gesprek', challengesLink)
    await page.locator(`#round-${round2}-name`).fill('Ronde 2: pitch')

    // The same for an invitation typed but not sent, a member's expertise changed but not saved, a round not added.
    await expectLeaveToAsk(dialogs, page.locator('#jury-invite-email'), 'nog.een.jurylid@example.nl', challengesLink)
    await page.locator('#jury-invite-email').fill('')
    const firstMember = page.locator('#jury-members tbody tr').first()
    await firstMember.getByRole('button', { name: /^Expertise van .+ wijzigen$/ }).click()
    await firstMember.locator('input[type="checkbox"]').first().check()
    await challengesLink.click()
    await expect.poll(() => dialogs.messages.length).toBe(3)
    expect(await firstMember.locator('input[type="checkbox"]').first().isChecked()).toBe(true)
    await firstMember.getByRole('button', { name: 'Annuleren' }).click()
    await expectLeaveToAsk(dialogs, page.locator('#new-round-name'), 'Ronde 3: gesprek', challengesLink)
    await page.locator('#new-round-name').fill('')

    // A criterion typed but not added: leaving asks first and staying keeps it; once cancelled, nothing is asked.
    await round2Panel.getByRole('button', { name: 'Criterium toevoegen aan ‘Ronde 2: pitch’' }).click()
    await expectLeaveToAsk(dialogs, page.locator(`#crit-new-${round2}-name`), 'Haalbaarheid', challengesLink)
    await round2Panel.getByRole('button', { name: 'Annuleren' }).click()
    await challengesLink.click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toHaveLength(5)
    await page.goBack()
    await expect.poll(() => h1(page)).toBe('Jury inrichten: Schoolpleinen vergroenen')

    await inEnglish(page)
    await expect.poll(() => h1(page)).toBe('Set up the jury: Schoolpleinen vergroenen')
    await page.getByRole('heading', { name: 'Jury members' }).waitFor()
    expect(await axeViolations(page, 'jury set-up (en)')).toEqual([])
    await inDutch(page)

    // The dashboard is read-only for staff who do not chair.
    await page.goto(`${product.baseUrl}/gemeente/uitdagingen/${challengeId}/jury/rondes/${round1}`)
    await page.getByText('Alleen de voorzitter van de jury voert de stappen uit.').waitFor()
    expect(await page.getByRole('button', { name: 'Beraadslaging openen' }).count()).toBe(0)
    await page.context().close()
  })

  it('shows the chair the assignment with reasons, and progress per juror', async () => {
    const page = chairPage
    await logIn(page, product.baseUrl, CHAIR)
    await page.goto(`${product.baseUrl}/gemeente/uitdagingen/${challengeId}/jury/rondes/${round1}`)
    await expect.poll(() => h1(page)).toBe('Jurydashboard: Ronde 1: schriftelijk')
    expect(await page.locator('#round-status').textContent()).toBe('Beoordelen')
    const jurors = page.locator('#jury-assignment section[id^="assigned-"]')
    await expect.poll(() => jurors.count()).toBe(4)
    expect(await jurors.filter({ hasText: 'Jamal Jurylid' }).locator('li').first().isVisible()).toBe(true)
    // "Why" is a native disclosure: open it with the keyboard and read the solver's reasons.
    const why = page.locator('#jury-assignment details').first()
    await pressEnterOn(page, why.locator('summary'))
    expect(await why.innerText()).toMatch(/SDG-doelen|Belasting/)
    const progress = page.locator('#progress-jurors tbody tr')
    await expect.poll(() => progress.count()).toBe(4)
    expect(await progress.filter({ hasText: 'Jamal Jurylid' }).innerText()).toContain('0%')
    expect(await page.getByText(/beoordelingen ingediend/).textContent()).toMatch(/^\d+ van \d+ beoordelingen ingediend/)
    expect(await axeViolations(page, 'chair dashboard before deliberation (nl)')).toEqual([])
  })

  it('lets the chair remind, open deliberation, compute the ranking and reopen a scorecard with a reason, by keyboard', async () => {
    const page = chairPage
    await pressEnterOn(page, page.getByRole('button', { name: 'Herinnering sturen' }))
    await page.getByText(/juryleden hebben een herinnering gekregen/).waitFor()

    await pressEnterOn(page, page.getByRole('button', { name: 'Beraadslaging openen' }))
    await page.getByText('De beraadslaging is geopend.', { exact: true }).first().waitFor()
    await expect.poll(() => page.locator('#round-status').textContent(), { timeout: 15_000 }).toBe('Beraadslaging')

    await pressEnterOn(page, page.getByRole('button', { name: 'Uitslag berekenen' }))
    const rows = page.locator('#ranking tbody tr')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(6)
    expect(await rows.first().locator('td').first().innerText()).toMatch(/^1/)
    expect(await page.locator('#alpha-overall').innerText()).toMatch(/\d,\d{3} — |niet te bepalen/)
    expect(await page.getByText('Krippendorffs alfa (totaal)').count()).toBe(1)
    expect(await page.getByText(/Methode: gemiddelde, gekalibreerd met z-scores/).count()).toBe(1)
    // Filters keep the long table usable: the search narrows it down.
    await page.locator('#ranking-search').fill('bomen')
    await expect.poll(() => rows.count()).toBe(1)
    await page.locator('#ranking-search').fill('')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(6)
    expect(await axeViolations(page, 'chair dashboard with results (nl)')).toEqual([])
    // All rows in one scrollable (virtualised) table: it tells its size and scrolls by keyboard.
    await page.setViewportSize({ width: 1280, height: 400 })
    await page.locator('#ranking-page-size').selectOption('all')
    const scroller = page.locator('#ranking-scroll')
    await expect.poll(() => scroller.getAttribute('aria-label')).toMatch(/^Rangschikking, alle rijen/)
    expect(await page.locator('#ranking').getAttribute('aria-rowcount')).toBe('7')
    expect(await rows.first().getAttribute('aria-rowindex')).toBe('2')
    await scroller.focus()
    await page.keyboard.press('End')
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    await expect.poll(() => page.locator('#ranking tbody tr[aria-rowindex="7"]').isVisible()).toBe(true)
    await page.keyboard.press('Home')
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0)
    await page.keyboard.press('PageDown')
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    expect(await axeViolations(page, 'ranking, all rows (nl)')).toEqual([])
    await page.locator('#ranking-page-size').selectOption('50')
    await page.setViewportSize({ width: 1280, height: 900 })

    // Reopening a submitted scorecard (with a reason) marks the stored results as out of date.
    await page.locator('#reopen-scorecard').selectOption({ index: 1 })
    // A reason typed but not used: leaving asks first and staying keeps it.
    chairDialogs = answerDialogs(page)
    await expectLeaveToAsk(chairDialogs, page.locator('#reopen-reason'), 'Score lijkt een tikfout', page.getByRole('link', { name: 'Terug naar de jury-inrichting' }))
    await pressEnterOn(page, page.getByRole('button', { name: 'Heropenen' }))
    await page.getByText(/De scorekaart \(.+\) is heropend\./).waitFor()
    await page.getByText(/Er is sinds deze berekening iets veranderd/).waitFor()

    await inEnglish(page)
    await expect.poll(() => h1(page)).toBe('Jury dashboard: Ronde 1: schriftelijk')
    await page.getByRole('heading', { name: 'Ranking', exact: true }).waitFor()
    expect(await axeViolations(page, 'chair dashboard with results (en)')).toEqual([])
    await inDutch(page)
  })

  it('shortlists the top 3 into the pitch round and records the decision', async () => {
    const page = chairPage
    await page.locator('#shortlist-top-n').fill('3')
    await pressEnterOn(page, page.getByRole('button', { name: 'Doorzetten naar volgende ronde' }))
    await page.getByText(/voorstellen gaan door naar ‘Ronde 2: pitch’/).waitFor()
    await expect.poll(() => page.locator('#round-status').textContent(), { timeout: 15_000 }).toBe('Afgesloten')

    const winner = page.locator('#jury-decision input[type="checkbox"]').first()
    await winner.focus()
    await page.keyboard.press('Space')
    // A decision typed but not recorded: leaving asks first and staying keeps it (once recorded, the next step leaves without a question).
    await expectLeaveToAsk(chairDialogs, page.locator('#decision-motivation'), MOTIVATION, page.getByRole('link', { name: 'Terug naar de jury-inrichting' }))
    await pressEnterOn(page, page.getByRole('button', { name: 'Besluit vastleggen' }))
    await page.getByText('Het besluit is vastgelegd. De gemeente kan nu de uitslag publiceren.').waitFor()
    await page.locator('#jury-decision').getByText(MOTIVATION).waitFor()
  })

  it('prints the jury report and offers CSV and XLSX', async () => {
    const page = chairPage
    await pressEnterOn(page, page.getByRole('link', { name: 'Afdrukbaar rapport' }))
    await expect.poll(() => h1(page)).toBe('Juryrapport Ronde 1: schriftelijk – Schoolpleinen vergroenen')
    expect(chairDialogs.messages).toHaveLength(2)
    await expect.poll(() => page.locator('#report-ranking tbody tr').count()).toBe(6)
    await page.getByText(MOTIVATION).waitFor()
    // Print CSS hides the buttons and the site chrome.
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })
    const download = page.waitForEvent('download')
    await pressEnterOn(page, page.getByRole('button', { name: 'Download Excel (XLSX)' }))
    expect((await download).suggestedFilename()).toBe(`jury-report-${round1}.xlsx`)
    expect(await axeViolations(page, 'jury report (nl)')).toEqual([])
    await inEnglish(page)
    await page.getByRole('button', { name: 'Print' }).waitFor()
    expect(await axeViolations(page, 'jury report (en)')).toEqual([])
    await inDutch(page)
  })

  it('publishes through the municipality and shows the winners to anyone', async () => {
    const manager = await tokenOf(MANAGER)
    const challenge = await api(`/challenges/${challengeId}`, { token: manager })
    const decided = await api(`/challenges/${challengeId}/decide`, { method: 'POST', token: manager, body: { version: challenge.body.version } })
    expect(decided.status).toBe(200)
    expect((await api(`/challenges/${challengeId}/publish-results`, { method: 'POST', token: manager, body: { version: decided.body.version } })).status).toBe(200)

    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/uitdagingen/${challengeId}`)
    await pressEnterOn(page, page.getByRole('link', { name: 'Bekijk de uitslag' }))
    await expect.poll(() => h1(page)).toBe('Schoolpleinen vergroenen')
    const winners = page.locator('#winners li')
    await expect.poll(() => winners.count()).toBe(1)
    expect(await page.locator('#motivation').textContent()).toBe(MOTIVATION)
    expect(await axeViolations(page, 'public results (nl)')).toEqual([])
    await inEnglish(page)
    await page.getByRole('heading', { name: "The jury's motivation" }).waitFor()
    expect(await axeViolations(page, 'public results (en)')).toEqual([])
    await page.context().close()
  })
})
