import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import type { SubmissionSnapshot } from '@opgave/contracts'
import type { TestContext } from '../test-app'
import { bearer, http, STRONG_PASSWORD } from '../http'
import { authSessions, refreshTokens } from '../../src/modules/auth/auth.table'
import { hashPassword } from '../../src/modules/auth/auth.service'
import { hashSecret, newRefreshSecret, SESSION_TTL_MS } from '../../src/modules/auth/refresh-token'
import { users } from '../../src/modules/users/users.table'
import { memberships, organisations } from '../../src/modules/organisations/organisations.table'
import { invitations } from '../../src/modules/invitations/invitations.table'
import { challenges } from '../../src/modules/challenges/challenges.table'
import { proposalPartners, proposals, proposalSubmissions } from '../../src/modules/proposals/proposals.table'
import { documents } from '../../src/modules/documents/documents.table'
import { questions, notaVersions } from '../../src/modules/questions/questions.table'
import { accountManagerAssignments, routekaartEntries } from '../../src/modules/enterprises/enterprises.table'
import { ssoConfigs } from '../../src/modules/sso/sso.table'
import { pilotReports } from '../../src/modules/pilot-reports/pilot-reports.table'
import { juryAssignments, juryConflicts, juryCriteria, juryDecisions, juryMembers, juryRoundProposals, juryRounds, juryScorecards } from '../../src/modules/jury/jury.table'

/**
 * The world the authorization matrix runs in: one municipality X with its staff, a second
 * municipality Y, enterprises A (lead), B (competitor) and P (A's consortium partner), and a
 * challenge of X in each state the routes need:
 * - `open`: published, deadlines ahead — draft proposals of A (P accepted as partner) and B, questions;
 * - `draft`: a draft challenge;
 * - `jury`: in evaluation — submitted proposals of A (with P) and B, a blind written round in
 *   deliberation with criteria, four seated jurors (assigned to A's proposal, assigned elsewhere,
 *   conflicted with A's proposal, chair), a draft and a submitted scorecard, a computed result;
 * - `done`: results published, with a decision naming A's proposal (its pilot has one report; A consented
 *   to the showcase). X also has an enabled single sign-on configuration.
 * Rows go straight into the database (fast enough to build one world per mutating operation);
 * every access token belongs to a real session, exactly as a login would create it.
 */

export const IDENTITIES = ['anon', 'entA', 'entB', 'partner', 'juror', 'unassigned', 'conflicted', 'chair', 'managerX', 'accountManagerX', 'adminY', 'platform'] as const
export type Identity = (typeof IDENTITIES)[number]
export type Member = Exclude<Identity, 'anon'>

export const IDENTITY_LABELS: Record<Identity, string> = {
  anon: 'anonymous',
  entA: 'entrepreneur of enterprise A',
  entB: 'entrepreneur of enterprise B',
  partner: 'consortium partner (enterprise P on A’s proposal)',
  juror: 'juror assigned to A’s proposal',
  unassigned: 'juror not assigned to A’s proposal',
  conflicted: 'juror conflicted with A’s proposal',
  chair: 'jury chair',
  managerX: 'challenge manager of municipality X',
  accountManagerX: 'account manager of municipality X (for enterprise A)',
  adminY: 'admin of municipality Y',
  platform: 'platform admin',
}

export interface Person {
  id: string
  email: string
  name: string
  token: string
  /** `opgave_refresh=…` for the session the token belongs to. */
  cookie: string
}

let passwordHash: Promise<string> | undefined
let worldCounter = 0

const hours = (n: number) => n * 3_600_000
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** A pilot report on the winning proposal, through the API as a member of the winning enterprise; returns its id. */
export async function postPilotReport(ctx: TestContext, by: { token: string }, proposalId: string): Promise<string> {
  const day = (n: number) => new Date(ctx.clock.now.getTime() - n * 86_400_000).toISOString().slice(0, 10)
  const res = await http(ctx)
    .post(`/api/v1/pilots/${proposalId}/reports`)
    .set(bearer(by.token))
    .send({ periodStart: day(60), periodEnd: day(30), indicators: [], jobsRealised: 1, hoursRealised: 40, amountRealised: 1000, notes: 'Goed op weg.' })
  if (res.status !== 201) throw new Error(`pilot report: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

export async function buildWorld(ctx: TestContext, opts: { dataDir: string }) {
  const db = ctx.database.db
  const n = ++worldCounter
  const now = ctx.clock.now.getTime()
  const hash = await (passwordHash ??= hashPassword(STRONG_PASSWORD))

  const organisation = async (kind: 'municipality' | 'enterprise', name: string, extra: Partial<typeof organisations.$inferInsert> = {}) => {
    const [row] = await db.insert(organisations).values({ kind, name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-w${n}`, ...extra }).returning()
    return row!
  }
  // People: one per identity, plus a few who are only objects (a colleague in A, a municipal admin of X, an
  // outsider who logs in) — in three statements (users, sessions, refresh tokens), as a world is built per change.
  const cast = {
    entA: ['anna', 'Anna Alfakwast', 'alfa-groen.nl'],
    entB: ['bram', 'Bram Bravoruis', 'bravo-bouw.nl'],
    partner: ['pia', 'Pia Papaverveld', 'papaver-partners.nl'],
    juror: ['jan', 'Jan Jurylid', 'jury.nl'],
    unassigned: ['ula', 'Ula Ongetoegewezen', 'jury.nl'],
    conflicted: ['kees', 'Kees Conflict', 'jury.nl'],
    chair: ['vera', 'Vera Voorzitter', 'jury.nl'],
    managerX: ['mira', 'Mira Manager', 'xanten.nl'],
    accountManagerX: ['arie', 'Arie Accountmanager', 'xanten.nl'],
    adminY: ['yara', 'Yara Ypenburg', 'ypenburg.nl'],
    platform: ['paul', 'Paul Platform', 'opgave.localhost'],
    colleagueA: ['alex', 'Alex Alfacollega', 'alfa-groen.nl'],
    adminX: ['xander', 'Xander Xantenbeheer', 'xanten.nl'],
    outsider: ['otto', 'Otto Buitenstaander', 'elders.nl'],
  } as const
  type Role = keyof typeof cast
  const roles = Object.keys(cast) as Role[]
  const emailOf = (r: Role) => `${cast[r][0]}.w${n}@${cast[r][2]}`
  const userRows = await db
    .insert(users)
    .values(roles.map((r) => ({ email: emailOf(r), name: cast[r][1], passwordHash: hash, isPlatformAdmin: r === 'platform' })))
    .returning({ id: users.id, email: users.email, name: users.name })
  const sessionRows = await db
    .insert(authSessions)
    .values(userRows.map((u) => ({ userId: u.id, expiresAt: new Date(now + SESSION_TTL_MS) })))
    .returning({ id: authSessions.id, userId: authSessions.userId })
  const secrets = new Map(sessionRows.map((sn) => [sn.id, newRefreshSecret()]))
  const refreshRows = await db
    .insert(refreshTokens)
    .values(sessionRows.map((sn) => ({ sessionId: sn.id, tokenHash: secrets.get(sn.id)!.hash })))
    .returning({ id: refreshTokens.id, sessionId: refreshTokens.sessionId })
  const personOf = (r: Role): Person => {
    const u = userRows.find((row) => row.email === emailOf(r))!
    const sn = sessionRows.find((row) => row.userId === u.id)!
    const rt = refreshRows.find((row) => row.sessionId === sn.id)!
    return { id: u.id, email: u.email, name: u.name, token: ctx.app.jwt.sign({ sub: u.id, sid: sn.id }), cookie: `opgave_refresh=${rt.id}.${secrets.get(sn.id)!.secret}` }
  }
  const people = Object.fromEntries(IDENTITIES.filter((i): i is Member => i !== 'anon').map((i) => [i, personOf(i)])) as Record<Member, Person>
  const colleagueA = personOf('colleagueA')
  const adminX = personOf('adminX')
  const outsider = personOf('outsider')

  const X = await organisation('municipality', `Gemeente Xanten ${n}`)
  const Y = await organisation('municipality', `Gemeente Ypenburg ${n}`)
  const A = await organisation('enterprise', `Alfa Groenkwast ${n}`, { isSocialEnterprise: true, sdgGoals: [11], region: 'Utrecht', lookingForPartners: true })
  const B = await organisation('enterprise', `Bravo Bouwruis ${n}`, { sdgGoals: [13], region: 'Utrecht' })
  const P = await organisation('enterprise', `Papaver Partners ${n}`, { sdgGoals: [11] })
  await db.insert(memberships).values([
    { organisationId: A.id, userId: people.entA.id, role: 'owner' },
    { organisationId: A.id, userId: colleagueA.id, role: 'member' },
    { organisationId: B.id, userId: people.entB.id, role: 'owner' },
    { organisationId: P.id, userId: people.partner.id, role: 'owner' },
    { organisationId: X.id, userId: people.managerX.id, role: 'challenge_manager' },
    { organisationId: X.id, userId: people.accountManagerX.id, role: 'account_manager' },
    { organisationId: X.id, userId: adminX.id, role: 'admin' },
    { organisationId: Y.id, userId: people.adminY.id, role: 'admin' },
  ])
  await db.insert(accountManagerAssignments).values({ municipalityId: X.id, enterpriseId: A.id, userId: people.accountManagerX.id, assignedBy: adminX.id })
  await db.insert(ssoConfigs).values({ organisationId: X.id, issuerUrl: 'https://login.xanten.example', clientId: 'opgave', roleMapping: [{ claimValue: 'opgave-beheer', role: 'admin' }], allowedDomains: ['xanten.nl'], enabled: true })
  const [routekaart] = await db.insert(routekaartEntries).values({ municipalityId: X.id, theme: 'Werk', contactName: 'Wim Werk', roleOrDepartment: 'Economie', email: 'wim@xanten.nl' }).returning()
  const orgInvitationToken = randomBytes(32).toString('base64url')
  const [orgInvitation] = await db
    .insert(invitations)
    .values({ organisationId: A.id, email: `nieuw.w${n}@alfa-groen.nl`, role: 'member', tokenHash: hashSecret(orgInvitationToken), invitedBy: people.entA.id, expiresAt: new Date(now + hours(24 * 7)) })
    .returning()

  const challenge = async (title: string, values: Partial<typeof challenges.$inferInsert>) => {
    const [row] = await db
      .insert(challenges)
      .values({ municipalityId: X.id, slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, title, summary: 'Samenvatting', problemStatement: 'Probleem', desiredOutcome: 'Uitkomst', sdgGoals: [11, 13], sdgTargets: ['11.6', '13.1'], contactName: 'Mira Manager', contactEmail: 'mira@xanten.nl', createdBy: people.managerX.id, ...values } as typeof challenges.$inferInsert)
      .returning()
    return row!
  }
  const published = (deadlineInHours: number) => ({
    status: 'published' as const,
    publishedAt: new Date(now - hours(24 * 30)),
    questionsDeadline: new Date(now + hours(deadlineInHours - 24)),
    submissionDeadline: new Date(now + hours(deadlineInHours)),
    decisionAt: new Date(now + hours(deadlineInHours + 24 * 30)),
  })

  // --- open: published, taking questions and proposals ---
  const open = await challenge('Open opgave', published(24 * 14))
  const content = {
    summary: 'Groene daken voor de wijk.',
    approach: 'In drie fasen.',
    team: 'Twee hoveniers.',
    requestedBudgetCents: 4_500_000,
    plannedImpact: [{ sdgTarget: '11.6', indicators: [{ name: 'm2 dak', baseline: 0, target: 100, unit: 'm2' }] }],
    socialReturn: { hours: 200, jobs: 1, targetGroup: 'Mensen met een afstand tot de arbeidsmarkt' },
  }
  const open2 = await challenge('Tweede open opgave', published(24 * 14))
  const draftProposal = async (lead: { id: string }, by: Person, title: string, challengeId = open.id) => {
    const [row] = await db.insert(proposals).values({ challengeId, leadEnterpriseId: lead.id, title, createdBy: by.id, ...content }).returning()
    return row!
  }
  const openA = await draftProposal(A, people.entA, 'Daken van Alfa')
  await db.insert(proposalPartners).values({ proposalId: openA.id, enterpriseId: P.id, status: 'accepted', invitedBy: people.entA.id, respondedAt: new Date(now) })
  const openB = await draftProposal(B, people.entB, 'Daken van Bravo')
  /** A's second draft, with P invited (not yet answered): the partner routes act on it. */
  const openAInvite = await draftProposal(A, people.entA, 'Tweede voorstel van Alfa', open2.id)
  await db.insert(proposalPartners).values({ proposalId: openAInvite.id, enterpriseId: P.id, status: 'invited', invitedBy: people.entA.id })
  const storeDocument = async (proposalId: string, name: string, by: Person) => {
    const storageKey = randomUUID()
    await mkdir(join(opts.dataDir, 'uploads'), { recursive: true })
    await writeFile(join(opts.dataDir, 'uploads', storageKey), PDF)
    const sha256 = createHash('sha256').update(PDF).digest('hex')
    const [row] = await db.insert(documents).values({ ownerType: 'proposal', ownerId: proposalId, originalName: name, storageKey, mediaType: 'application/pdf', sizeBytes: PDF.length, sha256, uploadedBy: by.id }).returning()
    return row!
  }
  const openADocument = await storeDocument(openA.id, `plan-${A.name}.pdf`, people.entA)
  const askedAt = new Date(now - hours(48))
  const [questionA] = await db.insert(questions).values({ challengeId: open.id, enterpriseId: A.id, askedBy: people.entA.id, text: 'Mag een consortium inschrijven?', createdAt: askedAt }).returning()
  const [questionA2] = await db.insert(questions).values({ challengeId: open.id, enterpriseId: A.id, askedBy: people.entA.id, text: 'Mogen consortia meedoen?', createdAt: askedAt }).returning()
  const [questionB] = await db.insert(questions).values({ challengeId: open.id, enterpriseId: B.id, askedBy: people.entB.id, text: 'Is er een budgetplafond?', answer: 'Ja, 50.000 euro.', answeredAt: new Date(now - hours(24)), answeredBy: people.managerX.id, createdAt: askedAt }).returning()
  await db.insert(questions).values({ challengeId: open.id, enterpriseId: B.id, askedBy: people.entB.id, text: 'Wat is de looptijd?', answer: 'Een jaar.', answeredAt: new Date(now - hours(30)), answeredBy: people.managerX.id, number: 1, notaVersion: 1, publishedAt: new Date(now - hours(26)), createdAt: askedAt })
  await db.insert(notaVersions).values({ challengeId: open.id, version: 1, publishedAt: new Date(now - hours(26)), publishedBy: people.managerX.id, questionCount: 1 })

  // --- draft ---
  const draft = await challenge('Concept opgave', { status: 'draft', questionsDeadline: new Date(now + hours(24 * 13)), submissionDeadline: new Date(now + hours(24 * 14)), decisionAt: new Date(now + hours(24 * 44)) })

  // --- jury: closed for submissions, in evaluation ---
  const jury = await challenge('Opgave in beoordeling', { ...published(-24), status: 'in_evaluation' })
  const submitted = async (lead: typeof A, by: Person, title: string, target: string, partner?: typeof P) => {
    const [row] = await db.insert(proposals).values({ challengeId: jury.id, leadEnterpriseId: lead.id, status: 'submitted', title, createdBy: by.id, ...content, summary: `${lead.name} pakt dit aan.` }).returning()
    if (partner) await db.insert(proposalPartners).values({ proposalId: row!.id, enterpriseId: partner.id, status: 'accepted', invitedBy: by.id, respondedAt: new Date(now - hours(100)) })
    const document = await storeDocument(row!.id, `plan-${lead.name}.pdf`, by)
    const submittedAt = new Date(now - hours(30))
    const snapshot: SubmissionSnapshot = {
      proposalId: row!.id,
      challengeId: jury.id,
      submittedAt: submittedAt.toISOString(),
      leadEnterprise: { id: lead.id, name: lead.name },
      partners: partner ? [{ id: partner.id, name: partner.name }] : [],
      title,
      summary: `Wij van ${lead.name} leggen groene daken aan.`,
      approach: `${by.name} leidt het project.`,
      team: `Het team van ${lead.name}${partner ? ` en ${partner.name}` : ''}, met ${by.email}.`,
      requestedBudgetCents: 4_500_000,
      plannedImpact: [{ sdgTarget: target, indicators: [{ name: 'm2 dak', baseline: 0, target: 100, unit: 'm2' }] }],
      socialReturn: null,
      documents: [{ id: document.id, name: document.originalName, mediaType: 'application/pdf', sizeBytes: document.sizeBytes, sha256: document.sha256 }],
    }
    await db.insert(proposalSubmissions).values({ proposalId: row!.id, submittedAt, contentHash: 'sha256-test', snapshot, submittedBy: by.id })
    return { ...row!, document }
  }
  const juryA = await submitted(A, people.entA, 'Daken van Alfa (ingediend)', '11.6', P)
  const juryB = await submitted(B, people.entB, 'Daken van Bravo (ingediend)', '13.1')
  const seat = async (who: Person, isChair = false) => {
    const [row] = await db
      .insert(juryMembers)
      .values({ challengeId: jury.id, email: who.email, userId: who.id, isChair, invitedBy: people.managerX.id, invitationExpiresAt: new Date(now + hours(24 * 7)), acceptedAt: new Date(now - hours(200)) })
      .returning()
    return row!
  }
  const seats = { juror: await seat(people.juror), unassigned: await seat(people.unassigned), conflicted: await seat(people.conflicted), chair: await seat(people.chair, true) }
  const [round] = await db
    .insert(juryRounds)
    .values({ challengeId: jury.id, position: 1, kind: 'written', name: 'Schriftelijke ronde', blindReview: true, jurorsPerProposal: 1, maxLoad: 2, status: 'deliberation', deliberationOpenedAt: new Date(now - hours(2)) })
    .returning()
  const [pitchRound] = await db.insert(juryRounds).values({ challengeId: jury.id, position: 2, kind: 'pitch', name: 'Pitches' }).returning()
  const [criterion] = await db.insert(juryCriteria).values({ roundId: round!.id, position: 0, name: 'Impact', weight: 2, sdgGoals: [11] }).returning()
  const [criterion2] = await db.insert(juryCriteria).values({ roundId: round!.id, position: 1, name: 'Haalbaarheid', weight: 1 }).returning()
  const [pitchCriterion] = await db.insert(juryCriteria).values({ roundId: pitchRound!.id, position: 0, name: 'Pitch', weight: 1 }).returning()
  await db.insert(juryRoundProposals).values([{ roundId: round!.id, proposalId: juryA.id }, { roundId: round!.id, proposalId: juryB.id }])
  await db.insert(juryAssignments).values([
    { roundId: round!.id, proposalId: juryA.id, memberId: seats.juror.id },
    { roundId: round!.id, proposalId: juryB.id, memberId: seats.unassigned.id },
  ])
  await db.insert(juryConflicts).values({ challengeId: jury.id, memberId: seats.conflicted.id, proposalId: juryA.id, reason: 'Mijn buurman werkt daar' })
  const scores = (a: number, b: number) => ({ [criterion!.id]: { score: a, comment: 'Sterk plan' }, [criterion2!.id]: { score: b, comment: null } })
  const [draftCard] = await db.insert(juryScorecards).values({ roundId: round!.id, proposalId: juryA.id, memberId: seats.juror.id, scores: scores(7, 6), hasScores: true }).returning()
  const [submittedCard] = await db
    .insert(juryScorecards)
    .values({ roundId: round!.id, proposalId: juryB.id, memberId: seats.unassigned.id, scores: scores(5, 4), hasScores: true, status: 'submitted', submittedAt: new Date(now - hours(3)) })
    .returning()

  const results = await http(ctx).post(`/api/v1/jury-rounds/${round!.id}/results`).set(bearer(people.chair.token))
  if (results.status !== 200 && results.status !== 201) throw new Error(`results: ${results.status} ${JSON.stringify(results.body)}`)
  /** An open seat on the open challenge's jury (nobody sits there yet). */
  const juryInvitationToken = randomBytes(32).toString('base64url')
  await db.insert(juryMembers).values({ challengeId: open.id, email: `nieuw-jurylid.w${n}@example.nl`, tokenHash: hashSecret(juryInvitationToken), invitedBy: people.managerX.id, invitationExpiresAt: new Date(now + hours(24 * 7)) })

  // --- done: results published, decision recorded ---
  const done = await challenge('Afgeronde opgave', { ...published(-24 * 60), status: 'results_published' })
  const [doneA] = await db.insert(proposals).values({ challengeId: done.id, leadEnterpriseId: A.id, status: 'submitted', title: 'Winnend voorstel van Alfa', createdBy: people.entA.id, ...content }).returning()
  const [doneRound] = await db.insert(juryRounds).values({ challengeId: done.id, position: 1, kind: 'written', name: 'Ronde', status: 'closed' }).returning()
  await db.insert(juryRoundProposals).values({ roundId: doneRound!.id, proposalId: doneA!.id })
  await db.insert(juryDecisions).values({ challengeId: done.id, winnerProposalIds: [doneA!.id], motivation: 'Het beste plan.', decidedBy: people.chair.id })
  // A won: it runs a pilot, has reported once and agreed to appear in the showcase.
  const report = await postPilotReport(ctx, people.entA, doneA!.id)
  const consent = await http(ctx).put(`/api/v1/pilots/${doneA!.id}/showcase-consent`).set(bearer(people.entA.token)).send({ consented: true })
  if (consent.status !== 200) throw new Error(`consent: ${consent.status} ${JSON.stringify(consent.body)}`)

  const versionOf = async (table: Versioned, id: string): Promise<number | null> => {
    const key = table === juryDecisions ? juryDecisions.challengeId : table === ssoConfigs ? ssoConfigs.organisationId : (table as typeof challenges).id
    const [row] = await db.select({ version: (table as typeof challenges).version }).from(table as typeof challenges).where(eq(key as typeof challenges.id, id))
    return row?.version ?? null
  }

  return {
    n,
    people,
    colleagueA,
    adminX,
    outsider,
    orgs: { X, Y, A, B, P },
    routekaart: routekaart!,
    orgInvitation: { ...orgInvitation!, token: orgInvitationToken },
    juryInvitation: { token: juryInvitationToken },
    open: { challenge: open, proposalA: openA, proposalB: openB, proposalAInvite: openAInvite, documentA: openADocument, questionA: questionA!, questionA2: questionA2!, questionB: questionB! },
    draft: { challenge: draft },
    jury: { challenge: jury, proposalA: juryA, proposalB: juryB, seats, round: round!, pitchRound: pitchRound!, criterion: criterion!, criterion2: criterion2!, pitchCriterion: pitchCriterion!, draftCard: draftCard!, submittedCard: submittedCard! },
    done: { challenge: done, proposalA: doneA!, round: doneRound!, reportId: report },
    /** Strings that name an applicant of A's or B's proposals: none may reach a juror in a blind round. */
    identityTerms: [A.name, A.id, B.name, B.id, P.name, P.id, people.entA.name, people.entA.email, people.entA.id, people.entB.name, people.entB.email, people.entB.id, people.partner.name, people.partner.email, colleagueA.name, colleagueA.email],
    /** The current `version` of a row, for bodies that need one. */
    async version(table: Versioned, id: string): Promise<number> {
      const found = await versionOf(table, id)
      if (found === null) throw new Error(`no row ${id} to take a version from`)
      return found
    },
    /** The version, or null when the row does not exist (yet). */
    versionOrNull: (table: Versioned, id: string) => versionOf(table, id),
  }
}

type Versioned = typeof challenges | typeof proposals | typeof juryRounds | typeof juryCriteria | typeof juryMembers | typeof juryScorecards | typeof questions | typeof routekaartEntries | typeof juryDecisions | typeof ssoConfigs | typeof pilotReports

export type World = Awaited<ReturnType<typeof buildWorld>>
