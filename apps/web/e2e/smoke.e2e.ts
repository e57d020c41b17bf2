import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerDialogs, axeViolations, expectLeaveToAsk, launchChromium, startProduct, type RunningProduct } from './support'

// One walk through the product as a new entrepreneur would take it. The steps share one page and
// build on each other, so they run in order and a failure early on explains the ones after it.
describe('Opgave in a real browser', () => {
  let product: RunningProduct
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []
  const cspViolations: string[] = []

  const email = `ada.${Date.now()}@example.org`
  const password = 'analytical engine 1843'
  const enterprise = 'Zorgzaam Coöperatief'
  const invitee = 'grace.hopper@example.org'

  beforeAll(async () => {
    product = await startProduct()
    browser = await launchChromium()
    context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text())
    })
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  const h1 = () => page.getByRole('heading', { level: 1 })
  const menuLink = (name: string) => page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true })
  /** The dialogs of the page, answered from the step that first expects one (the user stays). */
  let dialogs: ReturnType<typeof answerDialogs>

  it('opens in Dutch with landmarks, a skip link and a page title', async () => {
    await page.goto(`${product.baseUrl}/`)
    await expect.poll(() => h1().textContent()).toBe('Samen werken aan maatschappelijke opgaven')
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
    expect(await page.title()).toBe('Samen werken aan maatschappelijke opgaven — Opgave')
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
      expect(await page.getByRole(role).first().isVisible()).toBe(true)
    }
    await expect.poll(() => page.getByRole('navigation', { name: 'Hoofdmenu' }).innerText()).toContain('Inloggen')

    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Direct naar de inhoud')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')

    expect(await axeViolations(page, 'home (nl)')).toEqual([])
  })

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => h1().textContent()).toBe('Working together on societal challenges')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.title()).toBe('Working together on societal challenges — Opgave')
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.evaluate(() => localStorage.getItem('opgave.locale'))).toBe('en')
    expect(await axeViolations(page, 'home (en)')).toEqual([])
  })

  it('explains what is missing when the registration form is sent empty', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Register' }).click()
    await expect.poll(() => h1().textContent()).toBe('Register')
    expect(await page.title()).toBe('Register — Opgave')
    // Focus follows the navigation to the new page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    await page.getByRole('button', { name: 'Create account' }).click()
    const summary = page.getByRole('region', { name: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Name is required.',
      'Email address is required.',
      'Password is required.',
    ])
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true')
    expect(await axeViolations(page, 'register with errors')).toEqual([])
  })

  it('registers a new account', async () => {
    await page.getByLabel('Name').fill('Ada Lovelace')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => h1().textContent()).toBe('Organisations')
    expect(new URL(page.url()).pathname).toBe('/organisaties')
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain('Log out')
    expect(await axeViolations(page, 'organisations (empty)')).toEqual([])
  })

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByText('You have logged out.').waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain('Log in')
  })

  it('refuses a wrong password and logs in with the right one', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Log in' }).click()
    await expect.poll(() => h1().textContent()).toBe('Log in')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByText('The email address or password is incorrect.').waitFor()
    expect(await axeViolations(page, 'login failed')).toEqual([])

    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(() => h1().textContent()).toBe('Organisations')
    // The language chosen before registering was saved to the account.
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })

  it('keeps the session across a reload through the refresh cookie', async () => {
    await page.reload()
    await expect.poll(() => h1().textContent()).toBe('Organisations')
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain('Log out')
  })

  it('saves a language chosen while logged in to the account', async () => {
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH')
    await page.getByRole('button', { name: 'Nederlands' }).click()
    expect((await saved).status()).toBe(200)
    await expect.poll(() => h1().textContent()).toBe('Organisaties')
    // This device still remembers English; the account's choice (Dutch) must win after a reload.
    await page.evaluate(() => localStorage.setItem('opgave.locale', 'en'))
    await page.reload()
    await expect.poll(() => h1().textContent()).toBe('Organisaties')
    expect(await page.getAttribute('html', 'lang')).toBe('nl')

    const savedAgain = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH')
    await page.getByRole('button', { name: 'English' }).click()
    expect((await savedAgain).status()).toBe(200)
    await expect.poll(() => h1().textContent()).toBe('Organisations')
  })

  it('creates an enterprise', async () => {
    await page.getByRole('link', { name: 'Create an enterprise' }).click()
    await expect.poll(() => h1().textContent()).toBe('Create an enterprise')
    await page.getByLabel('KvK number').fill('1234')
    await page.getByRole('button', { name: 'Create enterprise' }).click()
    await page.getByRole('region', { name: 'There is a problem' }).waitFor()
    expect(await page.getByRole('region', { name: 'There is a problem' }).innerText()).toContain('exactly 8 digits')
    expect(await axeViolations(page, 'create enterprise with errors')).toEqual([])

    await page.getByLabel('Name of the enterprise').fill(enterprise)
    // Typed but not created: leaving asks first and staying keeps it; once created, the app goes on without asking.
    dialogs = answerDialogs(page)
    await expectLeaveToAsk(dialogs, page.getByLabel('KvK number'), '12345678', menuLink('Profile'))
    expect(dialogs.messages).toEqual(['You have changes that have not been saved. Leave this page? They will be lost.'])
    expect(await page.getByLabel('Name of the enterprise').inputValue()).toBe(enterprise)
    await page.getByRole('button', { name: 'Create enterprise' }).click()
    await expect.poll(() => h1().textContent()).toBe(enterprise)
    expect(dialogs.messages).toHaveLength(1)
    expect(await page.title()).toBe(`${enterprise} — Opgave`)
    await page.getByText(`The enterprise ${enterprise} has been created.`).waitFor()
    const members = page.getByRole('table', { name: `Members of ${enterprise}` })
    expect(await members.innerText()).toContain('Ada Lovelace')
    expect(await members.innerText()).toContain('Owner')
  })

  it('invites a member by email', async () => {
    const inviteForm = page.locator('section', { has: page.getByRole('heading', { name: 'Invite a member' }) })
    // Another role chosen but not sent: leaving asks first.
    await inviteForm.getByLabel('Role').selectOption('owner')
    await menuLink('Profile').click()
    await expect.poll(() => dialogs.messages.length).toBe(2)
    expect(await inviteForm.getByLabel('Role').inputValue()).toBe('owner')
    await inviteForm.getByLabel('Email address').fill(invitee)
    await inviteForm.getByLabel('Role').selectOption('member')
    await inviteForm.getByRole('button', { name: 'Send invitation' }).click()
    await page.getByText(`An invitation has been sent to ${invitee}.`).waitFor()
    const pending = page.getByRole('table', { name: `Pending invitations for ${enterprise}` })
    await pending.waitFor()
    expect(await pending.innerText()).toContain(invitee)
    expect(await axeViolations(page, 'organisation with invitation')).toEqual([])
  })

  it('shows the profile with the new membership', async () => {
    // The invitation was sent: nothing is left to lose.
    await menuLink('Profile').click()
    await expect.poll(() => h1().textContent()).toBe('Profile')
    expect(dialogs.messages).toHaveLength(2)
    expect(await page.getByRole('table').innerText()).toContain(enterprise)
    expect(await axeViolations(page, 'profile')).toEqual([])
    // A name changed but not saved: leaving asks first and staying keeps it; changed back, nothing is asked.
    await expectLeaveToAsk(dialogs, page.locator('#profile-name'), 'Ada King', menuLink('Organisations'))
    expect(dialogs.messages).toHaveLength(3)
    // Logging out asks as well; staying keeps the user logged in on the page, with the name typed.
    await expectLeaveToAsk(dialogs, page.locator('#profile-name'), 'Ada King', page.getByRole('button', { name: 'Log out' }))
    expect(await h1().textContent()).toBe('Profile')
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(1)
    expect(dialogs.messages).toHaveLength(4)
    await page.locator('#profile-name').fill('Ada Lovelace')
    await menuLink('Organisations').click()
    await expect.poll(() => h1().textContent()).toBe('Organisations')
    expect(dialogs.messages).toHaveLength(4)
    // The language buttons store the language too: the profile form follows them and has nothing unsaved.
    await menuLink('Profile').click()
    await expect.poll(() => h1().textContent()).toBe('Profile')
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await expect.poll(() => page.locator('#profile-locale').inputValue()).toBe('nl')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Organisaties', exact: true }).click()
    await expect.poll(() => h1().textContent()).toBe('Organisaties')
    expect(dialogs.messages).toHaveLength(4)
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => h1().textContent()).toBe('Organisations')
  })

  it('has accessible invitation and not-found pages', async () => {
    await page.goto(`${product.baseUrl}/uitnodigingen/${'x'.repeat(32)}`)
    await page.getByText('This invitation does not exist, has already been used or has expired.', { exact: false }).waitFor()
    expect(await axeViolations(page, 'unknown invitation')).toEqual([])

    await page.goto(`${product.baseUrl}/deze-pagina-bestaat-niet`)
    await expect.poll(() => h1().textContent()).toBe('Page not found')
    // Also on a deep link the skip link is the first stop for the keyboard.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content')
    expect(await axeViolations(page, 'not found')).toEqual([])
  })

  it('raised no script errors and no CSP violations', () => {
    expect(pageErrors).toEqual([])
    expect(cspViolations).toEqual([])
  })
})
