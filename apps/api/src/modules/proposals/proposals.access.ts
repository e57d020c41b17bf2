import { and, eq, inArray } from 'drizzle-orm'
import { isSubmissionWindowOpen, proposalAction, type ProposalAction } from '@opgave/domain'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { challenges, type ChallengeRow } from '../challenges/challenges.table'
import { isStaffOfChallenge, municipalityRole } from '../challenges/challenges.service'
import { accountManagerAssignments } from '../enterprises/enterprises.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { proposalErrors } from './proposals.errors'
import { proposalPartners, proposals, type ProposalRow } from './proposals.table'

/** Why a caller may see a proposal; null: it does not exist for them (404). */
export type ProposalAccess = 'lead' | 'partner' | 'invited' | 'staff'

/** The enterprises the actor belongs to (enterprise memberships are always owner or member). */
export async function myEnterpriseIds(db: DbOrTx, actor: Actor): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, actor.userId), eq(organisations.kind, 'enterprise')))
  return rows.map((r) => r.id)
}

export const deadlinePassed = (challenge: Pick<ChallengeRow, 'submissionDeadline'>, now: Date) =>
  challenge.submissionDeadline !== null && now.getTime() >= challenge.submissionDeadline.getTime()

/**
 * Account managers are staff, but see only the proposals of the enterprises they are the named contact
 * for (PRODUCT.md: "sees their proposals and questions"). Returns those enterprise ids, or null when
 * the caller's role sees every proposal of the municipality (admin, challenge manager, platform admin).
 */
export async function managedEnterpriseIds(db: DbOrTx, actor: Actor, municipalityId: string): Promise<Set<string> | null> {
  if (actor.isPlatformAdmin || (await municipalityRole(db, actor, municipalityId)) !== 'account_manager') return null
  const rows = await db
    .select({ enterpriseId: accountManagerAssignments.enterpriseId })
    .from(accountManagerAssignments)
    .where(and(eq(accountManagerAssignments.municipalityId, municipalityId), eq(accountManagerAssignments.userId, actor.userId)))
  return new Set(rows.map((r) => r.enterpriseId))
}

/** Whether an account manager's set (or null: sees all) covers the lead or a partner of a proposal. */
export const managesAnyOf = (managed: Set<string> | null, enterpriseIds: readonly string[]) => managed === null || enterpriseIds.some((id) => managed.has(id))

/**
 * Default deny. Members of the lead and of accepted or invited partners see the proposal; staff of
 * the challenge's municipality see it only once the deadline has passed and only while submitted.
 * Everyone else gets null, which callers turn into 404 so drafts cannot even be probed.
 */
export async function resolveProposalAccess(db: DbOrTx, actor: Actor, proposal: ProposalRow, challenge: ChallengeRow, now: Date): Promise<{ access: ProposalAccess; myEnterpriseId: string | null } | null> {
  const mine = await myEnterpriseIds(db, actor)
  if (mine.includes(proposal.leadEnterpriseId)) return { access: 'lead', myEnterpriseId: proposal.leadEnterpriseId }
  if (mine.length > 0) {
    const partners = await db
      .select({ enterpriseId: proposalPartners.enterpriseId, status: proposalPartners.status })
      .from(proposalPartners)
      .where(and(eq(proposalPartners.proposalId, proposal.id), inArray(proposalPartners.enterpriseId, mine)))
    const accepted = partners.find((p) => p.status === 'accepted')
    if (accepted) return { access: 'partner', myEnterpriseId: accepted.enterpriseId }
    const invited = partners.find((p) => p.status === 'invited')
    if (invited) return { access: 'invited', myEnterpriseId: invited.enterpriseId }
  }
  if (proposal.status === 'submitted' && deadlinePassed(challenge, now) && (await isStaffOfChallenge(db, actor, challenge))) {
    const managed = await managedEnterpriseIds(db, actor, challenge.municipalityId)
    if (managed !== null) {
      const partners = await db.select({ enterpriseId: proposalPartners.enterpriseId }).from(proposalPartners).where(and(eq(proposalPartners.proposalId, proposal.id), eq(proposalPartners.status, 'accepted')))
      if (!managesAnyOf(managed, [proposal.leadEnterpriseId, ...partners.map((p) => p.enterpriseId)])) return null
    }
    return { access: 'staff', myEnterpriseId: null }
  }
  return null
}

export const mayEdit = (access: ProposalAccess) => access === 'lead' || access === 'partner'
export const mayLead = (access: ProposalAccess) => access === 'lead'

/**
 * The one gate in front of every proposal write, inside the caller's transaction:
 * lock the challenge (shared, so a close cannot interleave) and the proposal (exclusive), check
 * visibility (404), then the server clock (409 deadline_passed, for every role), then the role (403).
 */
export async function lockProposalForWrite(tx: DbOrTx, actor: Actor, proposalId: string, now: Date) {
  const [found] = await tx.select({ challengeId: proposals.challengeId }).from(proposals).where(eq(proposals.id, proposalId)).limit(1)
  if (!found) throw proposalErrors.notFound()
  // Lock order challenge → proposal everywhere, so two writers can never deadlock.
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, found.challengeId)).for('share')
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update')
  if (!challenge || !proposal) throw proposalErrors.notFound()
  const resolved = await resolveProposalAccess(tx, actor, proposal, challenge, now)
  if (!resolved) throw proposalErrors.notFound()
  assertWindowOpen(challenge, now)
  return { proposal, challenge, ...resolved }
}

/** After the deadline nothing changes; before publication (or after an early close) nothing starts. */
export function assertWindowOpen(challenge: ChallengeRow, now: Date) {
  if (challenge.submissionDeadline && isSubmissionWindowOpen({ status: challenge.status, submissionDeadline: challenge.submissionDeadline }, now)) return
  if (deadlinePassed(challenge, now)) throw proposalErrors.deadlinePassed(`The submission deadline (${challenge.submissionDeadline!.toISOString()}) has passed; proposals can no longer be changed, submitted or withdrawn.`)
  throw proposalErrors.challengeNotOpen('This challenge is not open for proposals.')
}

/** The proposal lifecycle rule (draft/withdrawn editable, submitted frozen until withdrawn). */
export function assertTransition(proposal: ProposalRow, challenge: ChallengeRow, action: ProposalAction, now: Date) {
  const result = proposalAction(proposal.status, action, { challenge: { status: challenge.status, submissionDeadline: challenge.submissionDeadline ?? now }, now })
  if (result.ok) return result.status
  if (result.code === 'proposals.deadline_passed') throw proposalErrors.deadlinePassed()
  if (result.code === 'proposals.challenge_not_open') throw proposalErrors.challengeNotOpen()
  const hint = proposal.status === 'submitted' && action === 'edit' ? ' Withdraw the proposal first to change it, then submit it again before the deadline.' : ''
  throw proposalErrors.invalidTransition(`Cannot ${action} a ${proposal.status} proposal.${hint}`)
}
