import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, launchChromium, logIn as logInAt, newPage as newPageIn, startProduct, type RunningProduct } from './support'

// This file starts the product with SEED_DEMO=true; the demo accounts share DEMO_PASSWORD (./support).
const OWNER = 'eigenaar@groenwerkt.nl'
const PLATFORM_ADMIN = 'platform@opgave.localhost'
const ENTERPRISE = 'GroenWerkt Sociale Onderneming'

// An invitation from sending to accepting, in Dutch: the owner invites, the platform admin finds the link
// in the outbox (there is no mail server), the invitee registers through the link and accepts.
describe('Inviting a colleague, end to end', () => {
  let product: RunningProduct
  let browser: Browser
  let invitationLink = ''
  const invitee = `nieuwe.collega.${Date.now()}@example.org`

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  const newPage = (): Promise<Page> => newPageIn(browser)
  const logIn = (page: Page, email: string) => logInAt(page, product.baseUrl, email)

  it('lets the owner invite, change a role and revoke an invitation', async () => {
    const page = await newPage()
    await logIn(page, OWNER)
    await page.getByRole('link', { name: ENTERPRISE }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(ENTERPRISE)

    await page.getByLabel('Rol van Mila Medewerker').selectOption('owner')
    await page.getByRole('button', { name: 'Rol wijzigen (Mila Medewerker)' }).click()
    await page.getByText('De rol van Mila Medewerker is nu Eigenaar.').waitFor()

    const invite = page.locator('section', { has: page.getByRole('heading', { name: 'Lid uitnodigen' }) })
    await invite.getByLabel('E-mailadres').fill('vergissing@example.org')
    await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click()
    await page.getByText('Er is een uitnodiging verstuurd naar vergissing@example.org.').waitFor()
    await page.getByRole('button', { name: 'Intrekken (vergissing@example.org)' }).click()
    await page.getByText('De uitnodiging voor vergissing@example.org is ingetrokken.').waitFor()

    await invite.getByLabel('E-mailadres').fill(invitee)
    await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click()
    await page.getByText(`Er is een uitnodiging verstuurd naar ${invitee}.`).waitFor()
    expect(await axeViolations(page, 'organisation managed by its owner')).toEqual([])
    await page.context().close()
  })

  it('shows the platform admin the invitation email in the outbox', async () => {
    const page = await newPage()
    await logIn(page, PLATFORM_ADMIN)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'E-mails' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('E-mails')
    const row = page.getByRole('row').filter({ hasText: invitee })
    await row.locator('summary').click()
    invitationLink = (await row.getByRole('link').first().getAttribute('href')) ?? ''
    expect(invitationLink).toMatch(/\/uitnodigingen\/[A-Za-z0-9_-]+$/)
    expect(await axeViolations(page, 'outbox')).toEqual([])
    await page.context().close()
  })

  it('hides the outbox from everyone else', async () => {
    const page = await newPage()
    await logIn(page, OWNER)
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).innerText()).not.toContain('E-mails')
    await page.goto(`${product.baseUrl}/beheer/e-mails`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden')
    await page.context().close()
  })

  it('tells someone signed in with another address that only the invited address can accept', async () => {
    const page = await newPage()
    await logIn(page, OWNER)
    await page.goto(invitationLink)
    const warning = `Deze uitnodiging is gestuurd naar ${invitee}, maar u bent ingelogd als ${OWNER}.`
    await page.getByText(warning).waitFor()
    expect(await page.getByRole('button', { name: 'Uitnodiging accepteren' }).count()).toBe(0)
    expect(await axeViolations(page, 'invitation (other account, nl)')).toEqual([])

    await page.getByRole('navigation', { name: 'Taal' }).getByRole('button', { name: 'English' }).click()
    await page.getByText(`This invitation was sent to ${invitee}, but you are logged in as ${OWNER}.`).waitFor()
    expect(await axeViolations(page, 'invitation (other account, en)')).toEqual([])
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click()
    await page.getByText(warning).waitFor()

    // By keyboard: log out, and log in again from a page that comes back to the invitation.
    await page.getByRole('button', { name: 'Uitloggen en met een ander account inloggen' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen')
    expect(new URL(page.url()).searchParams.get('redirect')).toBe(new URL(invitationLink).pathname)
    await page.context().close()
  })

  it('lets the invitee register through the link and accept', async () => {
    const page = await newPage()
    await page.goto(invitationLink)
    await page.getByText(`U bent uitgenodigd om lid te worden van ${ENTERPRISE}.`).waitFor()
    expect(await axeViolations(page, 'invitation (anonymous)')).toEqual([])

    await page.getByRole('link', { name: 'Registreren' }).last().click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Registreren')
    await page.getByLabel('Naam').fill('Nina Nieuw')
    await page.getByLabel('E-mailadres').fill(invitee)
    await page.getByLabel('Wachtwoord').fill('een lang en sterk wachtwoord')
    await page.getByRole('button', { name: 'Account aanmaken' }).click()

    // Back on the invitation, now logged in.
    await page.getByRole('button', { name: 'Uitnodiging accepteren' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(ENTERPRISE)
    await page.getByText(`U bent nu lid van ${ENTERPRISE}.`).waitFor()
    expect(await page.getByRole('table', { name: `Leden van ${ENTERPRISE}` }).innerText()).toContain('Nina Nieuw')
    await page.context().close()
  })
})
