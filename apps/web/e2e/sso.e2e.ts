import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestProvider, type TestProvider } from '../../api/test/sso/oidc-test-provider'
import { answerDialogs, axeViolations, DEMO_PASSWORD, expectLeaveToAsk, launchChromium, logIn, newPage, startProduct, type RunningProduct } from './support'

// Single sign-on in Debian's Chromium against a real OpenID Connect provider (node-oidc-provider) on
// localhost: the municipality admin sets it up on the settings screen, then a staff member who has no
// Opgave account yet logs in with "Inloggen met Gemeente Voorbeeldstad" and lands logged in.
const ADMIN = 'beheerder@voorbeeldstad.nl'
const MUNICIPALITY = 'Gemeente Voorbeeldstad'

describe('Single sign-on for municipal staff', () => {
  let product: RunningProduct
  let provider: TestProvider
  let browser: Browser
  let admin: Page
  let organisationId: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    product = await startProduct({ seedDemo: true })
    provider = await startTestProvider({ redirectUri: `${product.baseUrl}/api/v1/sso/callback` })
    provider.accounts.set('sanne', { sub: 'sanne', email: 'sanne.smit@voorbeeldstad.nl', name: 'Sanne Smit', groups: ['opgave-opgaven', 'alle-medewerkers'] })
    provider.loginAs = 'sanne'
    browser = await launchChromium()
    const login = await fetch(`${product.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN, password: DEMO_PASSWORD }),
    })
    const session = (await login.json()) as { user: { memberships: { organisationId: string; organisationName: string }[] } }
    organisationId = session.user.memberships.find((m) => m.organisationName === MUNICIPALITY)!.organisationId
  })

  afterAll(async () => {
    await browser?.close()
    await provider?.close()
    await product?.stop()
  })

  it('lets the municipality admin configure it on a settings screen linked from the organisation', async () => {
    admin = await newPage(browser)
    admin.on('pageerror', (error) => pageErrors.push(error.message))
    await logIn(admin, product.baseUrl, ADMIN)
    await admin.goto(`${product.baseUrl}/organisaties/${organisationId}`)
    await admin.getByRole('link', { name: 'Inloggen via de gemeente (single sign-on)' }).click()
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toContain('Inloggen via de gemeente')
    expect(await axeViolations(admin, 'SSO settings (empty)')).toEqual([])

    // Saving without the required fields names them in the error summary.
    await admin.getByRole('button', { name: 'Opslaan' }).click()
    await expect.poll(() => admin.getByRole('heading', { name: 'Er is een probleem' }).isVisible()).toBe(true)
    expect(await axeViolations(admin, 'SSO settings (errors)')).toEqual([])

    await admin.getByLabel('Inloggen via de gemeente aanzetten').check()
    await admin.getByLabel('Issuer-URL').fill(provider.issuer)
    await admin.getByLabel('Client-ID').fill(provider.clientId)
    await admin.getByLabel('Client-secret').fill(provider.clientSecret)
    await admin.getByLabel('Scopes').fill('openid email profile groups')
    await admin.getByLabel('Toegestane e-maildomeinen').fill('voorbeeldstad.nl')
    await admin.getByLabel('Groep of rol 1').fill('opgave-opgaven')
    await admin.getByLabel('Rol in Opgave 1').selectOption('challenge_manager')
    await admin.getByRole('button', { name: 'Opslaan' }).click()
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'De instellingen zijn opgeslagen.' }).count()).toBe(1)
    expect(await admin.locator('#sso-redirect-uri').textContent()).toBe(`${product.baseUrl}/api/v1/sso/callback`)
    // The secret is never shown again: the field is empty and says one is stored.
    expect(await admin.getByLabel('Client-secret').inputValue()).toBe('')
    await expect.poll(() => admin.getByText('Er is een secret opgeslagen.').isVisible()).toBe(true)
    expect(await axeViolations(admin, 'SSO settings (saved)')).toEqual([])

    // A new client secret typed but not saved: leaving asks first and staying keeps it; emptied again, nothing is asked.
    const dialogs = answerDialogs(admin)
    await expectLeaveToAsk(dialogs, admin.getByLabel('Client-secret'), 'een-nieuw-geheim', admin.getByRole('link', { name: 'Terug naar de organisatie' }))
    await admin.getByLabel('Client-secret').fill('')
    await admin.getByRole('link', { name: 'Terug naar de organisatie' }).click()
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe(MUNICIPALITY)
    expect(dialogs.messages).toHaveLength(1)
  })

  it('is offered on the login page and logs a new staff member in with the mapped role', async () => {
    const staff = await newPage(browser)
    staff.on('pageerror', (error) => pageErrors.push(error.message))
    await staff.goto(`${product.baseUrl}/inloggen`)
    const button = staff.getByRole('link', { name: `Inloggen met ${MUNICIPALITY}` })
    await expect.poll(() => button.isVisible()).toBe(true)
    expect(await axeViolations(staff, 'login page with SSO')).toEqual([])

    // Keyboard only: tab to the link and press Enter.
    await button.focus()
    await staff.keyboard.press('Enter')
    await expect.poll(() => staff.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('Organisaties')
    expect(new URL(staff.url()).pathname).toBe('/organisaties')
    await expect.poll(() => staff.getByText(MUNICIPALITY).first().isVisible()).toBe(true)

    // The session works after a reload too (the refresh cookie was set by the callback).
    await staff.reload()
    await expect.poll(() => staff.getByRole('heading', { level: 1 }).textContent()).toBe('Organisaties')
    const access = await staff.evaluate(async () => (await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'include' })).json())
    const me = await (await fetch(`${product.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${(access as { accessToken: string }).accessToken}` } })).json()
    expect(me.email).toBe('sanne.smit@voorbeeldstad.nl')
    expect(me.memberships.find((m: { organisationId: string }) => m.organisationId === organisationId)?.role).toBe('challenge_manager')
  })

  it('explains a refused login on the login page', async () => {
    provider.accounts.set('piet', { sub: 'piet', email: 'piet@voorbeeldstad.nl', name: 'Piet', groups: ['alle-medewerkers'] })
    provider.loginAs = 'piet'
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/inloggen`)
    await page.getByRole('link', { name: `Inloggen met ${MUNICIPALITY}` }).click()
    await expect.poll(() => page.getByText('Uw account heeft geen rol in Opgave voor deze gemeente.').isVisible(), { timeout: 20_000 }).toBe(true)
    expect(new URL(page.url()).searchParams.get('ssoError')).toBe('sso.no_role')
    expect(await axeViolations(page, 'login page with SSO error')).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
