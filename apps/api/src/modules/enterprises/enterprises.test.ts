import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { emailOutbox } from '../outbox/outbox.table'
import { addMember, makeChallenge, makeEnterprise, makeMunicipality, setRole, type TestUser } from '../questions/questions.fixtures'

describe('enterprise profiles, account management and the routekaart', () => {
  let ctx: TestContext
  let anna: TestUser // admin, Aastad
  let carl: TestUser // challenge manager, Aastad
  let amy: TestUser // account manager, Aastad
  let bert: TestUser // admin, Beedorp
  let bob: TestUser // account manager, Beedorp
  let erik: TestUser // owner, Erik BV
  let emma: TestUser // member, Erik BV
  let fay: TestUser // owner, Fay Coöperatie
  let aastad: string
  let beedorp: string
  let enterpriseE: string
  let enterpriseF: string

  beforeAll(async () => {
    ctx = await createTestApp()
    anna = await registerUser(ctx, 'anna@aastad.nl', 'anna Test')
    carl = await registerUser(ctx, 'carl@aastad.nl', 'carl Test')
    amy = await registerUser(ctx, 'amy@aastad.nl', 'amy Test')
    bert = await registerUser(ctx, 'bert@beedorp.nl', 'bert Test')
    bob = await registerUser(ctx, 'bob@beedorp.nl', 'bob Test')
    erik = await registerUser(ctx, 'erik@erikbv.nl', 'erik Test')
    emma = await registerUser(ctx, 'emma@erikbv.nl', 'emma Test')
    fay = await registerUser(ctx, 'fay@fay.nl', 'fay Test')
    aastad = await makeMunicipality(ctx, 'Gemeente Aastad', 'aastad', [[anna, 'admin'], [carl, 'challenge_manager'], [amy, 'account_manager']])
    beedorp = await makeMunicipality(ctx, 'Gemeente Beedorp', 'beedorp', [[bert, 'admin'], [bob, 'account_manager']])
    enterpriseE = await makeEnterprise(ctx, erik, 'Erik Groen BV')
    enterpriseF = await makeEnterprise(ctx, fay, 'Fay 100%_Coöperatie')
    await addMember(ctx, enterpriseE, emma, 'member')
  })
  afterAll(() => ctx.close())

  const profile = (user: TestUser, id = enterpriseE) => http(ctx).get(`/api/v1/enterprises/${id}/profile`).set(bearer(user.token))
  const patch = (user: TestUser, body: object, id = enterpriseE) => http(ctx).patch(`/api/v1/enterprises/${id}/profile`).set(bearer(user.token)).send(body)

  describe('profile', () => {
    it('lets the owner edit the profile and derives Art. 2.82 eligibility', async () => {
      const res = await patch(erik, {
        legalForm: 'bv',
        isSocialEnterprise: true,
        distanceToLabourMarketPercent: 30,
        sdgGoals: [8, 1, 10],
        region: ' Noord-Holland ',
        lookingForPartners: true,
        website: 'https://erikgroen.nl',
        description: 'Groenonderhoud met mensen met afstand tot de arbeidsmarkt.',
        kvkNumber: '01234567',
      })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ legalForm: 'bv', distanceToLabourMarketPercent: 30, eligibleForArt282: true, sdgGoals: [1, 8, 10], region: 'Noord-Holland', kvkNumber: '01234567' })
      expect((await patch(erik, { distanceToLabourMarketPercent: 29 })).body.eligibleForArt282).toBe(false)
      const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'enterprise.profile_updated'))
      expect(events.length).toBe(2)
    })

    it('lets members read but not edit; hides other enterprises (404)', async () => {
      expect((await profile(emma)).body.name).toBe('Erik Groen BV')
      expect((await patch(emma, { region: 'Utrecht' })).status).toBe(403)
      expect((await profile(fay)).status).toBe(404)
      expect((await patch(fay, { region: 'Utrecht' })).body.code).toBe('enterprises.not_found')
      expect((await profile(anna, aastad)).status).toBe(404) // a municipality is not an enterprise
      expect((await http(ctx).get(`/api/v1/enterprises/${enterpriseE}/profile`)).status).toBe(401)
    })

    it('validates KvK, percentage, URL, SDGs and legal form, naming the field', async () => {
      const cases: [object, string][] = [
        [{ kvkNumber: '1234567' }, '/kvkNumber'],
        [{ kvkNumber: '1234567X' }, '/kvkNumber'],
        [{ distanceToLabourMarketPercent: 101 }, '/distanceToLabourMarketPercent'],
        [{ distanceToLabourMarketPercent: -1 }, '/distanceToLabourMarketPercent'],
        [{ distanceToLabourMarketPercent: 33.3 }, '/distanceToLabourMarketPercent'],
        [{ website: 'javascript:alert(1)' }, '/website'],
        [{ website: 'ftp://erikgroen.nl' }, '/website'],
        [{ website: 'erikgroen.nl' }, '/website'],
        [{ sdgGoals: [18] }, '/sdgGoals/0'],
        [{ sdgGoals: [3, 3] }, '/sdgGoals'],
        [{ legalForm: 'gmbh' }, '/legalForm'],
        [{ isPlatformAdmin: true }, '/isPlatformAdmin'],
      ]
      for (const [body, field] of cases) {
        const res = await patch(erik, body)
        expect(res.status, JSON.stringify(body)).toBe(400)
        expect(res.body.errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field)
        assertNoInternals(res.body)
      }
      expect((await patch(erik, {})).status).toBe(400)
      expect((await patch(erik, { website: null, kvkNumber: null })).body).toMatchObject({ website: null, kvkNumber: null })
    })

    it('searches the directory by name with literal wildcards and directory fields only', async () => {
      const res = await http(ctx).get('/api/v1/enterprises?q=groen').set(bearer(anna.token))
      expect(res.status).toBe(200)
      expect(res.body.items.map((e: { name: string }) => e.name)).toEqual(['Erik Groen BV'])
      expect(Object.keys(res.body.items[0]).sort()).toEqual(['description', 'id', 'isSocialEnterprise', 'lookingForPartners', 'name', 'region', 'sdgGoals', 'slug', 'website'])
      expect((await http(ctx).get('/api/v1/enterprises?q=100%25_').set(bearer(anna.token))).body.items.map((e: { id: string }) => e.id)).toEqual([enterpriseF])
      expect((await http(ctx).get('/api/v1/enterprises?q=%25').set(bearer(anna.token))).body.items.map((e: { id: string }) => e.id)).toEqual([enterpriseF])
      expect((await http(ctx).get('/api/v1/enterprises?lookingForPartners=true').set(bearer(fay.token))).body.items.map((e: { id: string }) => e.id)).toEqual([enterpriseE])
      expect((await http(ctx).get('/api/v1/enterprises')).status).toBe(401)
      expect((await http(ctx).get('/api/v1/enterprises?limit=0').set(bearer(anna.token))).status).toBe(400)
    })
  })

  describe('account management', () => {
    const assign = (user: TestUser, body: object, municipality = aastad, enterprise = enterpriseE) =>
      http(ctx).put(`/api/v1/municipalities/${municipality}/account-managers/${enterprise}`).set(bearer(user.token)).send(body)

    it('lets the admin assign an account manager; the owners are told who their contact is', async () => {
      const res = await assign(anna, { userId: amy.user.id })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ municipalityId: aastad, enterpriseId: enterpriseE, enterpriseName: 'Erik Groen BV', accountManager: { userId: amy.user.id, name: 'amy Test', email: 'amy@aastad.nl' } })
      const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'erik@erikbv.nl'))
      expect(mails.some((m) => m.subject === 'Uw contactpersoon bij Gemeente Aastad' && m.text.includes('amy Test'))).toBe(true)
      expect((await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account_manager.assigned'))).length).toBe(1)
      expect((await assign(bert, { userId: bob.user.id }, beedorp, enterpriseE)).status).toBe(200)
    })

    it('refuses other roles, other municipalities, non-account-managers and unknown enterprises', async () => {
      expect((await assign(carl, { userId: amy.user.id })).status).toBe(403)
      expect((await assign(amy, { userId: amy.user.id })).status).toBe(403)
      expect((await assign(bert, { userId: amy.user.id })).status).toBe(404)
      expect((await assign(erik, { userId: amy.user.id })).status).toBe(404)
      const notAm = await assign(anna, { userId: carl.user.id })
      expect(notAm.status).toBe(400)
      expect(notAm.body.errors[0]).toMatchObject({ field: '/userId', code: 'account_managers.not_an_account_manager' })
      expect((await assign(anna, { userId: bob.user.id })).body.errors[0].field).toBe('/userId')
      expect((await assign(anna, { userId: amy.user.id }, aastad, beedorp)).body.code).toBe('enterprises.not_found')
      expect((await assign(anna, { userId: amy.user.id }, enterpriseE, enterpriseF)).body.code).toBe('municipalities.not_found')
    })

    it('shows the enterprise its contacts, and the municipality its assignments', async () => {
      const contacts = await http(ctx).get(`/api/v1/enterprises/${enterpriseE}/contacts`).set(bearer(emma.token))
      expect(contacts.body.items).toEqual([
        { municipalityId: aastad, municipalityName: 'Gemeente Aastad', municipalitySlug: 'aastad', name: 'amy Test', email: 'amy@aastad.nl' },
        { municipalityId: beedorp, municipalityName: 'Gemeente Beedorp', municipalitySlug: 'beedorp', name: 'bob Test', email: 'bob@beedorp.nl' },
      ])
      expect((await http(ctx).get(`/api/v1/enterprises/${enterpriseE}/contacts`).set(bearer(fay.token))).status).toBe(404)
      const list = await http(ctx).get(`/api/v1/municipalities/${aastad}/account-managers`).set(bearer(carl.token))
      expect(list.body.items.map((a: { enterpriseId: string }) => a.enterpriseId)).toEqual([enterpriseE])
      expect((await http(ctx).get(`/api/v1/municipalities/${aastad}/account-managers`).set(bearer(bert.token))).status).toBe(404)
      expect((await http(ctx).get(`/api/v1/municipalities/${aastad}/account-managers`).set(bearer(erik.token))).status).toBe(404)
    })

    it('shows the account manager their enterprises with questions to their own municipality only', async () => {
      const mine = await makeChallenge(ctx, aastad, { title: 'Aastad-opgave' })
      const theirs = await makeChallenge(ctx, beedorp, { title: 'Beedorp-opgave' })
      const ask = (challengeId: string, text: string) => http(ctx).post(`/api/v1/challenges/${challengeId}/questions`).set(bearer(emma.token)).send({ enterpriseId: enterpriseE, text })
      expect((await ask(mine, 'Vraag aan Aastad over de planning')).status).toBe(201)
      expect((await ask(theirs, 'Vraag aan Beedorp over het budget')).status).toBe(201)
      await http(ctx).post(`/api/v1/challenges/${mine}/questions`).set(bearer(fay.token)).send({ enterpriseId: enterpriseF, text: 'Vraag van Fay, niet beheerd' })

      const res = await http(ctx).get('/api/v1/me/managed-enterprises').set(bearer(amy.token))
      expect(res.status).toBe(200)
      expect(res.body.items).toHaveLength(1)
      expect(res.body.items[0]).toMatchObject({ municipalityId: aastad, enterprise: { id: enterpriseE, name: 'Erik Groen BV' }, eligibleForArt282: false })
      expect(res.body.items[0].questions.map((q: { text: string; challengeTitle: string; status: string }) => [q.challengeTitle, q.text, q.status])).toEqual([['Aastad-opgave', 'Vraag aan Aastad over de planning', 'open']])
      expect(JSON.stringify(res.body)).not.toContain('emma')

      const bobs = (await http(ctx).get('/api/v1/me/managed-enterprises').set(bearer(bob.token))).body.items
      expect(bobs[0].questions.map((q: { challengeTitle: string }) => q.challengeTitle)).toEqual(['Beedorp-opgave'])
      expect((await http(ctx).get('/api/v1/me/managed-enterprises').set(bearer(anna.token))).body.items).toEqual([])

      await setRole(ctx, aastad, amy, 'challenge_manager')
      expect((await http(ctx).get('/api/v1/me/managed-enterprises').set(bearer(amy.token))).body.items).toEqual([])
      // The enterprise is no longer pointed at someone who left the role.
      const contacts = await http(ctx).get(`/api/v1/enterprises/${enterpriseE}/contacts`).set(bearer(erik.token))
      expect(contacts.body.items.map((c: { municipalityId: string }) => c.municipalityId)).toEqual([beedorp])
      await setRole(ctx, aastad, amy, 'account_manager')
    })

    it('removes an assignment (admins), then answers 404', async () => {
      const del = () => http(ctx).delete(`/api/v1/municipalities/${aastad}/account-managers/${enterpriseE}`)
      expect((await del().set(bearer(carl.token))).status).toBe(403)
      expect((await del().set(bearer(anna.token))).status).toBe(204)
      expect((await del().set(bearer(anna.token))).body.code).toBe('account_managers.not_found')
      expect((await http(ctx).get('/api/v1/me/managed-enterprises').set(bearer(amy.token))).body.items).toEqual([])
    })
  })

  describe('routekaart', () => {
    const entry = { theme: 'Werk en inkomen', sdgGoals: [8, 1], contactName: 'Wim Werk', roleOrDepartment: 'Team Werkgeversdienstverlening', email: 'werk@aastad.nl', phone: '14 020', description: 'Voor vragen over banen.' }
    let entryId: string

    it('lets admins add entries and anyone read them by municipality slug', async () => {
      const res = await http(ctx).post(`/api/v1/municipalities/${aastad}/routekaart`).set(bearer(anna.token)).send(entry)
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ ...entry, sdgGoals: [1, 8], version: 1, position: 0 })
      entryId = res.body.id
      const pub = await http(ctx).get('/api/v1/municipalities/by-slug/aastad/routekaart')
      expect(pub.status).toBe(200)
      expect(pub.body.municipality).toEqual({ id: aastad, name: 'Gemeente Aastad', slug: 'aastad' })
      expect(pub.body.items).toHaveLength(1)
      expect((await http(ctx).get('/api/v1/municipalities/by-slug/onbekend/routekaart')).body.code).toBe('municipalities.not_found')
      expect((await http(ctx).get('/api/v1/municipalities/by-slug/Gemeente%20X/routekaart')).status).toBe(400)
      expect((await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, entryId))).map((e) => e.action)).toEqual(['routekaart.entry_created'])
    })

    it('refuses other staff (403), other municipalities and enterprises (404), and bad input (400)', async () => {
      const post = (user: TestUser, body: object = entry, municipality = aastad) => http(ctx).post(`/api/v1/municipalities/${municipality}/routekaart`).set(bearer(user.token)).send(body)
      expect((await post(amy)).status).toBe(403)
      expect((await post(bert)).status).toBe(404)
      expect((await post(erik)).status).toBe(404)
      expect((await post(erik, entry, enterpriseE)).status).toBe(404)
      expect((await post(anna, { ...entry, email: 'geen-email' })).body.errors[0].field).toBe('/email')
      expect((await post(anna, { ...entry, phone: 'bel me' })).body.errors[0].field).toBe('/phone')
      expect((await post(anna, { ...entry, sdgGoals: [0] })).body.errors[0].field).toMatch(/^\/sdgGoals/)
      expect((await http(ctx).post(`/api/v1/municipalities/${aastad}/routekaart`).send(entry)).status).toBe(401)
    })

    it('updates with a version check and deletes', async () => {
      const url = `/api/v1/municipalities/${aastad}/routekaart/${entryId}`
      const ok = await http(ctx).patch(url).set(bearer(anna.token)).send({ contactName: 'Wilma Werk', version: 1 })
      expect(ok.body).toMatchObject({ contactName: 'Wilma Werk', version: 2 })
      const stale = await http(ctx).patch(url).set(bearer(anna.token)).send({ contactName: 'Willem', version: 1 })
      expect(stale.status).toBe(409)
      expect(stale.body.current).toMatchObject({ contactName: 'Wilma Werk', version: 2 })
      expect((await http(ctx).patch(`/api/v1/municipalities/${beedorp}/routekaart/${entryId}`).set(bearer(bert.token)).send({ contactName: 'X', version: 2 })).body.code).toBe('routekaart.not_found')
      expect((await http(ctx).delete(url).set(bearer(carl.token))).status).toBe(403)
      expect((await http(ctx).delete(url).set(bearer(anna.token))).status).toBe(204)
      expect((await http(ctx).get('/api/v1/municipalities/by-slug/aastad/routekaart')).body.items).toEqual([])
    })
  })
})
