import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { http } from '../../test/http'
import { seedDemoData } from './demo-seed'

describe('demo guidance pages', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp()
    await seedDemoData(ctx.database.db, ctx.clock.now)
  })
  afterAll(() => ctx.close())

  it('publishes the route map for entrepreneurs and the pocket guide for civil servants of Voorbeeldstad', async () => {
    const index = await http(ctx).get('/api/v1/municipalities/by-slug/voorbeeldstad/guidance')
    expect(index.body.items.map((p: { slug: string; audience: string; language: string }) => [p.slug, p.audience, p.language])).toEqual([
      ['zakboek-voor-ambtenaren', 'civil_servants', 'nl'],
      ['routekaart-voor-ondernemers', 'entrepreneurs', 'nl'],
    ])
    const routekaart = (await http(ctx).get('/api/v1/municipalities/by-slug/voorbeeldstad/guidance/routekaart-voor-ondernemers')).body.page
    expect(routekaart.headings.map((h: { text: string }) => h.text)).toEqual(expect.arrayContaining(['Uw vaste aanspreekpunt', 'Wie benadert u waarvoor?', 'Meedoen met een opgave', 'Voorbehouden opdrachten']))
    expect(routekaart.html).toContain('<table>')
    expect(routekaart.html).toContain('<ol>')
    expect(routekaart.html).toContain('href="mailto:inkoop@voorbeeldstad.nl"')
    const zakboek = (await http(ctx).get('/api/v1/municipalities/by-slug/voorbeeldstad/guidance/zakboek-voor-ambtenaren')).body.page
    expect(zakboek.headings.map((h: { text: string }) => h.text)).toEqual(expect.arrayContaining(['De vier rollen van de gemeente', 'Voorbehouden opdrachten (artikel 2.82 Aanbestedingswet 2012)', 'Social return', 'Effectief accountmanagement']))
    expect(zakboek.html).toMatch(/<ol>\n<li><strong>Verbinder<\/strong>/)
  })
})
