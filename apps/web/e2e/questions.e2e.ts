import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerDialogs, axeViolations, expectLeaveToAsk, h1, launchChromium, logIn, newPage, type RunningProduct, startProduct } from './support'

// The demo seed (apps/api/src/seed/demo-questions.ts) publishes Q&A in two nota versions on the
// loneliness challenge, gives GroenWerkt a profile and an account manager, and fills the routekaart.
describe('Q&A, enterprise profile, account management and routekaart in a real browser', () => {
  let product: RunningProduct
  let browser: Browser
  let challengeId: string
  let municipalityId: string

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
    const list = (await (await fetch(`${product.baseUrl}/api/v1/challenges?q=ouderen`)).json()) as { items: { id: string; municipality: { id: string } }[] }
    challengeId = list.items[0]!.id
    municipalityId = list.items[0]!.municipality.id
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })


  it('shows the public Q&A without askers, with the nota downloads', async () => {
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/uitdagingen/${challengeId}/vragen`)
    await expect.poll(() => h1(page)).toBe('Vragen en antwoorden: Eenzaamheid onder ouderen doorbreken')
    await page.getByRole('heading', { name: 'Vraag 3' }).waitFor()
    const text = await page.locator('main').innerText()
    expect(text).not.toMatch(/GroenWerkt|De Vries|Mila|Gert|Daan/)
    expect(await page.getByRole('link', { name: 'Download versie 2 als CSV' }).getAttribute('href')).toBe(`/api/v1/challenges/${challengeId}/nota/2/csv`)
    expect(await axeViolations(page, 'public Q&A')).toEqual([])
    await page.context().close()
  })

  it('serves the printable nota with its style allowed by the CSP and nothing else', async () => {
    const page = await newPage(browser)
    const cspErrors: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspErrors.push(message.text())
    })
    await page.goto(`${product.baseUrl}/api/v1/challenges/${challengeId}/nota/2/html`)
    await expect.poll(() => h1(page)).toBe('Nota van inlichtingen – versie 2')
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('768px')
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(3)
    expect(cspErrors).toEqual([])
    expect(await axeViolations(page, 'printable nota')).toEqual([])
    await page.context().close()
  })

  it('shows the routekaart to anyone', async () => {
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/gemeenten/voorbeeldstad/routekaart`)
    await expect.poll(() => h1(page)).toBe('Routekaart Gemeente Voorbeeldstad')
    await page.getByRole('heading', { name: 'Inkoop en aanbesteden' }).waitFor()
    expect(await axeViolations(page, 'routekaart')).toEqual([])
    await page.context().close()
  })

  it('lets an entrepreneur ask a question and follow it', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'eigenaar@bouwbedrijf-devries.nl')
    await page.goto(`${product.baseUrl}/uitdagingen/${challengeId}/vragen`)
    // A question typed but not sent: leaving asks first and staying keeps it; once sent, nothing is asked.
    const dialogs = answerDialogs(page)
    const challengesLink = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true })
    await expectLeaveToAsk(dialogs, page.getByLabel('Uw vraag'), 'Mogen wij een bouwkundig adviseur als onderaannemer inzetten?', challengesLink)
    await page.getByRole('button', { name: 'Vraag versturen' }).click()
    await page.getByText('Uw vraag is verstuurd.').waitFor()
    expect(await axeViolations(page, 'ask form')).toEqual([])
    await challengesLink.click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toHaveLength(1)
    await page.goto(`${product.baseUrl}/mijn-vragen`)
    await page.getByText('Mogen wij een bouwkundig adviseur als onderaannemer inzetten?').waitFor()
    expect(await axeViolations(page, 'my questions')).toEqual([])
    await page.context().close()
  })

  it('lets the challenge manager answer and publish it as a new nota version', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'opgaven@voorbeeldstad.nl')
    await page.goto(`${product.baseUrl}/gemeente/uitdagingen/${challengeId}/vragen`)
    // The text also appears in other cards' merge lists; the card is the one whose question paragraph holds it.
    const card = page.getByRole('article').filter({ has: page.locator('p', { hasText: 'bouwkundig adviseur' }) })
    await card.waitFor()
    expect(await axeViolations(page, 'question inbox')).toEqual([])
    // Answers typed in two cards and not saved: leaving asks once, and staying keeps both.
    const dialogs = answerDialogs(page)
    const other = page.getByRole('article').filter({ has: page.locator('p', { hasText: 'voorkeur voor bepaalde wijken' }) })
    await card.getByLabel('Openbare formulering').fill('Mag een adviseur als onderaannemer worden ingezet?')
    await card.getByLabel('Antwoord').fill('Ja, onderaanneming is toegestaan.')
    const challengesLink = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true })
    await expectLeaveToAsk(dialogs, other.getByLabel('Antwoord'), 'Nee, alle wijken komen in aanmerking.', challengesLink)
    expect(dialogs.messages).toHaveLength(1)
    expect(await card.getByLabel('Antwoord').inputValue()).toBe('Ja, onderaanneming is toegestaan.')
    await card.getByRole('button', { name: 'Antwoord opslaan' }).click()
    await page.getByText('Het antwoord is opgeslagen.').waitFor()
    // The inbox reloaded after the save; the other card still holds what was typed in it.
    await expect.poll(() => card.getByLabel('Selecteer voor publicatie').count()).toBe(1)
    expect(await other.getByLabel('Antwoord').inputValue()).toBe('Nee, alle wijken komen in aanmerking.')
    await card.getByLabel('Selecteer voor publicatie').check()
    await page.getByRole('button', { name: /Geselecteerde antwoorden publiceren \(1\)/ }).click()
    await page.getByRole('button', { name: 'Ja, publiceren' }).click()
    await page.getByText('Versie 3 van de nota van inlichtingen is gepubliceerd.').waitFor()
    // Sent or cleared, nothing is left to lose: leaving asks nothing.
    await other.getByLabel('Antwoord').fill('')
    await challengesLink.click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toHaveLength(1)
    // Two cards with answers typed, and the user agrees to leave: one question for the one navigation.
    await page.goBack()
    await other.getByLabel('Antwoord').fill('Nee, alle wijken komen in aanmerking.')
    await page
      .getByRole('article')
      .filter({ has: page.locator('p', { hasText: 'vrijwilligers meetellen' }) })
      .getByLabel('Antwoord')
      .fill('Nee, alleen betaalde uren tellen mee.')
    dialogs.accepting = true
    await challengesLink.click()
    await expect.poll(() => h1(page)).toBe('Uitdagingen')
    expect(dialogs.messages).toHaveLength(2)

    const anonymous = await newPage(browser)
    await anonymous.goto(`${product.baseUrl}/uitdagingen/${challengeId}/vragen`)
    await anonymous.getByText('Mag een adviseur als onderaannemer worden ingezet?').waitFor()
    expect(await anonymous.locator('main').innerText()).not.toContain('bouwkundig adviseur')
    await anonymous.context().close()
    await page.context().close()
  })

  it('lets GroenWerkt edit its profile and see its contact person', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'eigenaar@groenwerkt.nl')
    await page.getByRole('link', { name: 'GroenWerkt Sociale Onderneming' }).click()
    await page.getByRole('link', { name: 'Profiel van de onderneming bekijken of bewerken' }).click()
    await page.getByText('Uw onderneming komt in aanmerking voor voorbehouden opdrachten (art. 2.82).').waitFor()
    await page.getByText('Aisha Accountmanager bij Gemeente Voorbeeldstad').waitFor()
    expect(await axeViolations(page, 'enterprise profile')).toEqual([])
    await page.getByLabel('Website').fill('javascript:alert(1)')
    await page.getByRole('button', { name: 'Profiel opslaan' }).click()
    await page.getByRole('link', { name: /volledig webadres/ }).waitFor()
    await page.getByLabel('Website').fill('https://groenwerkt.example.nl')
    await page.getByLabel('Regio').fill('Voorbeeldstad-Oost')
    await page.getByRole('button', { name: 'Profiel opslaan' }).click()
    await page.getByText('Het profiel is opgeslagen.').waitFor()
    // A change not saved yet: leaving asks first, and staying keeps it.
    const dialogs = answerDialogs(page)
    await page.getByLabel('Regio').fill('Voorbeeldstad-West')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true }).click()
    await expect.poll(() => dialogs.messages.length).toBe(1)
    expect(await page.getByLabel('Regio').inputValue()).toBe('Voorbeeldstad-West')
    await page.context().close()
  })

  it('shows the account manager their enterprises, and the admin the assignment and routekaart editors', async () => {
    const am = await newPage(browser)
    await logIn(am, product.baseUrl, 'accountmanager@voorbeeldstad.nl')
    await am.getByRole('link', { name: 'Accountmanagement' }).click()
    await am.getByRole('heading', { name: 'GroenWerkt Sociale Onderneming' }).waitFor()
    expect(await axeViolations(am, 'account management')).toEqual([])
    await am.context().close()

    const admin = await newPage(browser)
    await logIn(admin, product.baseUrl, 'beheerder@voorbeeldstad.nl')
    await admin.goto(`${product.baseUrl}/gemeente/${municipalityId}/accountmanagement`)
    await admin.getByRole('cell', { name: 'GroenWerkt Sociale Onderneming', exact: true }).waitFor()
    await admin.getByLabel('Zoek een onderneming op naam').fill('Vries')
    await admin.getByRole('button', { name: 'Zoeken' }).click()
    await admin.getByRole('button', { name: /Toewijzen aan Aisha Accountmanager/ }).click()
    await admin.getByText('Bouwbedrijf De Vries heeft nu Aisha Accountmanager als contactpersoon.').waitFor()
    expect(await axeViolations(admin, 'account manager assignment')).toEqual([])

    await admin.goto(`${product.baseUrl}/gemeente/${municipalityId}/routekaart`)
    await admin.getByRole('heading', { name: 'Werk en inkomen' }).waitFor()
    await admin.getByLabel('Thema').fill('Ondernemersloket')
    await admin.getByLabel('Naam contactpersoon').fill('Otto Ondernemer')
    await admin.getByLabel('Functie of afdeling').fill('Economische Zaken')
    await admin.getByLabel('Openbaar e-mailadres').fill('ondernemers@voorbeeldstad.nl')
    await admin.getByRole('button', { name: 'Opslaan' }).click()
    await admin.getByRole('heading', { name: 'Ondernemersloket' }).waitFor()
    expect(await axeViolations(admin, 'routekaart editor')).toEqual([])
    await admin.context().close()
  })
})
