import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerDialogs, axeViolations, expectLeaveToAsk, h1, launchChromium, logIn, newPage, type RunningProduct, setStoredLocale, startProduct } from './support'

// The demo seed (apps/api/src/seed/demo-meetings.ts) has two published upcoming meetings of Gemeente
// Voorbeeldstad: the matchmaking "Mkb ontmoet sociaal ondernemers" (40 places; Gert Groen of GroenWerkt
// registered) and an information session about the challenge on energy poverty.
describe('meetings in a real browser', () => {
  let product: RunningProduct
  let browser: Browser
  const TITLE = 'Mkb ontmoet sociaal ondernemers'

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })


  it('lets a guest find the matchmaking meeting and asks them to log in, axe-clean in Dutch and English', async () => {
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/`)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten' }).click()
    await expect.poll(() => h1(page)).toBe('Bijeenkomsten')
    const link = page.getByRole('link', { name: TITLE })
    await link.waitFor()
    expect(await page.getByText('Nog 39 plaatsen vrij').count()).toBe(1)
    // The list is public: nobody's name is on it.
    expect(await page.content()).not.toContain('Gert Groen')
    expect(await axeViolations(page, 'meetings list (nl)')).toEqual([])

    await link.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => h1(page)).toBe(TITLE)
    await page.getByRole('link', { name: 'Log in om u aan te melden' }).waitFor()
    await page.getByRole('link', { name: 'Zet in agenda (.ics)' }).waitFor()
    expect(await axeViolations(page, 'meeting page, guest (nl)')).toEqual([])

    await setStoredLocale(page, 'en')
    await page.getByRole('link', { name: 'Log in to register' }).waitFor()
    expect(await axeViolations(page, 'meeting page, guest (en)')).toEqual([])
    await page.goto(`${product.baseUrl}/bijeenkomsten`)
    await page.getByText('39 places left').waitFor()
    expect(await axeViolations(page, 'meetings list (en)')).toEqual([])
  })

  it('lets an entrepreneur register by keyboard on behalf of their enterprise and download the .ics; staff see the registration', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'eigenaar@bouwbedrijf-devries.nl')
    await page.goto(`${product.baseUrl}/bijeenkomsten`)
    const link = page.getByRole('link', { name: TITLE })
    await link.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => h1(page)).toBe(TITLE)

    // A note typed but not sent: leaving asks first and staying keeps it.
    const dialogs = answerDialogs(page)
    await expectLeaveToAsk(dialogs, page.getByLabel('Opmerking voor de organisator (niet verplicht)'), 'Ik kom misschien.', page.getByRole('link', { name: 'Alle bijeenkomsten' }))
    await page.getByLabel('Opmerking voor de organisator (niet verplicht)').fill('')

    const enterprise = page.getByLabel('Aanmelden namens')
    await enterprise.focus()
    await enterprise.selectOption({ label: 'Bouwbedrijf De Vries' })
    await page.keyboard.press('Tab')
    await page.keyboard.type('Ik kom met twee collega’s.')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Aanmelden')
    await page.keyboard.press('Enter')
    await page.getByText('U bent aangemeld. U krijgt een bevestiging per e-mail.').waitFor()
    await page.getByText('U bent aangemeld namens Bouwbedrijf De Vries').waitFor()
    await page.getByText('Nog 38 plaatsen vrij').waitFor()
    await page.getByRole('button', { name: 'Afmelden' }).waitFor()
    expect(await axeViolations(page, 'meeting page, registered (nl)')).toEqual([])

    // The calendar file, from the keyboard: a VCALENDAR with the meeting's title.
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Zet in agenda (.ics)' }).focus()
    await page.keyboard.press('Enter')
    const file = await download
    expect(file.suggestedFilename()).toMatch(/\.ics$/)
    const ics = await readFile((await file.path())!, 'utf8')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics).toContain('BEGIN:VEVENT\r\n')
    expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:${TITLE}\r\n`)
    expect(ics).toContain('STATUS:CONFIRMED')

    // Signed in, the language comes from the account: switch it with the language buttons.
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByText('You are registered on behalf of Bouwbedrijf De Vries').waitFor()
    expect(await axeViolations(page, 'meeting page, registered (en)')).toEqual([])
    // Registered with the note: nothing is left to lose.
    await page.getByRole('link', { name: 'All meetings' }).click()
    await expect.poll(() => h1(page)).not.toBe(TITLE)
    expect(dialogs.messages).toHaveLength(1)

    // Staff of the municipality see both registrations, with enterprise and note.
    const staff = await newPage(browser)
    await logIn(staff, product.baseUrl, 'opgaven@voorbeeldstad.nl')
    await staff.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten beheren' }).click()
    await expect.poll(() => h1(staff)).toBe('Bijeenkomsten van de gemeente')
    expect(await axeViolations(staff, 'staff meetings list (nl)')).toEqual([])
    await staff.getByRole('link', { name: TITLE }).click()
    await staff.getByRole('heading', { level: 2, name: 'Aanmeldingen (2)' }).waitFor()
    const rows = await staff.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => c.textContent?.trim())))
    expect(rows).toContainEqual(['Daan de Vries', 'Bouwbedrijf De Vries', 'Ik kom met twee collega’s.'])
    expect(rows).toContainEqual(['Gert Groen', 'GroenWerkt Sociale Onderneming', 'Graag een vegetarische maaltijd.'])
    await staff.getByRole('button', { name: 'Aanmeldingen downloaden (CSV)' }).waitFor()
    expect(await axeViolations(staff, 'meeting registrations (nl)')).toEqual([])
    await staff.getByRole('button', { name: 'English' }).click()
    await staff.getByRole('heading', { level: 2, name: 'Registrations (2)' }).waitFor()
    expect(await axeViolations(staff, 'meeting registrations (en)')).toEqual([])
  })

  it('lets staff create a meeting (the form names a wrong field), publish it and cancel it', async () => {
    const year = new Date().getFullYear() + 1
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'beheerder@voorbeeldstad.nl')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten beheren' }).click()
    await page.getByRole('link', { name: 'Nieuwe bijeenkomst' }).click()
    await expect.poll(() => h1(page)).toBe('Nieuwe bijeenkomst')
    await page.getByLabel('Soort bijeenkomst').selectOption({ label: 'Pitchdag' })
    await page.getByLabel('Titel').fill('Pitchdag circulaire economie')
    await page.getByLabel('Begint op').fill(`${year}-05-01T14:00`)
    await page.getByLabel('Eindigt op').fill(`${year}-05-01T13:00`)
    await page.getByLabel('Maximum aantal deelnemers').fill('25')
    await page.getByRole('button', { name: 'Concept opslaan' }).click()
    await page.getByText('De bijeenkomst moet eindigen na het begin.').first().waitFor()
    expect(await axeViolations(page, 'meeting editor with an error (nl)')).toEqual([])
    await page.getByLabel('Eindigt op').fill(`${year}-05-01T17:00`)
    await page.getByRole('button', { name: 'Concept opslaan' }).click()
    await expect.poll(() => h1(page)).toBe('Pitchdag circulaire economie')
    await page.getByRole('button', { name: 'Publiceren' }).click()
    await page.getByText('De bijeenkomst is gepubliceerd.').waitFor()
    await page.getByRole('button', { name: 'Bijeenkomst annuleren' }).click()
    // A reason typed but not sent: leaving asks first and staying keeps it; once cancelled, nothing is asked.
    const dialogs = answerDialogs(page)
    await expectLeaveToAsk(dialogs, page.getByLabel('Reden van de annulering (niet verplicht)'), 'Te weinig aanmeldingen.', page.getByRole('link', { name: 'Terug naar de bijeenkomsten' }))
    await page.getByRole('button', { name: 'Ja, annuleren' }).click()
    await page.getByText('De bijeenkomst is geannuleerd; de deelnemers krijgen een e-mail.').waitFor()
    expect(await axeViolations(page, 'meeting management (nl)')).toEqual([])
    await page.getByRole('link', { name: 'Openbare pagina' }).click()
    await page.getByText('Deze bijeenkomst is geannuleerd en gaat niet door.').waitFor()
    expect(dialogs.messages).toHaveLength(1)
  })

  it('lists the information session on its challenge page', async () => {
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/uitdagingen`)
    await page.getByRole('link', { name: /Energiearmoede aanpakken in huurwoningen/ }).first().click()
    await page.getByRole('heading', { level: 2, name: 'Informatiebijeenkomsten over deze opgave' }).waitFor()
    await page.getByRole('link', { name: 'Informatiebijeenkomst: Energiearmoede aanpakken in huurwoningen' }).waitFor()
    expect(await axeViolations(page, 'challenge page with information session (nl)')).toEqual([])
  })
  it('asks, in the page\'s language, before a meeting that was never saved is dropped', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'beheerder@voorbeeldstad.nl')
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Manage meetings' }).click()
    await page.getByRole('link', { name: 'New meeting' }).click()
    await expect.poll(() => h1(page)).toBe('New meeting')
    const dialogs = answerDialogs(page)
    await page.getByLabel('Title').fill('Pitch day, not saved yet')
    await page.getByRole('link', { name: 'Back to the meetings' }).click()
    await expect.poll(() => dialogs.messages).toEqual(['You have changes that have not been saved. Leave this page? They will be lost.'])
    expect(await h1(page)).toBe('New meeting')
    expect(await page.getByLabel('Title').inputValue()).toBe('Pitch day, not saved yet')
    dialogs.accepting = true
    await page.getByRole('link', { name: 'Back to the meetings' }).click()
    await expect.poll(() => h1(page)).not.toBe('New meeting')
    expect(dialogs.messages).toHaveLength(2)
    await page.context().close()
  })
})
