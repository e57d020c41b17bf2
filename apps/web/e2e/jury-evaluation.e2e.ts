import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jurorTotal } from '@opgave/domain'
import { answerDialogs, axeViolations, DEMO_PASSWORD, expectLeaveToAsk, h1, launchChromium, logIn, newPage, type RunningProduct, setServerClock, startProduct } from './support'

// Issue 4's "done when", as one story in Debian's Chromium: 6 proposals, 4 jurors (one declares a
// conflict), k = 3, a blind written round 1, a shortlist of 3, a pitch round 2 with the whole panel,
// the decision, publication, and an applicant reading their feedback. At each step it checks what
// each role can and cannot see.
//
// The juror's screens (invitation, inbox, conflict declaration, scorecard) are driven in the browser, and
// so are the chair's assignment, deliberation and decision (the jury feature's dashboard), the public
// results and the applicant's feedback page. Setup (challenge, enterprises, proposals, rounds and
// criteria), results, the shortlist, publication and the scorecards of the jurors not on screen go
// through the API with each person's own token. Visibility is checked on screen and in API responses.

const MANAGER = 'opgaven@voorbeeldstad.nl'
const PLATFORM_ADMIN = 'platform@opgave.localhost'
const PASSWORD = 'een lang en sterk wachtwoord'
const DAY = 24 * 60 * 60 * 1000

const TITLE = 'Groene daken op schoolgebouwen'
const ENTERPRISES = ['Daktuin Collectief', 'Sedumwerk Noord', 'Regenwater Rebels', 'Groenkap Coöperatie', 'Wolkbreuk Werkplaats', 'Mosdak Makers']
const OWNER_NAMES = ['Olga Oosterhout', 'Pim Prins', 'Quinty Quist', 'Ruben Rietveld', 'Sanne Smit', 'Thijs Terpstra']
const PROPOSAL_TITLES = ['Daken die water vasthouden', 'Sedum op elke school', 'Regenton en daktuin', 'Groene kap, koele klas', 'Wolkbreukbestendige daken', 'Mos als isolatie']
const SDG_TARGETS = [['11.6'], ['13.1'], ['11.6', '13.1'], ['13.1'], ['11.6'], ['11.6', '13.1']]

const JURORS = {
  chair: { email: 'vera.voorzitter@jury.example', name: 'Vera Voorzitter', expertise: [11] },
  anna: { email: 'anna.aalbers@jury.example', name: 'Anna Aalbers', expertise: [13] },
  bob: { email: 'bob.bakker@jury.example', name: 'Bob Bakker', expertise: [11, 13] },
  dirk: { email: 'dirk.dekker@jury.example', name: 'Dirk Dekker', expertise: [13] },
} as const
type JurorKey = keyof typeof JURORS
const JUROR_KEYS = Object.keys(JURORS) as JurorKey[]

const ANNA_COMMENT = 'Sterk plan voor wateropvang'
const CONFLICT_REASON = 'Mijn zus werkt bij deze indiener.'
const REOPEN_REASON = 'Typefout in de score voor kosten'
const MOTIVATION = 'Het winnende voorstel combineert wateropvang met lesmateriaal voor de scholen.'

// A minimal PDF: the upload checks the type by content.
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'

interface ApiAnswer {
  status: number
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any -- a test reads what it asserts
  text: string
}

interface Criterion {
  id: string
  name: string
  weight: number
  scaleMin: number
  scaleMax: number
  sdgGoals: number[]
}

describe('Issue 4: a complete jury evaluation, from invitation to the applicant reading feedback', () => {
  let product: RunningProduct
  let browser: Browser
  const pageErrors: string[] = []

  async function api(token: string | null, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${product.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    const json = (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text
    return { status: response.status, body: json, text }
  }

  /** A call that must succeed: fails the test with the problem+json otherwise. */
  async function ok(token: string | null, method: string, path: string, body?: unknown, status = 200) {
    const answer = await api(token, method, path, body)
    if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`)
    return answer.body
  }

  async function login(email: string, password = DEMO_PASSWORD): Promise<{ token: string; user: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const body = await ok(null, 'POST', '/auth/login', { email, password })
    return { token: body.accessToken, user: body.user }
  }

  async function personPage(email: string, password = DEMO_PASSWORD): Promise<Page> {
    const page = await newPage(browser)
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`))
    await logIn(page, product.baseUrl, email, password)
    return page
  }

  const main = (page: Page) => page.locator('main').innerText()
  const nl = (n: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(n)

  async function switchLanguage(page: Page, to: 'English' | 'Nederlands') {
    await page.getByRole('navigation', { name: to === 'English' ? 'Taal' : 'Language' }).getByRole('button', { name: to }).click()
    await page.getByRole('navigation', { name: to === 'English' ? 'Language' : 'Taal' }).waitFor()
  }

  /** The chair goes from their jury inbox to the dashboard of a round (the jury feature's screen). */
  async function openDashboard(roundName: string) {
    const page = chairPage
    await page.goto(`${product.baseUrl}/jury`)
    await page.getByRole('link', { name: new RegExp(`^Naar het voorzittersdashboard van deze ronde ?: ${roundName}$`) }).click()
    await expect.poll(() => new URL(page.url()).pathname).toMatch(new RegExp(`^/gemeente/uitdagingen/${challengeId}/jury/rondes/[0-9a-f-]{36}$`))
    return page
  }

  const start = new Date()
  const questionsDeadline = new Date(Math.ceil((start.getTime() + 2 * DAY) / 60_000) * 60_000)
  const submissionDeadline = new Date(questionsDeadline.getTime() + DAY)
  const decisionAt = new Date(submissionDeadline.getTime() + 14 * DAY)

  let manager: { token: string }
  let admin: { token: string }
  const owners: { token: string; enterpriseId: string }[] = []
  const proposalIds: string[] = []
  const jurors = {} as Record<JurorKey, { token: string; memberId: string }>
  let challengeId = ''
  let round1 = ''
  let round2 = ''
  const criteria1: Criterion[] = []
  const criteria2: Criterion[] = []
  let annaPage: Page
  let dirkPage: Page
  let chairPage: Page
  let conflictId = ''
  /** Quality per proposal id: the other jurors' scores follow it, so the ranking is known in advance. */
  const quality = new Map<string, number>()
  let shortlist: string[] = []
  let winner = ''

  const identityTerms = () => [...ENTERPRISES, ...OWNER_NAMES, ...ENTERPRISES.map((_, i) => `ondernemer${i}@dak.example`)]
  const jurorNames = () => JUROR_KEYS.flatMap((k) => [JURORS[k].name, JURORS[k].email])

  /** Scores for a juror on a proposal, on each criterion's scale, from the proposal's quality (0–10). */
  function scoresFor(criteria: Criterion[], proposalId: string, juror: JurorKey) {
    const q = quality.get(proposalId) ?? 5
    const jitter = { chair: 0, anna: 0.5, bob: -0.5, dirk: 0 }[juror]
    return Object.fromEntries(
      criteria.map((c) => {
        const raw = c.scaleMin + ((c.scaleMax - c.scaleMin) * Math.min(10, Math.max(0, q + jitter))) / 10
        return [c.id, { score: Math.round(raw * 2) / 2, comment: `Toelichting van een jurylid bij ${c.name}` }]
      }),
    )
  }

  /** A juror's whole round through the API: save every assigned card and submit it. */
  async function scoreRoundByApi(juror: JurorKey, roundId: string, criteria: Criterion[]) {
    const token = jurors[juror].token
    const mine = await ok(token, 'GET', `/jury-rounds/${roundId}/my-proposals`)
    for (const item of mine.items as { proposalId: string; scorecardStatus: string }[]) {
      if (item.scorecardStatus === 'submitted') continue
      const url = `/jury-rounds/${roundId}/proposals/${item.proposalId}/scorecard`
      const card = await ok(token, 'GET', url)
      const saved = await ok(token, 'PUT', url, { version: card.version, scores: scoresFor(criteria, item.proposalId, juror) })
      await ok(token, 'POST', `${url}/submit`, { version: saved.version })
    }
  }

  beforeAll(async () => {
    // Fourteen people log in or register here; the per-minute auth limit is for the open internet.
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000'
    product = await startProduct({ seedDemo: true, testClock: true })
    browser = await launchChromium()
    manager = await login(MANAGER)
    admin = await login(PLATFORM_ADMIN)
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('1. setup: a published challenge, six submitted proposals, a jury of four invited, two rounds with criteria', async () => {
    const me = await ok(manager.token, 'GET', '/me')
    const municipalityId = (me.memberships as { organisationId: string; organisationKind: string }[]).find((m) => m.organisationKind === 'municipality')!.organisationId
    const draft = await ok(
      manager.token,
      'POST',
      `/municipalities/${municipalityId}/challenges`,
      {
        title: TITLE,
        summary: 'Schooldaken vergroenen tegen hitte en wateroverlast.',
        problemStatement: 'Schoolpleinen en -daken worden te heet en water kan bij stortbuien nergens heen.',
        desiredOutcome: 'Twintig groene daken binnen twee jaar.',
        sdgGoals: [11, 13],
        sdgTargets: ['11.6', '13.1'],
        budgetLines: [{ portfolio: 'Klimaatadaptatie', amount: 80000 }],
        contactEmail: MANAGER,
        questionsDeadline: questionsDeadline.toISOString(),
        submissionDeadline: submissionDeadline.toISOString(),
        decisionAt: decisionAt.toISOString(),
      },
      201,
    )
    challengeId = draft.id
    await ok(manager.token, 'POST', `/challenges/${challengeId}/publish`, { version: draft.version })

    for (let i = 0; i < 6; i++) {
      const session = await ok(null, 'POST', '/auth/register', { email: `ondernemer${i}@dak.example`, password: PASSWORD, name: OWNER_NAMES[i] }, 201)
      const enterprise = await ok(session.accessToken, 'POST', '/organisations', { kind: 'enterprise', name: ENTERPRISES[i] }, 201)
      owners.push({ token: session.accessToken, enterpriseId: enterprise.id })
      const proposal = await ok(session.accessToken, 'POST', `/challenges/${challengeId}/proposals`, { enterpriseId: enterprise.id, title: PROPOSAL_TITLES[i] }, 201)
      // Real proposals name their makers in the text: the blind round must hide that.
      const filled = await ok(session.accessToken, 'PATCH', `/proposals/${proposal.id}`, {
        version: proposal.version,
        summary: `Wij van ${ENTERPRISES[i]} leggen groene daken aan op scholen.`,
        approach: `${OWNER_NAMES[i]} leidt het project in drie fasen.`,
        team: `Het team van ${ENTERPRISES[i]}.`,
        requestedBudget: 20000 + i * 1000,
        plannedImpact: SDG_TARGETS[i]!.map((t) => ({ sdgTarget: t, indicators: [{ name: 'Vierkante meter groen dak', baseline: 0, target: 500, unit: 'm2' }] })),
      })
      // A plan whose file name names the enterprise, as real ones do.
      const form = new FormData()
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), `plan-${ENTERPRISES[i]}.pdf`)
      const upload = await fetch(`${product.baseUrl}/api/v1/proposals/${proposal.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` }, body: form })
      expect(upload.status).toBe(201)
      const latest = await ok(session.accessToken, 'GET', `/proposals/${proposal.id}`)
      expect(latest.version).toBeGreaterThanOrEqual(filled.version)
      await ok(session.accessToken, 'POST', `/proposals/${proposal.id}/submit`, { version: latest.version })
      proposalIds.push(proposal.id)
    }

    const written = await ok(manager.token, 'POST', `/challenges/${challengeId}/rounds`, { kind: 'written', name: 'Schriftelijke ronde', blindReview: true, jurorsPerProposal: 3, maxLoad: 5 }, 201)
    round1 = written.id
    const level = (low: string, mid: string, high: string) => [
      { score: 2, description: low },
      { score: 5, description: mid },
      { score: 8, description: high },
    ]
    for (const c of [
      { name: 'Maatschappelijke impact', description: 'Hoeveel hitte en wateroverlast het voorstel wegneemt.', weight: 3, levelDescriptors: level('Nauwelijks effect', 'Merkbaar effect', 'Groot effect'), sdgGoals: [11], sdgTargets: ['11.6'] },
      { name: 'Haalbaarheid', description: 'Planning, team en risico’s.', weight: 2, levelDescriptors: level('Onrealistisch', 'Haalbaar met risico’s', 'Goed onderbouwd'), sdgGoals: [13], sdgTargets: [] },
      { name: 'Kosten', description: 'Prijs tegenover resultaat.', weight: 1, scaleMin: 1, scaleMax: 5, levelDescriptors: [], sdgGoals: [], sdgTargets: [] },
    ]) {
      criteria1.push(await ok(manager.token, 'POST', `/jury-rounds/${round1}/criteria`, c, 201))
    }
    const pitch = await ok(manager.token, 'POST', `/challenges/${challengeId}/rounds`, { kind: 'pitch', name: 'Pitchronde' }, 201)
    round2 = pitch.id
    for (const c of [
      { name: 'Pitch', weight: 1, sdgGoals: [11] },
      { name: 'Team', weight: 1, sdgGoals: [] },
    ]) {
      criteria2.push(await ok(manager.token, 'POST', `/jury-rounds/${round2}/criteria`, c, 201))
    }

    for (const key of JUROR_KEYS) {
      await ok(manager.token, 'POST', `/challenges/${challengeId}/jury-members`, { email: JURORS[key].email, isChair: key === 'chair', sdgExpertise: JURORS[key].expertise }, 201)
    }
  })

  /** The jury invitation link from the email (read in the outbox by the platform admin). */
  async function invitationLink(email: string): Promise<string> {
    const outbox = await ok(admin.token, 'GET', '/admin/outbox')
    const mail = (outbox.items as { to: string; text: string }[]).find((m) => m.to === email && m.text.includes('/jury-uitnodigingen/'))
    const match = /\/jury-uitnodigingen\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')
    expect(match).not.toBeNull()
    return `${product.baseUrl}${match![0]}`
  }

  it('2. a juror without an account opens the invitation, registers, comes back and accepts; the others accept', async () => {
    const page = await newPage(browser)
    page.on('pageerror', (error) => pageErrors.push(`anna: ${error.message}`))
    await page.goto(await invitationLink(JURORS.anna.email))
    await expect.poll(() => h1(page)).toBe('Uitnodiging voor een jury')
    await page.getByText(`U bent uitgenodigd als jurylid voor de uitdaging “${TITLE}”.`).waitFor()
    expect(await axeViolations(page, 'jury invitation (anonymous, nl)')).toEqual([])
    await switchLanguage(page, 'English')
    await expect.poll(() => h1(page)).toBe('Invitation to a jury')
    expect(await axeViolations(page, 'jury invitation (anonymous, en)')).toEqual([])
    await switchLanguage(page, 'Nederlands')

    await page.getByRole('link', { name: 'Account aanmaken' }).click()
    await expect.poll(() => h1(page)).toBe('Registreren')
    await page.getByLabel('Naam').fill(JURORS.anna.name)
    await page.getByLabel('E-mailadres').fill(JURORS.anna.email)
    await page.getByLabel('Wachtwoord').fill(PASSWORD)
    await page.getByRole('button', { name: 'Account aanmaken' }).click()

    // Back on the invitation, now logged in: accepting lands in the jury inbox, and the menu has "Jury".
    await page.getByRole('button', { name: 'Uitnodiging aannemen' }).click()
    await expect.poll(() => h1(page)).toBe('Jury')
    await page.getByText(`U zit nu in de jury van “${TITLE}”.`).waitFor()
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Jury' }).waitFor()
    annaPage = page
    jurors.anna = { token: (await login(JURORS.anna.email, PASSWORD)).token, memberId: '' }

    // A used link cannot be used again.
    const reused = await api(jurors.anna.token, 'POST', `/jury-invitations/${(await invitationLink(JURORS.anna.email)).split('/').pop()}/accept`)
    expect([404, 410]).toContain(reused.status)

    for (const key of ['chair', 'bob', 'dirk'] as const) {
      const session = await ok(null, 'POST', '/auth/register', { email: JURORS[key].email, password: PASSWORD, name: JURORS[key].name }, 201)
      const token = (await invitationLink(JURORS[key].email)).split('/').pop()!
      const member = await ok(session.accessToken, 'POST', `/jury-invitations/${token}/accept`)
      jurors[key] = { token: session.accessToken, memberId: member.id }
    }
    const members = await ok(manager.token, 'GET', `/challenges/${challengeId}/jury-members`)
    expect((members.items as { status: string }[]).map((m) => m.status)).toEqual(['active', 'active', 'active', 'active'])
    jurors.anna.memberId = (members.items as { id: string; email: string }[]).find((m) => m.email === JURORS.anna.email)!.id

    // Someone not on the jury learns nothing about it; an applicant neither.
    expect((await api(owners[0]!.token, 'GET', `/jury-rounds/${round1}`)).status).toBe(404)
    expect((await ok(owners[0]!.token, 'GET', '/jury-seats')).items).toEqual([])
  })

  it('3. after the deadline the chair assigns (k = 3, blind); a juror declares a conflict from the inbox and loses that proposal', async () => {
    await setServerClock(product, new Date(submissionDeadline.getTime() + 60 * 60 * 1000))
    chairPage = await personPage(JURORS.chair.email, PASSWORD)
    const dashboard = await openDashboard('Schriftelijke ronde')
    await dashboard.getByRole('button', { name: 'Toewijzing berekenen' }).click()
    await dashboard.getByText('De toewijzing is berekend: 18 koppelingen.').waitFor()

    dirkPage = await personPage(JURORS.dirk.email, PASSWORD)
    const page = dirkPage
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Jury' }).click()
    await expect.poll(() => h1(page)).toBe('Jury')
    const table = page.getByRole('table', { name: 'Toegewezen voorstellen in Schriftelijke ronde' })
    await table.waitFor()
    await page.getByText('Blinde beoordeling: u ziet niet wie de voorstellen heeft ingediend.').waitFor()
    const inboxText = await main(page)
    for (const secret of identityTerms()) expect(inboxText).not.toContain(secret)
    expect(await table.getByRole('columnheader', { name: 'Indiener' }).count()).toBe(0)

    const dirksItems = (await ok(jurors.dirk.token, 'GET', `/jury-rounds/${round1}/my-proposals`)).items as { proposalId: string; title: string }[]
    const target = dirksItems[0]!
    conflictId = target.proposalId
    const conflictButton = (title: string) => table.getByRole('row').filter({ hasText: title }).getByRole('button', { name: new RegExp(`^Belangenconflict melden ?: ${title}$`) })
    const openFor = (title: string) => conflictButton(title).click()
    await openFor(target.title)
    await page.getByRole('heading', { name: `Belangenconflict melden: ${target.title}` }).waitFor()
    expect(await axeViolations(page, 'juror inbox with the conflict form (nl)')).toEqual([])
    // The reason is required.
    await page.getByRole('button', { name: 'Belangenconflict melden', exact: true }).click()
    await page.getByText('Geef een reden van minstens 3 tekens.').waitFor()
    // A reason typed but not sent: leaving asks first and staying keeps it.
    const dialogs = answerDialogs(page)
    await expectLeaveToAsk(dialogs, page.getByLabel('Reden'), CONFLICT_REASON, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitdagingen', exact: true }))
    // Opening the form for another proposal asks too; staying keeps the reason with its own proposal, and
    // agreeing opens an empty form (a reason is never sent for another proposal than it was typed for).
    const other = dirksItems[1]!
    await expectLeaveToAsk(dialogs, page.getByLabel('Reden'), CONFLICT_REASON, conflictButton(other.title))
    await page.getByRole('heading', { name: `Belangenconflict melden: ${target.title}` }).waitFor()
    dialogs.accepting = true
    await openFor(other.title)
    await page.getByRole('heading', { name: `Belangenconflict melden: ${other.title}` }).waitFor()
    expect(await page.getByLabel('Reden').inputValue()).toBe('')
    const asked = dialogs.messages.length
    await openFor(target.title)
    await page.getByRole('heading', { name: `Belangenconflict melden: ${target.title}` }).waitFor()
    expect(dialogs.messages.length).toBe(asked)
    dialogs.accepting = false
    await page.getByLabel('Reden').fill(CONFLICT_REASON)
    await page.getByRole('button', { name: 'Belangenconflict melden', exact: true }).click()
    await page.getByText(`Uw belangenconflict is gemeld. U beoordeelt “${target.title}” niet.`).waitFor()
    await expect.poll(async () => (await table.innerText()).includes(target.title)).toBe(false)
    expect(await page.getByText(CONFLICT_REASON).count()).toBe(1)

    // The conflicted juror gets 404 on that proposal everywhere.
    expect((await api(jurors.dirk.token, 'GET', `/jury-rounds/${round1}/proposals/${conflictId}`)).status).toBe(404)
    expect((await api(jurors.dirk.token, 'GET', `/jury-rounds/${round1}/proposals/${conflictId}/scorecard`)).status).toBe(404)
    await page.goto(`${product.baseUrl}/jury/rondes/${round1}/voorstellen/${conflictId}`)
    await page.getByText('Deze gegevens bestaan niet (meer).').waitFor()

    // No score yet, so the chair assigns again: the conflicted proposal goes to the other three.
    const chair = await openDashboard('Schriftelijke ronde')
    await chair.getByRole('button', { name: 'Toewijzing berekenen' }).click()
    await chair.getByText('De toewijzing is berekend: 18 koppelingen.').waitFor()
    const again = await ok(jurors.chair.token, 'GET', `/jury-rounds/${round1}/assignments`)
    expect(again.assignments).toHaveLength(18)
    const onConflict = (again.assignments as { proposalId: string; memberId: string }[]).filter((a) => a.proposalId === conflictId).map((a) => a.memberId)
    expect(onConflict.sort()).toEqual([jurors.chair.memberId, jurors.anna.memberId, jurors.bob.memberId].sort())
    for (const p of proposalIds) expect((again.assignments as { proposalId: string }[]).filter((a) => a.proposalId === p)).toHaveLength(3)

    // The conflicted proposal is the strongest, so it reaches round 2 and the test can follow it there.
    quality.set(conflictId, 9)
    ;[8, 7, 5, 4, 3].forEach((q, i) => quality.set(proposalIds.filter((p) => p !== conflictId)[i]!, q))
  })

  it('4. the juror scores on the screen: blind, level descriptors, keyboard, live weighted total, autosave, documents', async () => {
    const page = annaPage
    await page.goto(`${product.baseUrl}/jury`)
    const table = page.getByRole('table', { name: 'Toegewezen voorstellen in Schriftelijke ronde' })
    await table.waitFor()
    const annaItems = (await ok(jurors.anna.token, 'GET', `/jury-rounds/${round1}/my-proposals`)).items as { proposalId: string; title: string; scorecardStatus: string }[]
    expect(annaItems.length).toBeGreaterThanOrEqual(3)
    expect(annaItems.every((i) => i.scorecardStatus === 'not_started')).toBe(true)
    await page.getByText(`0 van ${annaItems.length} ingediend, 0 in concept, ${annaItems.length} niet begonnen.`).waitFor()
    expect(await axeViolations(page, 'juror inbox (nl)')).toEqual([])
    await switchLanguage(page, 'English')
    await page.getByRole('table', { name: 'Assigned proposals in Schriftelijke ronde' }).waitFor()
    expect(await axeViolations(page, 'juror inbox (en)')).toEqual([])
    await switchLanguage(page, 'Nederlands')

    await page.getByText(`Besluit verwacht: `, { exact: false }).waitFor()
    const first = annaItems[0]!
    await table.getByRole('link', { name: first.title }).click()
    await expect.poll(() => h1(page)).toBe(first.title)
    await page.getByText('Blinde beoordeling: de indiener is verborgen.').waitFor()
    const screen = await main(page)
    for (const secret of identityTerms()) expect(screen).not.toContain(secret)
    expect(screen).toContain('[verborgen]') // the name in the summary is blacked out, the rest of the text is there
    expect(screen).toContain('weegt 50%') // impact: 3 of 6
    expect(screen).toContain('Groot effect') // level descriptors at hand
    expect(await axeViolations(page, 'scoring screen, blind (nl)')).toEqual([])

    // Documents come through the jury's own route, under a neutral name in a blind round.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'plan-[verborgen].pdf downloaden' }).click()])
    expect(download.suggestedFilename()).toBe('document-1.pdf')

    // On a tablet held upright the proposal and the scorecard stack: nothing sticks out sideways.
    await page.setViewportSize({ width: 768, height: 1024 })
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    expect(await axeViolations(page, 'scoring screen, blind, tablet width (nl)')).toEqual([])
    await page.setViewportSize({ width: 1280, height: 900 })

    // Keyboard only: Home puts the score at the bottom of the scale, the arrow keys step by one.
    const impact = page.getByRole('spinbutton', { name: 'Score voor Maatschappelijke impact' })
    await impact.focus()
    await page.keyboard.press('Home')
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp')
    await expect.poll(() => impact.inputValue()).toBe('8')
    await page.getByText('Uw score valt bij niveau 8: Groot effect').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.type(ANNA_COMMENT)
    await page.getByText(/volgt zodra alle criteria een score hebben \(1 van 3 gescoord\)/).waitFor()
    // Off the scale: said beside the field, and no total.
    await page.getByRole('spinbutton', { name: 'Score voor Kosten' }).fill('7')
    await page.getByText('De score moet tussen 1 en 5 liggen.').waitFor()
    await page.getByRole('spinbutton', { name: 'Score voor Kosten' }).fill('3,5')
    await page.getByRole('spinbutton', { name: 'Score voor Haalbaarheid' }).fill('6')
    const expected = jurorTotal({ criteria: criteria1, scores: { [criteria1[0]!.id]: 8, [criteria1[1]!.id]: 6, [criteria1[2]!.id]: 3.5 } })
    await page.locator('#weighted-total').getByText(`${nl(expected)} van 100`).waitFor()
    await page.getByText(/^Bewaard om/).waitFor()
    const stored = await ok(jurors.anna.token, 'GET', `/jury-rounds/${round1}/proposals/${first.proposalId}/scorecard`)
    expect(stored.scores[criteria1[0]!.id]).toEqual({ score: 8, comment: ANNA_COMMENT })
    expect(stored.weightedTotal).toBeCloseTo(expected, 10)

    // Other jurors' scores stay hidden, on screen and in the API.
    expect((await api(jurors.anna.token, 'GET', `/jury-rounds/${round1}/proposals/${first.proposalId}/scorecards`)).status).toBe(403)
    await switchLanguage(page, 'English')
    await page.getByRole('heading', { name: 'Scorecard', exact: true }).waitFor()
    expect(await axeViolations(page, 'scoring screen, blind (en)')).toEqual([])
    await switchLanguage(page, 'Nederlands')
  })

  it('5. a save from another device gives a version conflict; the juror sees both and keeps their own input', async () => {
    const page = annaPage
    const path = new URL(page.url()).pathname
    const proposalId = path.split('/').pop()!
    const url = `/jury-rounds/${round1}/proposals/${proposalId}/scorecard`
    const card = await ok(jurors.anna.token, 'GET', url)
    await ok(jurors.anna.token, 'PUT', url, { version: card.version, scores: { ...card.scores, [criteria1[1]!.id]: { score: 2, comment: 'Op de tablet getypt' } } })

    await page.getByRole('spinbutton', { name: 'Score voor Haalbaarheid' }).fill('7')
    await page.getByRole('heading', { name: 'Uw scorekaart is intussen elders gewijzigd' }).waitFor()
    const diff = await page.getByRole('table', { name: 'Verschillen tussen uw invoer en de bewaarde versie' }).innerText()
    expect(diff).toContain('Haalbaarheid')
    expect(diff).toContain('Op de tablet getypt')
    // Nothing was overwritten yet, and the typed value is still in the field.
    expect((await ok(jurors.anna.token, 'GET', url)).scores[criteria1[1]!.id].score).toBe(2)
    expect(await page.getByRole('spinbutton', { name: 'Score voor Haalbaarheid' }).inputValue()).toBe('7')
    expect(await axeViolations(page, 'scoring screen with a version conflict (nl)')).toEqual([])

    await page.getByRole('button', { name: 'Mijn invoer bewaren' }).click()
    await page.getByText('Uw invoer is bewaard.').waitFor()
    await expect.poll(async () => (await ok(jurors.anna.token, 'GET', url)).scores[criteria1[1]!.id].score).toBe(7)
  })

  it('6. the juror submits with confirmation (then locked), moves on with "next", and finishes the round', async () => {
    const page = annaPage
    const annaItems = (await ok(jurors.anna.token, 'GET', `/jury-rounds/${round1}/my-proposals`)).items as { proposalId: string; title: string }[]
    let current = new URL(page.url()).pathname.split('/').pop()!
    for (let n = 0; n < annaItems.length; n++) {
      if (n > 0) {
        const scores = scoresFor(criteria1, current, 'anna')
        for (const c of criteria1) {
          await page.getByRole('spinbutton', { name: `Score voor ${c.name}` }).fill(String(scores[c.id]!.score).replace('.', ','))
          await page.getByLabel(`Toelichting bij ${c.name}`).fill(n === 1 ? ANNA_COMMENT : scores[c.id]!.comment)
        }
      }
      await page.getByRole('button', { name: 'Scorekaart indienen' }).click()
      await page.getByRole('heading', { name: 'Scorekaart indienen?' }).waitFor()
      await page.getByRole('button', { name: 'Ja, indienen' }).click()
      await page.getByText('Uw scorekaart is ingediend.').waitFor()
      await page.getByRole('table', { name: 'Uw ingediende scores' }).waitFor()
      expect(await page.getByRole('spinbutton').count()).toBe(0)
      // Submitted, but deliberation is not open: still no other scores.
      await page.getByText('De scores van de andere juryleden ziet u zodra de voorzitter de beraadslaging opent.').waitFor()
      if (n === 0) expect(await axeViolations(page, 'scoring screen, submitted (nl)')).toEqual([])
      // Locked: the API refuses writes too.
      const url = `/jury-rounds/${round1}/proposals/${current}/scorecard`
      const locked = await api(jurors.anna.token, 'PUT', url, { version: (await ok(jurors.anna.token, 'GET', url)).version, scores: {} })
      expect(locked.status).toBe(409)

      const position = annaItems.findIndex((i) => i.proposalId === current)
      const next = annaItems[position + 1] ?? annaItems[0]!
      if (n === annaItems.length - 1) break
      if (annaItems[position + 1]) await page.getByRole('link', { name: new RegExp(`^Volgend voorstel ?: ${next.title}`) }).click()
      else await page.goto(`${product.baseUrl}/jury/rondes/${round1}/voorstellen/${next.proposalId}`)
      await expect.poll(() => h1(page)).toBe(next.title)
      current = next.proposalId
    }
    await page.goto(`${product.baseUrl}/jury`)
    await page.getByText(`${annaItems.length} van ${annaItems.length} ingediend, 0 in concept, 0 niet begonnen.`).waitFor()
  })

  it('7. the other jurors score; the chair reopens one card and the juror sees why, fixes and resubmits', async () => {
    for (const key of ['chair', 'bob', 'dirk'] as const) await scoreRoundByApi(key, round1, criteria1)
    // Before deliberation nobody sees another's scores, even after submitting their own.
    const bobItem = (await ok(jurors.bob.token, 'GET', `/jury-rounds/${round1}/my-proposals`)).items[0]
    expect((await api(jurors.bob.token, 'GET', `/jury-rounds/${round1}/proposals/${bobItem.proposalId}/scorecards`)).status).toBe(403)

    const progress = await ok(jurors.chair.token, 'GET', `/jury-rounds/${round1}/progress`)
    expect((progress.items as { status: string }[]).every((i) => i.status === 'submitted')).toBe(true)
    const annasCard = (progress.items as { memberId: string; scorecardId: string; proposalId: string }[]).find((i) => i.memberId === jurors.anna.memberId)!
    await ok(jurors.chair.token, 'POST', `/jury-rounds/${round1}/scorecards/${annasCard.scorecardId}/reopen`, { reason: REOPEN_REASON })

    const page = annaPage
    await page.goto(`${product.baseUrl}/jury/rondes/${round1}/voorstellen/${annasCard.proposalId}`)
    await page.getByText(/^De voorzitter heeft uw scorekaart heropend op/).waitFor()
    const kosten = page.getByRole('spinbutton', { name: 'Score voor Kosten' })
    await kosten.focus()
    await page.keyboard.press('End')
    await expect.poll(() => kosten.inputValue()).toBe('5')
    await page.getByText(/^Bewaard om/).waitFor()
    await page.getByRole('button', { name: 'Scorekaart indienen' }).click()
    await page.getByRole('button', { name: 'Ja, indienen' }).click()
    await page.getByText('Uw scorekaart is ingediend.').waitFor()
  })

  it('8. deliberation opens: jurors who submitted see the others as "Jurylid n", never by name; results and a shortlist of 3', async () => {
    const chair = await openDashboard('Schriftelijke ronde')
    await chair.getByRole('button', { name: 'Beraadslaging openen' }).click()
    await chair.getByText('De beraadslaging is geopend.').first().waitFor()
    expect((await ok(jurors.chair.token, 'GET', `/jury-rounds/${round1}`)).status).toBe('deliberation')
    const page = annaPage
    await page.reload()
    const others = page.getByRole('table', { name: 'Ingediende scorekaarten voor dit voorstel' })
    await others.waitFor()
    const text = await others.innerText()
    expect(text).toContain('Jurylid')
    for (const secret of [...jurorNames(), ...identityTerms()]) expect(text).not.toContain(secret)
    expect((await others.getByRole('row').count()) - 1).toBe(3)
    expect(await axeViolations(page, 'scoring screen with the other jurors’ scores (nl)')).toEqual([])
    const seen = await ok(jurors.anna.token, 'GET', `/jury-rounds/${round1}/proposals/${new URL(page.url()).pathname.split('/').pop()}/scorecards`)
    for (const secret of jurorNames()) expect(JSON.stringify(seen)).not.toContain(secret)

    await ok(jurors.chair.token, 'POST', `/jury-rounds/${round1}/results`, undefined, 201)
    const short = await ok(jurors.chair.token, 'POST', `/jury-rounds/${round1}/shortlist`, { nextRoundId: round2, topN: 3 })
    shortlist = short.proposalIds
    const expectedTop = [...quality.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => id)
    expect([...shortlist].sort()).toEqual([...expectedTop].sort())
    expect(shortlist).toContain(conflictId)
  })

  it('9. the pitch round goes to the whole panel, names visible; the conflicted juror still never sees that proposal', async () => {
    const assigned = await ok(jurors.chair.token, 'POST', `/jury-rounds/${round2}/assignment`)
    expect(assigned.assignments).toHaveLength(3 * 4 - 1)

    const page = annaPage
    await page.goto(`${product.baseUrl}/jury`)
    const pitchTable = page.getByRole('table', { name: 'Toegewezen voorstellen in Pitchronde' })
    await pitchTable.waitFor()
    const pitchText = await pitchTable.innerText()
    for (const id of shortlist) expect(pitchText).toContain(ENTERPRISES[proposalIds.indexOf(id)]!)
    for (const id of proposalIds.filter((p) => !shortlist.includes(p))) expect(pitchText).not.toContain(PROPOSAL_TITLES[proposalIds.indexOf(id)]!)
    // Round 1 stays blind, also now that round 2 shows names.
    const round1Text = await page.getByRole('table', { name: 'Toegewezen voorstellen in Schriftelijke ronde' }).innerText()
    for (const secret of identityTerms()) expect(round1Text).not.toContain(secret)

    const dirk = dirkPage
    await dirk.goto(`${product.baseUrl}/jury`)
    const dirkPitch = dirk.getByRole('table', { name: 'Toegewezen voorstellen in Pitchronde' })
    await dirkPitch.waitFor()
    expect(await dirkPitch.getByRole('row').count()).toBe(1 + 2)
    expect(await dirkPitch.innerText()).not.toContain(PROPOSAL_TITLES[proposalIds.indexOf(conflictId)]!)
    expect((await api(jurors.dirk.token, 'GET', `/jury-rounds/${round2}/proposals/${conflictId}`)).status).toBe(404)

    // A pitch proposal on screen, in English, with the applicant named.
    const item = shortlist[0]!
    await page.goto(`${product.baseUrl}/jury/rondes/${round2}/voorstellen/${item}`)
    await page.getByText(`Ingediend door ${ENTERPRISES[proposalIds.indexOf(item)]}`).waitFor()
    await switchLanguage(page, 'English')
    await page.getByText(`Submitted by ${ENTERPRISES[proposalIds.indexOf(item)]}`).waitFor()
    expect(await axeViolations(page, 'scoring screen, pitch round (en)')).toEqual([])
    await switchLanguage(page, 'Nederlands')

    for (const key of JUROR_KEYS) await scoreRoundByApi(key, round2, criteria2)
    await ok(jurors.chair.token, 'POST', `/jury-rounds/${round2}/deliberation`)
    const results = await ok(jurors.chair.token, 'POST', `/jury-rounds/${round2}/results`, undefined, 201)
    expect(results.stale).toBe(false)
    winner = conflictId
  })

  it('10. the chair records the decision, the municipality publishes, the public sees the winner and an applicant reads their feedback', async () => {
    // Before publication nothing is public and applicants get no feedback.
    const winnerOwner = owners[proposalIds.indexOf(winner)]!
    expect((await api(winnerOwner.token, 'GET', `/proposals/${winner}/feedback`)).status).toBe(404)

    const chair = await openDashboard('Pitchronde')
    await chair.getByRole('checkbox', { name: PROPOSAL_TITLES[proposalIds.indexOf(winner)]!, exact: true }).check()
    await chair.getByLabel('Motivering').fill(MOTIVATION)
    await chair.getByRole('button', { name: 'Besluit vastleggen' }).click()
    await chair.getByText('Het besluit is vastgelegd.', { exact: false }).first().waitFor()
    expect(await ok(jurors.chair.token, 'GET', `/challenges/${challengeId}/jury-decision`)).toMatchObject({ winnerProposalIds: [winner], motivation: MOTIVATION })
    // The municipality takes the remaining lifecycle steps to publication (some may already be taken by the jury's own steps).
    const steps: Record<string, string> = { closed: 'start-evaluation', in_evaluation: 'decide', decided: 'publish-results' }
    for (let i = 0; i < 4; i++) {
      const challenge = await ok(manager.token, 'GET', `/challenges/${challengeId}`)
      if (challenge.status === 'results_published') break
      expect(Object.keys(steps)).toContain(challenge.status)
      await ok(manager.token, 'POST', `/challenges/${challengeId}/${steps[challenge.status]}`, { version: challenge.version })
    }
    expect((await ok(null, 'GET', `/challenges/${challengeId}`)).status).toBe('results_published')
    const decision = await ok(null, 'GET', `/challenges/${challengeId}/jury-decision`)
    expect(decision).toMatchObject({ winnerProposalIds: [winner], motivation: MOTIVATION })

    // The winning applicant reads their own scores and the jury's comments, without juror names.
    const feedback = await ok(winnerOwner.token, 'GET', `/proposals/${winner}/feedback`)
    expect(feedback.winner).toBe(true)
    expect(feedback.rounds).toHaveLength(2)
    const text = JSON.stringify(feedback)
    expect(text).toContain(ANNA_COMMENT)
    for (const secret of jurorNames()) expect(text).not.toContain(secret)
    // Anyone reads the published result.
    const visitor = await newPage(browser)
    await visitor.goto(`${product.baseUrl}/uitdagingen/${challengeId}/uitslag`)
    await expect.poll(() => h1(visitor)).toBe(TITLE)
    await visitor.getByText(MOTIVATION).waitFor()
    expect(await main(visitor)).toContain(PROPOSAL_TITLES[proposalIds.indexOf(winner)]!)
    await visitor.context().close()

    const page = await personPage(`ondernemer${proposalIds.indexOf(winner)}@dak.example`, PASSWORD)
    await page.goto(`${product.baseUrl}/voorstellen/${winner}/feedback`)
    await page.getByText(ANNA_COMMENT).first().waitFor()
    const screen = await main(page)
    for (const secret of jurorNames()) expect(screen).not.toContain(secret)

    // Another applicant cannot read it; a losing applicant reads only their own.
    const other = owners.find((_, i) => proposalIds[i] !== winner)!
    expect((await api(other.token, 'GET', `/proposals/${winner}/feedback`)).status).toBe(404)
    const own = await ok(other.token, 'GET', `/proposals/${proposalIds[owners.indexOf(other)]}/feedback`)
    expect(own.winner).toBe(false)
  })

  it('11. no page error happened along the way', () => {
    expect(pageErrors).toEqual([])
  })
})
