import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { TestContext } from '../test-app'
import { hashSecret } from '../../src/modules/auth/refresh-token'
import { users } from '../../src/modules/users/users.table'
import { memberships, organisations } from '../../src/modules/organisations/organisations.table'
import { invitations } from '../../src/modules/invitations/invitations.table'
import { challenges } from '../../src/modules/challenges/challenges.table'
import { proposalPartners, proposals } from '../../src/modules/proposals/proposals.table'
import { documents } from '../../src/modules/documents/documents.table'
import { questions } from '../../src/modules/questions/questions.table'
import { accountManagerAssignments, routekaartEntries } from '../../src/modules/enterprises/enterprises.table'
import { ssoConfigs } from '../../src/modules/sso/sso.table'
import { guidancePages } from '../../src/modules/guidance/guidance.table'
import { juryCriteria, juryDecisions, juryMembers, juryRounds, juryScorecards } from '../../src/modules/jury/jury.table'
import { completeChallenge } from '../../src/modules/challenges/challenges.fixtures'
import { bearer, http } from '../http'
import type { World } from './world'

/**
 * Fresh objects for operations that can succeed only once per object: every allowed identity in
 * the matrix acts on its own target, so the matrix checks authorization and never trips over state.
 */
let counter = 0
const next = () => ++counter
const DAY = 86_400_000

export async function freshChallenge(w: World, ctx: TestContext, status: 'draft' | 'published' | 'closed' | 'in_evaluation' | 'decided' | 'results_published') {
  const now = ctx.clock.now.getTime()
  const past = status !== 'draft' && status !== 'published'
  const deadline = new Date(now + (past ? -DAY : 14 * DAY))
  const [row] = await ctx.database.db
    .insert(challenges)
    .values({
      municipalityId: w.orgs.X.id,
      slug: `vers-${next()}`,
      title: `Verse opgave ${counter}`,
      summary: 'Samenvatting',
      problemStatement: 'Probleem',
      desiredOutcome: 'Uitkomst',
      sdgGoals: [11],
      sdgTargets: ['11.6'],
      eligibleEnterpriseKinds: ['social_enterprise'],
      contactName: 'Mira Manager',
      contactEmail: 'mira@xanten.nl',
      contractValueCents: 5_000_000,
      status: status === 'closed' ? 'published' : status,
      publishedAt: status === 'draft' ? null : new Date(now - 30 * DAY),
      questionsDeadline: new Date(deadline.getTime() - DAY),
      submissionDeadline: deadline,
      decisionAt: new Date(deadline.getTime() + 30 * DAY),
      createdBy: w.people.managerX.id,
    })
    .returning()
  if (status === 'decided') await ctx.database.db.insert(juryDecisions).values({ challengeId: row!.id, winnerProposalIds: [], motivation: 'Geen winnaar.', decidedBy: w.people.chair.id })
  return { challengeId: row!.id }
}

/** A complete draft, made through the API as the municipality's challenge manager: publishable as it stands. */
export async function freshPublishableDraft(w: World, ctx: TestContext) {
  const res = await http(ctx).post(`/api/v1/municipalities/${w.orgs.X.id}/challenges`).set(bearer(w.people.managerX.token)).send(completeChallenge(ctx.clock.now))
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`)
  return { challengeId: res.body.id as string }
}

export async function freshDraftProposal(w: World, ctx: TestContext, partner?: 'invited' | 'accepted') {
  const db = ctx.database.db
  const { challengeId } = await freshChallenge(w, ctx, 'published')
  const [row] = await db
    .insert(proposals)
    .values({
      challengeId,
      leadEnterpriseId: w.orgs.A.id,
      title: `Voorstel ${next()}`,
      summary: 'Samenvatting',
      approach: 'Aanpak',
      team: 'Team',
      requestedBudgetCents: 1_000_000,
      plannedImpact: [{ sdgTarget: '11.6', indicators: [{ name: 'm2 dak', baseline: 0, target: 100, unit: 'm2' }] }],
      createdBy: w.people.entA.id,
    })
    .returning()
  if (partner) await db.insert(proposalPartners).values({ proposalId: row!.id, enterpriseId: w.orgs.P.id, status: partner, invitedBy: w.people.entA.id })
  return { proposalId: row!.id, enterpriseId: w.orgs.P.id }
}

export async function freshSubmittedProposal(w: World, ctx: TestContext) {
  const { proposalId } = await freshDraftProposal(w, ctx, 'accepted')
  await ctx.database.db.update(proposals).set({ status: 'submitted' }).where(eq(proposals.id, proposalId))
  return { proposalId }
}

export async function freshColleague(w: World, ctx: TestContext) {
  const db = ctx.database.db
  const [user] = await db.insert(users).values({ email: `collega${next()}.w${w.n}@alfa-groen.nl`, name: 'Collega' }).returning({ id: users.id })
  await db.insert(memberships).values({ organisationId: w.orgs.A.id, userId: user!.id, role: 'member' })
  return { userId: user!.id }
}

/** An open invitation into A or a new organisation, addressed to `email` (default: someone not in the world). */
export async function freshOrgInvitation(w: World, ctx: TestContext, into: 'A' | 'new', email = `uitgenodigd${next()}@example.nl`) {
  const db = ctx.database.db
  let organisationId = w.orgs.A.id
  if (into === 'new') {
    const [org] = await db.insert(organisations).values({ kind: 'enterprise', name: `Nieuw bedrijf ${next()}`, slug: `nieuw-bedrijf-${counter}-w${w.n}` }).returning()
    organisationId = org!.id
  }
  const token = randomBytes(32).toString('base64url')
  const [row] = await db
    .insert(invitations)
    .values({ organisationId, email, role: 'member', tokenHash: hashSecret(token), invitedBy: w.people.entA.id, expiresAt: new Date(ctx.clock.now.getTime() + 7 * DAY) })
    .returning()
  return { invitationId: row!.id, token }
}

/** An open seat on the jury of `challengeId` (default: the open challenge, where nobody sits yet), addressed to `email` (default: someone not in the world). */
export async function freshJurySeat(w: World, ctx: TestContext, challengeId = w.open.challenge.id, email = `jurylid${next()}@example.nl`) {
  const token = randomBytes(32).toString('base64url')
  const [row] = await ctx.database.db
    .insert(juryMembers)
    .values({ challengeId, email, tokenHash: hashSecret(token), invitedBy: w.people.managerX.id, invitationExpiresAt: new Date(ctx.clock.now.getTime() + 7 * DAY) })
    .returning()
  return { memberId: row!.id, token }
}

export async function freshPitchCriterion(w: World, ctx: TestContext) {
  const [row] = await ctx.database.db.insert(juryCriteria).values({ roundId: w.jury.pitchRound.id, name: `Criterium ${next()}`, weight: 1 }).returning()
  return { roundId: w.jury.pitchRound.id, criterionId: row!.id }
}

export async function freshDocument(w: World, ctx: TestContext) {
  const [doc] = await ctx.database.db.select().from(documents).where(eq(documents.id, w.open.documentA.id))
  const [row] = await ctx.database.db.insert(documents).values({ ...doc!, id: undefined, createdAt: undefined }).returning()
  return { documentId: row!.id }
}

export async function freshQuestionPair(w: World, ctx: TestContext) {
  const db = ctx.database.db
  const values = { challengeId: w.open.challenge.id, enterpriseId: w.orgs.A.id, askedBy: w.people.entA.id, createdAt: new Date(ctx.clock.now.getTime() - DAY) }
  const [a] = await db.insert(questions).values({ ...values, text: `Vraag ${next()}` }).returning()
  const [b] = await db.insert(questions).values({ ...values, text: `Vraag ${next()}` }).returning()
  return { questionId: a!.id, intoQuestionId: b!.id }
}

export async function freshAnsweredQuestion(w: World, ctx: TestContext) {
  const [q] = await ctx.database.db
    .insert(questions)
    .values({ challengeId: w.open.challenge.id, enterpriseId: w.orgs.B.id, askedBy: w.people.entB.id, text: `Vraag ${next()}`, answer: 'Antwoord', answeredAt: new Date(ctx.clock.now.getTime() - 3_600_000), answeredBy: w.people.managerX.id, createdAt: new Date(ctx.clock.now.getTime() - DAY) })
    .returning()
  return { questionId: q!.id }
}

export async function freshRoutekaartEntry(w: World, ctx: TestContext) {
  const [row] = await ctx.database.db.insert(routekaartEntries).values({ municipalityId: w.orgs.X.id, theme: `Thema ${next()}`, contactName: 'Contact', roleOrDepartment: 'Afdeling' }).returning()
  return { entryId: row!.id }
}

export async function ensureAccountManager(w: World, ctx: TestContext) {
  await ctx.database.db.insert(accountManagerAssignments).values({ municipalityId: w.orgs.X.id, enterpriseId: w.orgs.A.id, userId: w.people.accountManagerX.id }).onConflictDoNothing()
}

/** Round 1 being scored, with no scores yet (a juror who scored cannot be swapped out). */
export async function roundScoringWithoutScores(w: World, ctx: TestContext) {
  await ctx.database.db.delete(juryScorecards).where(eq(juryScorecards.roundId, w.jury.round.id))
  await setRoundStatus(w, ctx, 'scoring')
}

export async function ensureSsoConfig(w: World, ctx: TestContext) {
  await ctx.database.db.insert(ssoConfigs).values({ organisationId: w.orgs.X.id, issuerUrl: 'https://login.xanten.example', clientId: 'opgave', enabled: true }).onConflictDoNothing()
}

/** Round 1 back to set-up with no scorecards, so the assignment may run. */
export async function roundInSetup(w: World, ctx: TestContext) {
  await ctx.database.db.delete(juryScorecards).where(eq(juryScorecards.roundId, w.jury.round.id))
  await setRoundStatus(w, ctx, 'setup')
}

export async function setRoundStatus(w: World, ctx: TestContext, status: 'setup' | 'scoring' | 'deliberation' | 'closed') {
  await ctx.database.db.update(juryRounds).set({ status, deliberationOpenedAt: status === 'deliberation' ? ctx.clock.now : null }).where(eq(juryRounds.id, w.jury.round.id))
}

/** A second owner/admin in every organisation of the identities, so each may delete their account. */
export async function secondManagers(w: World, ctx: TestContext) {
  const db = ctx.database.db
  for (const [org, role] of [[w.orgs.A, 'owner'], [w.orgs.B, 'owner'], [w.orgs.P, 'owner'], [w.orgs.X, 'admin'], [w.orgs.Y, 'admin']] as const) {
    const [user] = await db.insert(users).values({ email: `tweede${next()}.w${w.n}@example.nl`, name: 'Tweede beheerder' }).returning({ id: users.id })
    await db.insert(memberships).values({ organisationId: org.id, userId: user!.id, role })
  }
}

export async function decisionRecorded(w: World, ctx: TestContext) {
  await ctx.database.db.insert(juryDecisions).values({ challengeId: w.jury.challenge.id, winnerProposalIds: [w.jury.proposalA.id], motivation: 'Het sterkste plan.', decidedBy: w.people.chair.id })
}

/** A guidance page of X (version 1), draft or published: `{ pageId, pageSlug }`. */
export async function freshGuidancePage(w: World, ctx: TestContext, status: 'draft' | 'published') {
  const slug = `gids-${next()}`
  const [row] = await ctx.database.db
    .insert(guidancePages)
    .values({ municipalityId: w.orgs.X.id, slug, audience: 'entrepreneurs', title: `Gids ${counter}`, markdown: '## Contact\n\n- Wim Werk', status, publishedAt: status === 'published' ? ctx.clock.now : null })
    .returning()
  return { pageId: row!.id, pageSlug: slug }
}
