import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, DEMO_PASSWORD, h1, launchChromium, logIn, newPage, type RunningProduct, setStoredLocale, startProduct } from './support'

// The demo seed (apps/api/src/seed/demo-guidance.ts) publishes two guides of Gemeente Voorbeeldstad: the
// "Routekaart voor ondernemers" and the "Zakboek voor ambtenaren", in Dutch. Bea Beheerder is its admin.
describe('guidance pages in a real browser', () => {
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


  it('lets the public read the demo route map from the impact page: headings, a table of contents, lists; axe-clean in Dutch and English', async () => {
    const page = await newPage(browser)
    await page.goto(`${product.baseUrl}/gemeenten/voorbeeldstad/impact`)
    await page.getByRole('link', { name: /Gidsen van deze gemeente/ }).click()
    await expect.poll(() => h1(page)).toBe('Gidsen van Gemeente Voorbeeldstad')
    await page.getByRole('link', { name: 'Zakboek voor ambtenaren' }).waitFor()
    expect(await axeViolations(page, 'guidance index (nl)')).toEqual([])

    await page.getByRole('link', { name: 'Routekaart voor ondernemers' }).click()
    await expect.poll(() => h1(page)).toBe('Routekaart voor ondernemers')
    expect(await page.title()).toContain('Routekaart voor ondernemers')
    const toc = page.getByRole('navigation', { name: 'Inhoud' })
    const tocLinks = await toc.getByRole('link').allTextContents()
    expect(tocLinks).toEqual(expect.arrayContaining(['Uw vaste aanspreekpunt', 'Wie benadert u waarvoor?', 'Meedoen met een opgave', 'Voorbehouden opdrachten']))
    await page.getByRole('heading', { level: 2, name: 'Wie benadert u waarvoor?' }).waitFor()
    await page.getByRole('heading', { level: 3, name: 'Social return' }).waitFor()
    // Lists and a table, rendered from Markdown with Utrecht classes.
    await page.locator('.opgave-guidance-content ul.utrecht-unordered-list li', { hasText: 'Aisha Accountmanager, Werkgeversservicepunt' }).waitFor()
    expect(await page.locator('.opgave-guidance-content ol li').count()).toBe(4)
    await page.getByRole('cell', { name: /Ingrid Inkoop/ }).waitFor()
    expect(await page.getByRole('link', { name: 'inkoop@voorbeeldstad.nl' }).first().getAttribute('href')).toBe('mailto:inkoop@voorbeeldstad.nl')

    // The table of contents by keyboard: focus moves to the heading it names.
    await toc.getByRole('link', { name: 'Meedoen met een opgave' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Meedoen met een opgave')
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBeNull()
    expect(await axeViolations(page, 'route map (nl)')).toEqual([])

    // In English the interface changes; the Dutch page says it is Dutch.
    await setStoredLocale(page, 'en')
    await expect.poll(() => h1(page)).toBe('Routekaart voor ondernemers')
    await page.getByRole('navigation', { name: 'Contents' }).waitFor()
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe('nl')
    expect(await page.locator('.opgave-guidance-content').getAttribute('lang')).toBe('nl')
    expect(await axeViolations(page, 'route map (en)')).toEqual([])

    await page.goto(`${product.baseUrl}/gemeenten/voorbeeldstad/gids`)
    await expect.poll(() => h1(page)).toBe('Guides of Gemeente Voorbeeldstad')
    expect(await axeViolations(page, 'guidance index (en)')).toEqual([])
    await page.context().close()
  })

  it('lets staff write a guide in Markdown by keyboard with a live preview, publish it for the public, and warns on a conflicting edit', async () => {
    const page = await newPage(browser)
    await logIn(page, product.baseUrl, 'beheerder@voorbeeldstad.nl')
    await page.getByRole('link', { name: 'Gidsen', exact: true }).click()
    await expect.poll(() => h1(page)).toBe('Gidsen beheren')
    await page.getByRole('rowheader', { name: 'Routekaart voor ondernemers' }).waitFor()
    expect(await axeViolations(page, 'guidance staff list (nl)')).toEqual([])

    await page.getByRole('link', { name: 'Nieuwe gids' }).click()
    await expect.poll(() => h1(page)).toBe('Nieuwe gids')
    await page.getByLabel('Titel').focus()
    await page.keyboard.type('Ondernemersloket in de wijk')
    expect(await page.getByLabel('Webadres (slug)').inputValue()).toBe('ondernemersloket-in-de-wijk')
    await page.getByLabel('Samenvatting').focus()
    await page.keyboard.type('Elke dinsdag spreekuur voor sociaal ondernemers.')
    await page.getByLabel('Tekst (Markdown)').focus()
    await page.keyboard.type('## Wanneer\n\n- Dinsdag van 9 tot 12 uur\n- In het wijkcentrum\n\n<script>alert(1)</script>\n\n[Klik](javascript:alert(1))\n')
    // The live preview, rendered by the API as the public will see it; hostile input stays text.
    const preview = page.getByRole('region', { name: 'Voorbeeld' })
    await preview.getByRole('heading', { level: 2, name: 'Wanneer' }).waitFor()
    await preview.getByRole('listitem').filter({ hasText: 'Dinsdag van 9 tot 12 uur' }).waitFor()
    await preview.getByText('<script>alert(1)</script>').waitFor()
    expect(await preview.getByRole('link').count()).toBe(0)
    expect(await axeViolations(page, 'guidance editor (nl)')).toEqual([])

    // Saved as a draft: not public yet.
    await page.getByRole('button', { name: 'Opslaan als concept' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'De gids is opgeslagen.' }).waitFor()
    await expect.poll(() => h1(page)).toBe('Gids bewerken: Ondernemersloket in de wijk')
    const pageUrl = page.url()
    expect((await fetch(`${product.baseUrl}/api/v1/municipalities/by-slug/voorbeeldstad/guidance/ondernemersloket-in-de-wijk`)).status).toBe(404)

    // One more line, then publish by keyboard: unsaved changes are saved first.
    await page.getByLabel('Tekst (Markdown)').focus()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\n## Contact\n\nMail [het loket](mailto:loket@voorbeeldstad.nl).\n')
    await preview.getByRole('heading', { level: 2, name: 'Contact' }).waitFor()
    await page.getByRole('button', { name: 'Opslaan en publiceren' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'De gids is gepubliceerd.' }).waitFor()
    await page.getByRole('button', { name: 'Publicatie intrekken' }).waitFor()

    const reader = await newPage(browser)
    await reader.goto(`${product.baseUrl}/gemeenten/voorbeeldstad/gids`)
    await reader.getByRole('link', { name: 'Ondernemersloket in de wijk' }).click()
    await expect.poll(() => h1(reader)).toBe('Ondernemersloket in de wijk')
    await reader.getByRole('heading', { level: 2, name: 'Contact' }).waitFor()
    await reader.locator('.opgave-guidance-content li', { hasText: 'In het wijkcentrum' }).waitFor()
    expect(await reader.getByRole('link', { name: 'het loket' }).getAttribute('href')).toBe('mailto:loket@voorbeeldstad.nl')
    expect(await reader.locator('.opgave-guidance-content script').count()).toBe(0)
    expect(await axeViolations(reader, 'published guide (nl)')).toEqual([])
    await reader.context().close()

    // Someone else saves in between: our save is refused and the editor says so.
    const login = (await (await fetch(`${product.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'opgaven@voorbeeldstad.nl', password: DEMO_PASSWORD }) })).json()) as { accessToken: string }
    const [, municipalityId, pageId] = /\/gemeente\/([^/]+)\/gids\/([^/?#]+)/.exec(pageUrl)!
    const current = (await (await fetch(`${product.baseUrl}/api/v1/municipalities/${municipalityId}/guidance/${pageId}`, { headers: { authorization: `Bearer ${login.accessToken}` } })).json()) as { version: number }
    const other = await fetch(`${product.baseUrl}/api/v1/municipalities/${municipalityId}/guidance/${pageId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ summary: 'Door Okke aangepast.', version: current.version }),
    })
    expect(other.status).toBe(200)
    await page.getByLabel('Titel').fill('Ondernemersloket')
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click()
    const conflict = page.getByRole('heading', { name: 'Iemand anders heeft deze gids intussen gewijzigd' })
    await conflict.waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('guidance-conflict-title')
    await page.getByRole('button', { name: 'Nieuwste versie laden' }).click()
    await expect.poll(() => page.getByLabel('Samenvatting').inputValue()).toBe('Door Okke aangepast.')
    expect(await page.getByLabel('Titel').inputValue()).toBe('Ondernemersloket in de wijk')

    // Signed in, the language is switched (and saved to the account) with the language buttons.
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => h1(page)).toBe('Edit guide: Ondernemersloket in de wijk')
    await page.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Contact' }).waitFor()
    expect(await axeViolations(page, 'guidance editor (en)')).toEqual([])

    // Deleting asks first.
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('heading', { name: 'Delete the guide “Ondernemersloket in de wijk”?' }).waitFor()
    await page.getByRole('button', { name: 'Yes, delete' }).click()
    await expect.poll(() => h1(page)).toBe('Manage guides')
    await page.getByRole('status').filter({ hasText: 'has been deleted' }).waitFor()
    expect(await axeViolations(page, 'guidance staff list (en)')).toEqual([])
    expect((await fetch(`${product.baseUrl}/api/v1/municipalities/by-slug/voorbeeldstad/guidance/ondernemersloket-in-de-wijk`)).status).toBe(404)
    await page.context().close()
  })
})
