import { asc, eq } from 'drizzle-orm'
import type { SubmissionSnapshot } from '@opgave/contracts'
import type { TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import { challenges } from '../challenges/challenges.table'
import { emailOutbox } from '../outbox/outbox.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { proposalPartners, proposals, proposalSubmissions } from '../proposals/proposals.table'

/** Test data for the jury feature, written straight to the database so these tests do not depend on other features' screens. */

export type TestUser = Awaited<ReturnType<typeof registerUser>>

export async function createMunicipality(ctx: TestContext, staff: TestUser, name = 'Gemeente Teststad') {
  const [org] = await ctx.database.db.insert(organisations).values({ kind: 'municipality', name, slug: name.toLowerCase().replaceAll(' ', '-') }).returning()
  await ctx.database.db.insert(memberships).values({ organisationId: org!.id, userId: staff.user.id, role: 'challenge_manager' })
  return org!
}

export async function createEnterprise(ctx: TestContext, owner: TestUser, name: string) {
  const res = await http(ctx).post('/api/v1/organisations').set(bearer(owner.token)).send({ kind: 'enterprise', name })
  if (res.status !== 201) throw new Error(`enterprise: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; name: string }
}

/** A published challenge whose submission deadline passed an hour ago on the test clock. */
export async function createClosedChallenge(ctx: TestContext, municipalityId: string, title = 'Groene daken') {
  const now = ctx.clock.now.getTime()
  const [row] = await ctx.database.db
    .insert(challenges)
    .values({
      municipalityId,
      slug: title.toLowerCase().replaceAll(' ', '-'),
      title,
      status: 'published',
      publishedAt: new Date(now - 30 * 86_400_000),
      submissionDeadline: new Date(now - 3_600_000),
      sdgGoals: [11, 13],
    })
    .returning()
  return row!
}

export async function setChallengeStatus(ctx: TestContext, challengeId: string, status: 'results_published' | 'in_evaluation') {
  await ctx.database.db.update(challenges).set({ status }).where(eq(challenges.id, challengeId))
}

/** A submitted proposal with its frozen snapshot; the text deliberately names the enterprise, as real ones do. */
export async function createSubmittedProposal(
  ctx: TestContext,
  opts: {
    challengeId: string
    enterprise: { id: string; name: string }
    title: string
    sdgTargets: string[]
    partner?: { id: string; name: string }
    submittedBy: string
    /** Stores the proposal's files and returns their snapshot entries (submissions are immutable once written). */
    documents?: (proposalId: string) => Promise<SubmissionSnapshot['documents']>
  },
) {
  const db = ctx.database.db
  const [p] = await db
    .insert(proposals)
    .values({ challengeId: opts.challengeId, leadEnterpriseId: opts.enterprise.id, status: 'submitted', title: opts.title, summary: `${opts.enterprise.name} pakt dit aan.`, approach: 'Aanpak', team: 'Team', requestedBudgetCents: 1_000_000, createdBy: opts.submittedBy })
    .returning()
  if (opts.partner) await db.insert(proposalPartners).values({ proposalId: p!.id, enterpriseId: opts.partner.id, status: 'accepted' })
  const submittedAt = new Date(ctx.clock.now.getTime() - 2 * 3_600_000)
  const snapshot: SubmissionSnapshot = {
    proposalId: p!.id,
    challengeId: opts.challengeId,
    submittedAt: submittedAt.toISOString(),
    leadEnterprise: { id: opts.enterprise.id, name: opts.enterprise.name },
    partners: opts.partner ? [{ id: opts.partner.id, name: opts.partner.name }] : [],
    title: opts.title,
    summary: `Wij van ${opts.enterprise.name} leggen groene daken aan.`,
    approach: 'In drie fasen.',
    team: `Het team van ${opts.enterprise.name}${opts.partner ? ` en ${opts.partner.name}` : ''}.`,
    requestedBudgetCents: 1_000_000,
    plannedImpact: opts.sdgTargets.map((t) => ({ sdgTarget: t, indicators: [{ name: 'm2 dak', baseline: 0, target: 100, unit: 'm2' }] })),
    socialReturn: null,
    documents: opts.documents ? await opts.documents(p!.id) : [{ id: '00000000-0000-4000-8000-00000000d0c0', name: `plan-${opts.enterprise.name}.pdf`, mediaType: 'application/pdf', sizeBytes: 10, sha256: 'ab' }],
  }
  await db.insert(proposalSubmissions).values({ proposalId: p!.id, submittedAt, contentHash: 'hash', snapshot, submittedBy: opts.submittedBy })
  return p!
}

export async function latestJuryToken(ctx: TestContext, to: string): Promise<string> {
  const mails = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(asc(emailOutbox.createdAt))
  const mail = mails.at(-1)
  const match = /\/jury-uitnodigingen\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')
  if (!match) throw new Error(`no jury invitation mail for ${to}`)
  return match[1]!
}

/** Invites `user` onto the challenge's jury as `staff` and accepts; returns the member id. */
export async function seatJuror(ctx: TestContext, staff: TestUser, challengeId: string, user: TestUser, opts: { isChair?: boolean; sdgExpertise?: number[] } = {}) {
  const invite = await http(ctx).post(`/api/v1/challenges/${challengeId}/jury-members`).set(bearer(staff.token)).send({ email: user.user.email, ...opts })
  if (invite.status !== 201) throw new Error(`invite: ${invite.status} ${JSON.stringify(invite.body)}`)
  const token = await latestJuryToken(ctx, user.user.email)
  const accept = await http(ctx).post(`/api/v1/jury-invitations/${token}/accept`).set(bearer(user.token))
  if (accept.status !== 200) throw new Error(`accept: ${accept.status} ${JSON.stringify(accept.body)}`)
  return accept.body.id as string
}
