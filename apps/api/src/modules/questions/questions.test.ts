import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { assertNoInternals, bearer, http, registerUser } from '../../../test/http'
import { auditEvents } from '../audit/audit.table'
import { emailOutbox } from '../outbox/outbox.table'
import { organisations } from '../organisations/organisations.table'
import { follow, makeChallenge, makeEnterprise, makeMunicipality, type TestUser } from './questions.fixtures'

const T0 = new Date('2026-03-02T09:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000

describe('questions and answers (nota van inlichtingen)', () => {
  let ctx: TestContext
  let anna: TestUser // admin, Gemeente Aastad
  let carl: TestUser // challenge manager, Aastad
  let amy: TestUser // account manager, Aastad
  let bert: TestUser // admin, Gemeente Beedorp
  let erik: TestUser // owner of Erik BV
  let emma: TestUser // member of Erik BV
  let fay: TestUser // owner of Fay Coöperatie
  let follower: TestUser
  let municipalityA: string
  let enterpriseE: string
  let enterpriseF: string
  let challenge: string
  let draft: string
  const ids = { q1: '', q2: '', q3: '', q4: '', q5: '' }

  const ask = (user: TestUser, enterpriseId: string, text: string, challengeId = challenge) =>
    http(ctx).post(`/api/v1/challenges/${challengeId}/questions`).set(bearer(user.token)).send({ enterpriseId, text })
  const answer = (user: TestUser, questionId: string, body: object) => http(ctx).put(`/api/v1/questions/${questionId}/answer`).set(bearer(user.token)).send(body)
  const inbox = async () => (await http(ctx).get(`/api/v1/challenges/${challenge}/questions`).set(bearer(anna.token))).body.items as { id: string; version: number; status: string; number: number | null }[]
  const versionOf = async (id: string) => (await inbox()).find((q) => q.id === id)!.version
  const tick = () => (ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000))

  beforeAll(async () => {
    ctx = await createTestApp()
    ctx.clock.now = T0
    const reg = (email: string, name: string) => registerUser(ctx, email, name)
    anna = await reg('anna@aastad.nl', 'Anna Achternaam')
    carl = await reg('carl@aastad.nl', 'Carl Achternaam')
    amy = await reg('amy@aastad.nl', 'Amy Achternaam')
    bert = await reg('bert@beedorp.nl', 'Bert Achternaam')
    erik = await reg('erik@erikbv.nl', 'Erik Achternaam')
    emma = await reg('emma@erikbv.nl', 'Emma Achternaam')
    fay = await reg('fay@fay.nl', 'Fay Achternaam')
    follower = await reg('volger@example.nl', 'Volger Achternaam')
    municipalityA = await makeMunicipality(ctx, 'Gemeente Aastad', 'aastad', [[anna, 'admin'], [carl, 'challenge_manager'], [amy, 'account_manager']])
    await makeMunicipality(ctx, 'Gemeente Beedorp', 'beedorp', [[bert, 'admin']])
    enterpriseE = await makeEnterprise(ctx, erik, 'Erik Zorgdiensten BV')
    enterpriseF = await makeEnterprise(ctx, fay, 'Fay Coöperatie')
    await http(ctx).post(`/api/v1/organisations/${enterpriseE}/invitations`).set(bearer(erik.token)).send({ email: 'emma@erikbv.nl', role: 'member' })
    const [mail] = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'emma@erikbv.nl'))
    const token = /\/uitnodigingen\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]
    expect((await http(ctx).post(`/api/v1/invitations/${token}/accept`).set(bearer(emma.token))).status).toBe(200)
    challenge = await makeChallenge(ctx, municipalityA, { questionsDeadline: new Date(T0.getTime() + 10 * DAY), contactEmail: 'loket@aastad.nl' })
    draft = await makeChallenge(ctx, municipalityA, { status: 'draft', title: 'Geheim concept' })
    await follow(ctx, challenge, follower)
  })
  afterAll(() => ctx.close())

  it('lets a member ask on behalf of their enterprise and records it', async () => {
    tick()
    const res = await ask(erik, enterpriseE, 'Mogen wij samenwerken met een zorginstelling?')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'open', enterpriseId: enterpriseE, number: null, answer: null, askedAt: ctx.clock.now.toISOString() })
    ids.q1 = res.body.id
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, ids.q1))
    expect(events.map((e) => e.action)).toEqual(['question.asked'])
    const [mail] = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'loket@aastad.nl'))
    expect(mail?.text).toContain(`/gemeente/uitdagingen/${challenge}/vragen`)
    expect(mail?.text).not.toMatch(/Erik/)
    tick()
    ids.q2 = (await ask(fay, enterpriseF, 'Mag een coöperatie met een zorginstelling samenwerken?')).body.id
    tick()
    ids.q3 = (await ask(emma, enterpriseE, 'Hoe hoog is het budget voor de pilot?')).body.id
    tick()
    ids.q4 = (await ask(fay, enterpriseF, 'Telt vrijwilligerswerk mee voor social return?')).body.id
    expect([ids.q1, ids.q2, ids.q3, ids.q4].every(Boolean)).toBe(true)
  })

  it('refuses questions for another enterprise, on drafts, without login or with bad input', async () => {
    const other = await ask(fay, enterpriseE, 'Namens een ander bedrijf vragen?')
    expect(other.status).toBe(404)
    expect(other.body.errors[0].field).toBe('/enterpriseId')
    expect((await ask(erik, enterpriseE, 'Een vraag over het concept', draft)).status).toBe(404)
    expect((await http(ctx).post(`/api/v1/challenges/${challenge}/questions`).send({ enterpriseId: enterpriseE, text: 'Anoniem vragen?' })).status).toBe(401)
    const short = await ask(erik, enterpriseE, 'Kort')
    expect(short.status).toBe(400)
    expect(short.body.errors[0].field).toBe('/text')
    const extra = await http(ctx).post(`/api/v1/challenges/${challenge}/questions`).set(bearer(erik.token)).send({ enterpriseId: enterpriseE, text: 'Mag dit?', askedBy: fay.user.id })
    expect(extra.status).toBe(400)
    assertNoInternals(extra.body)
  })

  it('closes questions at the deadline on the server clock (1 ms before: accepted; at: refused)', async () => {
    const deadlineChallenge = await makeChallenge(ctx, municipalityA, { questionsDeadline: new Date(T0.getTime() + 2 * DAY) })
    const saved = ctx.clock.now
    ctx.clock.now = new Date(T0.getTime() + 2 * DAY - 1)
    expect((await ask(erik, enterpriseE, 'Net op tijd gesteld?', deadlineChallenge)).status).toBe(201)
    ctx.clock.now = new Date(T0.getTime() + 2 * DAY)
    const late = await ask(erik, enterpriseE, 'Precies op de deadline?', deadlineChallenge)
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('questions.deadline_passed')
    const qa = await http(ctx).get(`/api/v1/challenges/${deadlineChallenge}/qa`)
    expect(qa.body).toMatchObject({ questionsOpen: false, items: [] })
    ctx.clock.now = saved
  })

  it('shows the inbox with askers to the municipality only (account manager 403, others 404)', async () => {
    const res = await http(ctx).get(`/api/v1/challenges/${challenge}/questions`).set(bearer(carl.token))
    expect(res.status).toBe(200)
    expect(res.body.items.map((q: { id: string }) => q.id)).toEqual([ids.q1, ids.q2, ids.q3, ids.q4])
    expect(res.body.items[0]).toMatchObject({ askedByName: 'Erik Achternaam', enterpriseName: 'Erik Zorgdiensten BV', status: 'open', version: 1 })
    expect((await http(ctx).get(`/api/v1/challenges/${challenge}/questions`).set(bearer(amy.token))).status).toBe(403)
    for (const user of [bert, erik, fay]) {
      const denied = await http(ctx).get(`/api/v1/challenges/${challenge}/questions`).set(bearer(user.token))
      expect(denied.status).toBe(404)
    }
    expect((await http(ctx).get(`/api/v1/challenges/${draft}/questions`).set(bearer(bert.token))).body.code).toBe('challenges.not_found')
  })

  it('answers with a version check and hides the answer from the asker until publication', async () => {
    const first = await answer(carl, ids.q1, { answer: 'Ja, samenwerking is toegestaan.', publicText: 'Is samenwerking met een zorginstelling toegestaan?', version: 1 })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ status: 'answered', version: 2 })
    const stale = await answer(anna, ids.q1, { answer: 'Nee.', version: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('resource.version_conflict')
    expect(stale.body.current).toMatchObject({ id: ids.q1, version: 2, answer: 'Ja, samenwerking is toegestaan.' })
    for (const user of [bert, erik, fay]) expect((await answer(user, ids.q1, { answer: 'Overgenomen', version: 2 })).status).toBe(404)
    expect((await answer(amy, ids.q1, { answer: 'Overgenomen', version: 2 })).status).toBe(403)
    expect((await answer(anna, ids.q3, { answer: '', version: 1 })).body.errors[0].field).toBe('/answer')

    const mine = await http(ctx).get(`/api/v1/challenges/${challenge}/questions/mine`).set(bearer(emma.token))
    const q1 = mine.body.items.find((q: { id: string }) => q.id === ids.q1)
    expect(q1).toMatchObject({ status: 'answered', answer: null, publicText: null, number: null })
    expect(mine.body.items.map((q: { id: string }) => q.id).sort()).toEqual([ids.q1, ids.q3].sort())
    expect((await http(ctx).get(`/api/v1/challenges/${challenge}/qa`)).body.items).toEqual([])
  })

  it('merges a duplicate into the question that carries the answer', async () => {
    expect((await http(ctx).post(`/api/v1/questions/${ids.q2}/merge`).set(bearer(bert.token)).send({ intoQuestionId: ids.q1, version: 1 })).status).toBe(404)
    const self = await http(ctx).post(`/api/v1/questions/${ids.q2}/merge`).set(bearer(anna.token)).send({ intoQuestionId: ids.q2, version: 1 })
    expect(self.status).toBe(409)
    expect(self.body.errors[0]).toMatchObject({ field: '/intoQuestionId', code: 'questions.merge_into_self' })
    const res = await http(ctx).post(`/api/v1/questions/${ids.q2}/merge`).set(bearer(anna.token)).send({ intoQuestionId: ids.q1, version: 1 })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'merged', mergedIntoId: ids.q1 })
    const chain = await http(ctx).post(`/api/v1/questions/${ids.q4}/merge`).set(bearer(anna.token)).send({ intoQuestionId: ids.q2, version: 1 })
    expect(chain.body.errors[0].code).toBe('questions.merge_target_merged')
    expect((await answer(anna, ids.q2, { answer: 'Apart antwoord', version: 2 })).body.code).toBe('questions.merged')
  })

  it('publishes nothing when any selected question is not publishable', async () => {
    const res = await http(ctx).post(`/api/v1/challenges/${challenge}/questions/publish`).set(bearer(anna.token)).send({ questionIds: [ids.q1, ids.q2, ids.q3] })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('questions.not_publishable')
    expect(res.body.errors).toEqual([
      { field: '/questionIds/1', code: 'questions.merged', message: expect.any(String) },
      { field: '/questionIds/2', code: 'questions.not_answered', message: expect.any(String) },
    ])
    expect((await inbox()).every((q) => q.number === null)).toBe(true)
    expect((await http(ctx).post(`/api/v1/challenges/${challenge}/questions/publish`).set(bearer(bert.token)).send({ questionIds: [ids.q1] })).status).toBe(404)
  })

  it('publishes to all at once, numbered, as nota version 1, and notifies followers and askers', async () => {
    await answer(anna, ids.q3, { answer: 'Het budget is € 80.000.', version: await versionOf(ids.q3) })
    tick()
    const res = await http(ctx).post(`/api/v1/challenges/${challenge}/questions/publish`).set(bearer(anna.token)).send({ questionIds: [ids.q3, ids.q1] })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ version: 1, publishedAt: ctx.clock.now.toISOString(), questionCount: 2 })
    const qa = await http(ctx).get(`/api/v1/challenges/${challenge}/qa`)
    expect(qa.body.items).toEqual([
      { number: 1, question: 'Is samenwerking met een zorginstelling toegestaan?', answer: 'Ja, samenwerking is toegestaan.', publishedAt: ctx.clock.now.toISOString(), notaVersion: 1 },
      { number: 2, question: 'Hoe hoog is het budget voor de pilot?', answer: 'Het budget is € 80.000.', publishedAt: ctx.clock.now.toISOString(), notaVersion: 1 },
    ])
    expect(qa.body.latestVersion).toBe(1)
    const mails = await ctx.database.db.select().from(emailOutbox)
    expect(mails.filter((m) => m.to === 'volger@example.nl' && m.subject.includes('Nieuwe antwoorden'))).toHaveLength(1)
    // Erik, Emma and Fay (whose duplicate was merged into question 1) hear their answer is out.
    expect(mails.filter((m) => m.subject.startsWith('Uw vraag is beantwoord')).map((m) => m.to).sort()).toEqual(['emma@erikbv.nl', 'erik@erikbv.nl', 'fay@fay.nl'])
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'questions.published'))
    expect(events).toHaveLength(1)

    const fays = (await http(ctx).get('/api/v1/me/questions').set(bearer(fay.token))).body.items
    expect(fays.find((q: { id: string }) => q.id === ids.q2)).toMatchObject({ status: 'merged', answeredByNumber: 1, answer: 'Ja, samenwerking is toegestaan.', notaVersion: 1, number: null })
    const again = await answer(anna, ids.q1, { answer: 'Toch niet.', version: await versionOf(ids.q1) })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('questions.already_published')
  })

  it('continues numbering in a second publication as nota version 2; each version lists everything up to it', async () => {
    const late = await http(ctx).post(`/api/v1/questions/${ids.q4}/merge`).set(bearer(anna.token)).send({ intoQuestionId: ids.q1, version: await versionOf(ids.q4) })
    expect(late.status).toBe(200)
    tick()
    ids.q5 = (await ask(erik, enterpriseE, 'Is er een model-samenwerkingsovereenkomst?')).body.id
    await answer(carl, ids.q5, { answer: 'Ja, zie bijlage 3.', version: 1 })
    const published = await http(ctx).post(`/api/v1/challenges/${challenge}/questions/publish`).set(bearer(carl.token)).send({ questionIds: [ids.q5] })
    expect(published.body).toMatchObject({ version: 2, questionCount: 1 })
    const versions = await http(ctx).get(`/api/v1/challenges/${challenge}/nota`)
    expect(versions.body.items.map((v: { version: number; questionCount: number }) => [v.version, v.questionCount])).toEqual([[1, 2], [2, 1]])
    const v1 = await http(ctx).get(`/api/v1/challenges/${challenge}/nota/1`)
    expect(v1.body.items.map((i: { number: number }) => i.number)).toEqual([1, 2])
    const v2 = await http(ctx).get(`/api/v1/challenges/${challenge}/nota/2`)
    expect(v2.body).toMatchObject({ version: 2, challengeTitle: 'Eenzaamheid onder ouderen', municipalityName: 'Gemeente Aastad' })
    expect(v2.body.items.map((i: { number: number; notaVersion: number }) => [i.number, i.notaVersion])).toEqual([[1, 1], [2, 1], [3, 2]])
    expect((await http(ctx).get(`/api/v1/challenges/${challenge}/nota/3`)).body.code).toBe('questions.nota_version_not_found')
    expect((await http(ctx).get(`/api/v1/challenges/${challenge}/nota/0`)).status).toBe(400)
    expect((await http(ctx).get(`/api/v1/challenges/${draft}/nota`)).status).toBe(404)
  })

  it('downloads the nota as CSV with a BOM, as an attachment', async () => {
    const res = await http(ctx).get(`/api/v1/challenges/${challenge}/nota/2/csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = []
      r.on('data', (c: Buffer) => chunks.push(c))
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')))
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="nota-van-inlichtingen-v2.csv"')
    const text = res.body as string
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe('Nummer,Vraag,Antwoord,Gepubliceerd op,Versie nota')
    expect(lines[2]).toMatch(/^2,Hoe hoog is het budget voor de pilot\?,Het budget is € 80\.000\.,2026-03-02T\d\d:\d\d:00\.000Z,1$/)
    expect(lines[3]).toMatch(/^3,Is er een model-samenwerkingsovereenkomst\?,"Ja, zie bijlage 3\.",.*,2$/)
    expect(lines).toHaveLength(5)
  })

  it('serves a printable HTML page with escaped text and a strict CSP', async () => {
    tick()
    const xss = (await ask(erik, enterpriseE, '<script>alert("x")</script> mag dit?')).body.id
    await answer(anna, xss, { answer: 'Nee & nooit <b>vet</b>.', version: 1 })
    await http(ctx).post(`/api/v1/challenges/${challenge}/questions/publish`).set(bearer(anna.token)).send({ questionIds: [xss] })
    const res = await http(ctx).get(`/api/v1/challenges/${challenge}/nota/3/html`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; mag dit?')
    expect(res.text).toContain('Nee &amp; nooit &lt;b&gt;vet&lt;/b&gt;.')
    expect(res.text).not.toContain('<script>')
    expect(res.text).toContain('<h1>Nota van inlichtingen – versie 3</h1>')
  })

  it('serialises concurrent publications: distinct versions and numbers, nothing lost', async () => {
    const busy = await makeChallenge(ctx, municipalityA, { title: 'Drukke opgave' })
    const asked: string[] = []
    for (const text of ['Eerste gelijktijdige vraag', 'Tweede gelijktijdige vraag', 'Derde gelijktijdige vraag', 'Vierde gelijktijdige vraag']) {
      tick()
      const id = (await ask(erik, enterpriseE, text, busy)).body.id as string
      await answer(anna, id, { answer: `Antwoord op: ${text}`, version: 1 })
      asked.push(id)
    }
    const publish = (questionIds: string[]) => http(ctx).post(`/api/v1/challenges/${busy}/questions/publish`).set(bearer(anna.token)).send({ questionIds })
    const results = await Promise.all([publish([asked[0]!, asked[1]!]), publish([asked[2]!]), publish([asked[3]!])])
    expect(results.map((r) => r.status)).toEqual([201, 201, 201])
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3])
    const items = (await http(ctx).get(`/api/v1/challenges/${busy}/qa`)).body.items as { number: number }[]
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4])
  })

  it('never reveals who asked to anyone outside the municipality, in any response', async () => {
    const secrets = [erik, emma].flatMap((u) => [u.user.id, u.user.email, u.user.email.split('@')[0]!]).concat([enterpriseE, 'Erik Zorgdiensten', 'Erik Achternaam', 'Emma Achternaam'])
    const get = (path: string, user?: TestUser) => (user ? http(ctx).get(path).set(bearer(user.token)) : http(ctx).get(path))
    const paths = [
      `/api/v1/challenges/${challenge}/qa`,
      `/api/v1/challenges/${challenge}/nota`,
      `/api/v1/challenges/${challenge}/nota/1`,
      `/api/v1/challenges/${challenge}/nota/3`,
      `/api/v1/challenges/${challenge}/nota/3/csv`,
      `/api/v1/challenges/${challenge}/nota/3/html`,
    ]
    const calls: [string, TestUser | undefined][] = []
    for (const path of paths) for (const user of [undefined, fay, amy, bert]) calls.push([path, user])
    for (const user of [fay, bert, follower]) {
      calls.push([`/api/v1/challenges/${challenge}/questions/mine`, user], ['/api/v1/me/questions', user], [`/api/v1/challenges/${challenge}/questions`, user])
    }
    calls.push(['/api/v1/me/managed-enterprises', amy])
    for (const [path, user] of calls) {
      const res = await get(path, user)
      expect(res.status).toBeLessThan(500)
      for (const secret of secrets) expect(res.text, `${path} leaks ${secret}`).not.toContain(secret)
    }
    // Fay sees her own question (merged) but nothing of Erik's.
    const fays = (await get('/api/v1/me/questions', fay)).body.items
    expect(fays.map((q: { id: string }) => q.id).sort()).toEqual([ids.q2, ids.q4].sort())
  })

  it('keeps the nota when someone tries to delete an enterprise that asked questions (restrict, never cascade)', async () => {
    await expect(ctx.database.db.delete(organisations).where(eq(organisations.id, enterpriseE))).rejects.toThrow()
    expect((await http(ctx).get(`/api/v1/challenges/${challenge}/qa`)).body.items.length).toBe(4)
  })
})
