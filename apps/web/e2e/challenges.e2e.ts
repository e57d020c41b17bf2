import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerDialogs, axeViolations, h1, launchChromium, logIn, type RunningProduct, startProduct, watchFirstInteractionListener } from './support'

// The demo seed (apps/api/src/seed/demo-challenges.ts) publishes four challenges for Gemeente Voorbeeldstad.
const DEMO_PASSWORD = 'Opgave-demo-2026'
const MANAGER = 'opgaven@voorbeeldstad.nl'
const ELDERLY = 'Eenzaamheid onder ouderen doorbreken'

describe('Challenges: catalogue, challenge page, workspace and editor', () => {
  let product: RunningProduct
  let browser: Browser

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  const hydrated = (page: Page) => page.evaluate(() => (document.getElementById('app') as { __vue_app__?: unknown } | null)?.__vue_app__ !== undefined)

  async function newPage(locale = 'nl-NL'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    return page
  }


  it('serves the catalogue rendered: it reads, and its search works, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${product.baseUrl}/uitdagingen`)
    expect(await h1(page)).toBe('Uitdagingen')
    expect(await page.title()).toBe('Uitdagingen — Opgave')
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    const all = await page.locator('.opgave-challenge-card').count()
    expect(all).toBeGreaterThan(1)
    // The SDG icons' colours come with the page's own stylesheets, not with the app's code.
    const colour = await page.locator('.opgave-sdg-icon').first().evaluate((e) => getComputedStyle(e).backgroundColor)
    expect(colour).not.toBe('rgba(0, 0, 0, 0)')
    await page.getByRole('searchbox', { name: 'Zoeken' }).fill('ouderen')
    await page.getByRole('searchbox', { name: 'Zoeken' }).press('Enter')
    await page.waitForURL(/[?&]q=ouderen/)
    expect(await page.locator('.opgave-challenge-card').count()).toBeLessThan(all)
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    await context.close()
  })

  it('hydrates the server-rendered catalogue in place at the first interaction: no node replaced, no console error, and links then stay in the app', async () => {
    const page = await newPage()
    const problems: string[] = []
    page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())))
    page.on('pageerror', (error) => void problems.push(error.message))
    const documents: string[] = []
    page.on('request', (request) => void (request.resourceType() === 'document' && documents.push(new URL(request.url()).pathname)))
    // Every node added to or removed from #app once the server's HTML is parsed: hydration adds and removes none.
    await page.addInitScript(() => {
      const replaced: string[] = []
      Object.assign(window, { replaced })
      document.addEventListener('DOMContentLoaded', () => {
        const app = document.getElementById('app')!
        Object.assign(window, { parsedH1: app.querySelector('h1')?.textContent ?? null })
        new MutationObserver((records) => {
          for (const r of records) for (const n of [...r.addedNodes, ...r.removedNodes]) replaced.push(n.nodeName)
        }).observe(app, { childList: true, subtree: true })
      })
    })
    const listening = await watchFirstInteractionListener(page)
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await page.waitForLoadState('networkidle')
    await listening()
    // Nothing runs while the page loads: the app takes the page over at the reader's first interaction.
    expect(await hydrated(page)).toBe(false)
    await page.getByRole('link', { name: ELDERLY }).hover()
    await expect.poll(() => hydrated(page)).toBe(true)
    expect(await page.evaluate(() => (window as { parsedH1?: string }).parsedH1)).toBe('Uitdagingen')
    expect(await page.evaluate(() => (window as { replaced?: string[] }).replaced)).toEqual([])
    expect(problems).toEqual([])
    await page.getByRole('link', { name: ELDERLY }).click()
    await expect.poll(() => h1(page)).toBe(ELDERLY)
    expect(documents).toEqual(['/uitdagingen'])
    await page.context().close()
  })

  it('hands the page to the app at the first key press, or at the click alone a screen reader sends, without losing it', async () => {
    const page = await newPage()
    const listening = await watchFirstInteractionListener(page)
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await page.waitForLoadState('networkidle')
    await listening()
    await page.keyboard.press('Tab')
    expect(await hydrated(page)).toBe(true)
    await page.reload()
    await page.waitForLoadState('networkidle')
    await listening()
    expect(await hydrated(page)).toBe(false)
    // A click event with no pointer or key event before it: the language switch still switches.
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'English')!.dispatchEvent(new MouseEvent('click', { bubbles: true })))
    await expect.poll(() => h1(page)).toBe('Challenges')
    await page.context().close()
  })

  it('renders the page anew for a visitor who chose English, without painting the Dutch one first; the first paint is the whole page', async () => {
    const page = await newPage()
    // What #app holds when the parser is done (the guard script has run), and when Vue first inserts into it.
    await page.addInitScript(() => {
      localStorage.setItem('opgave.locale', 'en')
      document.addEventListener('DOMContentLoaded', () => {
        Object.assign(window, { parsedChildren: document.getElementById('app')?.childElementCount })
        const observer = new MutationObserver(() => {
          const app = document.getElementById('app')
          if (!app || app.childElementCount === 0) return
          Object.assign(window, { firstMount: { h1: app.querySelector('h1')?.textContent ?? null, banner: app.querySelector('header') !== null } })
          observer.disconnect()
        })
        observer.observe(document.getElementById('app')!, { childList: true, subtree: true })
      })
    })
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await expect.poll(() => page.evaluate(() => (window as { firstMount?: unknown }).firstMount)).toEqual({ h1: 'Challenges', banner: true })
    expect(await page.evaluate(() => (window as { parsedChildren?: number }).parsedChildren)).toBe(0)
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    await page.context().close()
  })

  it('opens the catalogue with the first message file only, and fetches the rest before a feature page', async () => {
    const page = await newPage()
    const fetched: string[] = []
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname))
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    expect(await page.locator('body').innerText()).not.toMatch(/\b(nav|challenges|layout|common)\.[a-z]\w*/)
    expect(fetched.filter((p) => p.includes('.features-'))).toEqual([])
    await page.getByRole('link', { name: 'Inloggen' }).first().click()
    await expect.poll(() => h1(page)).toBe('Inloggen')
    expect(fetched.filter((p) => p.includes('nl.features-'))).toHaveLength(1)
    expect(await page.locator('body').innerText()).not.toMatch(/\b(login|sso|nav)\.[a-z]\w*/)
  })

  it('loads a page afresh when its chunk cannot be fetched (a new release, a dropped connection), instead of ignoring the click', async () => {
    const page = await newPage()
    let aborted = 0
    await page.route(/nl\.features-[^/]*\.js$/, (route) => (aborted++ === 0 ? route.abort('failed') : route.continue()))
    const documents: string[] = []
    page.on('request', (request) => void (request.resourceType() === 'document' && documents.push(new URL(request.url()).pathname)))
    // The click must reach the app (not the server-rendered link), whose chunk loading is under test.
    const listening = await watchFirstInteractionListener(page)
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    await listening()
    await page.getByRole('link', { name: 'Inloggen' }).first().click()
    await expect.poll(() => h1(page)).toBe('Inloggen')
    expect(aborted).toBe(2)
    expect(documents).toEqual(['/uitdagingen', '/inloggen'])
    expect(await page.locator('body').innerText()).not.toMatch(/\b(login|sso|nav)\.[a-z]\w*/)
  })

  it('sends a search again when the database was busy, instead of showing an error', async () => {
    const page = await newPage()
    let searches = 0
    const busy = { type: 'urn:opgave:problem:system.database_busy', title: 'Service unavailable', status: 503, code: 'system.database_busy' }
    await page.route(/\/api\/v1\/challenges\?.*q=oudere/, (route) =>
      searches++ === 0 ? route.fulfill({ status: 503, contentType: 'application/problem+json', headers: { 'retry-after': '1' }, body: JSON.stringify(busy) }) : route.continue(),
    )
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    await page.getByLabel('Zoeken', { exact: true }).fill('oudere')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await expect.poll(() => page.getByRole('article').count()).toBe(1)
    expect(searches).toBe(2)
    expect(await page.locator('body').innerText()).not.toContain('De dienst is even niet beschikbaar')
    await page.context().close()
  })

  it('lets anyone search the catalogue in Dutch and read a challenge', async () => {
    const page = await newPage()
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    await page.getByRole('link', { name: ELDERLY }).waitFor()
    expect(await page.getByRole('article').count()).toBe(7) // four open demo challenges, one in evaluation, two with published results
    expect(await page.getByRole('img', { name: 'SDG 3: Goede gezondheid en welzijn' }).count()).toBeGreaterThan(0)
    expect(await axeViolations(page, 'catalogue')).toEqual([])

    await page.getByLabel('Zoeken', { exact: true }).fill('oudere')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await expect.poll(() => page.getByRole('article').count()).toBe(1)
    expect(page.url()).toContain('q=oudere')

    // The municipality sharpens a criterion's description after publication (through the API: the set-up
    // screen has its own tests); the page then says so, with the time.
    const json = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${product.baseUrl}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } })
      if (!response.ok) throw new Error(`${path}: ${response.status}`)
      return response.json() as Promise<unknown>
    }
    const { accessToken } = (await json('/auth/login', { method: 'POST', body: JSON.stringify({ email: MANAGER, password: DEMO_PASSWORD }) })) as { accessToken: string }
    const elderlyId = ((await json('/challenges?q=ouderen')) as { items: { id: string }[] }).items[0]!.id
    const round = ((await json(`/challenges/${elderlyId}/assessment`)) as { rounds: { id: string; criteria: { id: string; version?: number }[] }[] }).rounds[0]!
    await json(`/jury-rounds/${round.id}/criteria/${round.criteria[3]!.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ version: 1, description: 'Werk en leerplekken voor mensen met een afstand tot de arbeidsmarkt.' }) })

    await page.getByRole('link', { name: ELDERLY }).click()
    await expect.poll(() => h1(page)).toBe(ELDERLY)
    await page.getByText(/^Nog .* om in te dienen$/).waitFor()
    await page.getByText(/^De criteria van deze ronde zijn na de publicatie gewijzigd, op .+\.$/).waitFor()
    // The public change log says it too, for bidders who never followed the challenge.
    const amendments = page.getByRole('region', { name: 'Wijzigingen na publicatie' })
    expect(await amendments.getByRole('listitem').last().innerText()).toBe('Criterium ‘Social return’ in ‘Schriftelijke beoordeling’ aangepast')
    expect(await page.getByRole('table', { name: 'Budget per portefeuille' }).innerText()).toContain('Sociaal domein')
    // The deadlines go into the visitor's own calendar: the link downloads an .ics with one entry per date.
    const calendar = page.getByRole('link', { name: 'Termijnen in uw agenda zetten (.ics)' })
    const ics = await fetch(new URL((await calendar.getAttribute('href'))!, product.baseUrl))
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(((await ics.text()).match(/BEGIN:VEVENT/g) ?? []).length).toBe(3)
    expect(await calendar.getAttribute('download')).toBe('')
    // How proposals will be judged, readable before anyone writes: each criterion's share of the total
    // (weights 4, 3, 2, 1), scale, minimum and what the scores mean.
    const criteria = page.getByRole('table', { name: /^Criteria (van|of) Schriftelijke beoordeling$/ })
    await criteria.waitFor()
    expect(await page.getByText('Ronde 1 van 1 · Schriftelijke ronde · blind: de jury ziet niet wie het voorstel indiende').count()).toBe(1)
    const rows = criteria.locator('tbody tr')
    expect(await rows.count()).toBe(4)
    const cells = async (row: number) => (await rows.nth(row).locator('td').allInnerTexts()).slice(0, 3)
    expect(await cells(0)).toEqual(['40%', '0–10', '5'])
    expect(await cells(3)).toEqual(['10%', '0–10', 'geen'])
    expect(await rows.nth(0).getByRole('rowheader').innerText()).toContain('8: Een beproefde aanpak met verwijzers en een realistisch aantal')
    expect(await axeViolations(page, 'challenge page (anonymous)')).toEqual([])
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('table', { name: 'Criteria of Schriftelijke beoordeling' }).waitFor()
    expect(await cells(3)).toEqual(['10%', '0–10', 'none'])
    await page.getByRole('link', { name: 'Add the deadlines to your calendar (.ics)' }).waitFor()
    await page.getByText('Criterion ‘Social return’ in ‘Schriftelijke beoordeling’ revised').waitFor()
    expect(await axeViolations(page, 'challenge page (anonymous, en)')).toEqual([])
    await page.context().close()
  })

  it('lets the challenge manager create a draft, see what publishing needs, and find it in the workspace', async () => {
    const page = await newPage()
    await page.goto(`${product.baseUrl}/inloggen`)
    await page.getByLabel('E-mailadres').fill(MANAGER)
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => h1(page)).toBe('Organisaties')

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen beheren' }).click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen van de gemeente')
    expect(await page.getByRole('table').innerText()).toContain('Groene schoolpleinen (concept)')
    expect(await axeViolations(page, 'workspace')).toEqual([])

    await page.getByRole('link', { name: 'Nieuwe uitdaging' }).click()
    await expect.poll(() => h1(page)).toBe('Nieuwe uitdaging')
    await page.getByLabel('Titel').fill('Schone straten in Noord')
    await page.getByLabel('Probleemstelling').fill('Zwerfafval **overal**.')
    await page.getByRole('button', { name: 'Budgetregel toevoegen' }).click()
    await page.getByLabel('Portefeuille regel 1').fill('Openbare ruimte')
    await page.getByLabel("Bedrag in euro's regel 1").fill('12.500,50')
    await page.getByRole('checkbox', { name: /Verantwoorde consumptie/ }).check()
    expect(await axeViolations(page, 'editor (new)')).toEqual([])
    await page.getByRole('button', { name: 'Concept aanmaken' }).click()
    await expect.poll(() => h1(page)).toBe('Schone straten in Noord beheren')

    await page.getByRole('button', { name: 'Publiceren' }).click()
    await page.getByRole('button', { name: 'Ja, doorgaan' }).click()
    await page.getByText('Samenvatting is nodig om te publiceren.').first().waitFor()
    expect(await axeViolations(page, 'editor with publication errors')).toEqual([])

    // The jury's rounds can be set up before publication. A new round starts written and blind, and so does
    // the next one after a round was added; an added round leaves nothing unsaved.
    await page.getByRole('link', { name: 'Jury en beoordeling' }).click()
    await expect.poll(() => h1(page)).toBe('Jury inrichten: Schone straten in Noord')
    await page.getByText('De rondes en criteria worden met de uitdaging gepubliceerd: ondernemers lezen ze voordat zij schrijven.').waitFor()
    const dialogs = answerDialogs(page)
    const addRound = async (name: string) => {
      await page.locator('#new-round-name').fill(name)
      await page.getByRole('button', { name: 'Ronde toevoegen' }).click()
      await page.getByText(`Ronde ‘${name}’ is toegevoegd.`).waitFor()
    }
    const startsWrittenAndBlind = async () => {
      expect(await page.locator('#new-round-name').inputValue()).toBe('')
      expect(await page.locator('#new-round-kind').inputValue()).toBe('written')
      expect(await page.locator('#new-round-blind').isChecked()).toBe(true)
    }
    await startsWrittenAndBlind()
    await addRound('Ronde 1: schriftelijk')
    await startsWrittenAndBlind()
    await page.locator('#new-round-kind').selectOption('pitch')
    await page.locator('#new-round-blind').uncheck()
    await addRound('Ronde 2: pitch')
    await startsWrittenAndBlind()
    const panels = page.locator('section[id^="round-"]')
    await expect.poll(() => panels.count()).toBe(2)
    expect(await panels.nth(0).innerText()).toContain('Schriftelijke ronde · blind')
    expect(await panels.nth(1).innerText()).toContain('Pitchronde · niet blind')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen beheren' }).click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen van de gemeente')
    expect(dialogs.messages).toEqual([])
    await page.context().close()
  })

  it('lets a logged-in entrepreneur follow a challenge, and a stale editor reload instead of overwriting', async () => {
    const page = await newPage()
    await page.goto(`${product.baseUrl}/inloggen`)
    await page.getByLabel('E-mailadres').fill('eigenaar@groenwerkt.nl')
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => h1(page)).toBe('Organisaties')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen' }).click()
    await page.getByRole('link', { name: ELDERLY }).click()
    await expect.poll(() => h1(page)).toBe(ELDERLY)
    expect(await page.getByRole('link', { name: 'Beheren', exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: 'Volgen' }).click()
    await page.getByText('U volgt deze uitdaging. U krijgt een e-mail bij wijzigingen.').waitFor()
    await page.getByRole('button', { name: 'Niet meer volgen' }).waitFor()
    expect(await axeViolations(page, 'challenge page (following)')).toEqual([])
    await page.context().close()

    // Two editors: the second one saves after the first.
    const first = await newPage()
    const second = await newPage()
    for (const p of [first, second]) {
      await p.goto(`${product.baseUrl}/inloggen`)
      await p.getByLabel('E-mailadres').fill(MANAGER)
      await p.getByLabel('Wachtwoord').fill(DEMO_PASSWORD)
      await p.getByRole('button', { name: 'Inloggen' }).click()
      await expect.poll(() => h1(p)).toBe('Organisaties')
      await p.goto(`${product.baseUrl}/uitdagingen`)
      await p.getByRole('link', { name: ELDERLY }).click()
      await p.getByRole('link', { name: 'Beheren', exact: true }).click()
      await expect.poll(() => h1(p)).toBe(`${ELDERLY} beheren`)
    }
    // The editor of a public challenge says who will hear of the change, and how.
    await first.getByText('Deze uitdaging is openbaar. Wie haar volgt of er een voorstel voor maakt, krijgt na het opslaan een e-mail').waitFor()
    await first.getByLabel('Samenvatting').fill('Eerste versie van de samenvatting.')
    await first.getByRole('button', { name: 'Opslaan' }).click()
    await first.getByText('De wijzigingen zijn opgeslagen.').waitFor()
    await second.getByLabel('Samenvatting').fill('Tweede, verouderde bewerking.')
    await second.getByRole('button', { name: 'Opslaan' }).click()
    await second.getByText('Iemand anders heeft deze uitdaging intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen.').first().waitFor()
    expect(await axeViolations(second, 'editor with version conflict')).toEqual([])
    await second.getByRole('button', { name: 'Opgeslagen versie laden' }).click()
    await expect.poll(() => second.getByLabel('Samenvatting').inputValue()).toBe('Eerste versie van de samenvatting.')
    await first.context().close()
    await second.context().close()

    // The follower's mail waits ten minutes for more changes, says what changed, and the outbox says when it goes.
    const admin = await newPage()
    await logIn(admin, product.baseUrl, 'platform@opgave.localhost', DEMO_PASSWORD)
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'E-mails' }).click()
    await expect.poll(() => h1(admin)).toBe('E-mails')
    const row = admin.getByRole('row').filter({ hasText: 'eigenaar@groenwerkt.nl' }).filter({ hasText: `Uitdaging gewijzigd: ${ELDERLY}` })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.getByRole('cell').last().textContent()).toMatch(/Wacht op verzending\s*Gaat niet voor .+ de deur uit: wijzigingen tot dan komen in dit ene bericht/)
    await row.locator('summary').press('Enter')
    const body = await row.locator('pre').textContent()
    expect(body).toContain('Dit is er veranderd:\n- Samenvatting\n')
    // Saving the summary left the deadlines alone (editor-form.test: a stored instant keeps its seconds).
    expect(body).not.toContain('Indienen tot')
    expect(await axeViolations(admin, 'outbox with a scheduled mail')).toEqual([])
    await admin.context().close()
  })
  it('asks before unsaved edits to a challenge are dropped, and lets the manager leave unasked when nothing changed', async () => {
    const page = await newPage()
    await logIn(page, product.baseUrl, MANAGER)
    const dialogs = answerDialogs(page)
    const openEditor = async () => {
      await page.goto(`${product.baseUrl}/uitdagingen`)
      await page.getByRole('link', { name: ELDERLY }).click()
      await page.getByRole('link', { name: 'Beheren', exact: true }).click()
      await expect.poll(() => h1(page)).toBe(`${ELDERLY} beheren`)
    }
    const catalogueLink = () => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true })

    // Loaded and untouched (dates, amounts and lists as the form shows them): leaving asks nothing.
    await openEditor()
    await catalogueLink().click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toEqual([])

    // Typed but not saved: the manager is asked, and staying keeps what was typed.
    await openEditor()
    await page.getByLabel('Samenvatting').fill('Nog niet opgeslagen.')
    await catalogueLink().click()
    await expect.poll(() => dialogs.messages.length).toBe(1)
    expect(dialogs.messages[0]).toBe('U heeft wijzigingen die nog niet zijn opgeslagen. Wilt u deze pagina verlaten? Dan raakt u ze kwijt.')
    expect(await h1(page)).toBe(`${ELDERLY} beheren`)
    expect(await page.getByLabel('Samenvatting').inputValue()).toBe('Nog niet opgeslagen.')
    dialogs.accepting = true
    await catalogueLink().click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toHaveLength(2)

    // Saved: nothing to lose, so nothing is asked.
    dialogs.accepting = false
    await openEditor()
    await page.getByLabel('Samenvatting').fill('Wel opgeslagen.')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor()
    await catalogueLink().click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toHaveLength(2)
    await page.context().close()
  })
})
