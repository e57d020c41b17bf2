import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { conflictMap, isConflicted, proposalsByIds, type JuryProposal } from './jury.proposals'
import { juryMembers, juryRoundProposals, type JuryMemberRow, type JuryRoundRow } from './jury.table'

/** The proposals a round evaluates, in a stable order. */
export async function proposalsOfRound(db: DbOrTx, roundId: string): Promise<JuryProposal[]> {
  const rows = await db.select({ proposalId: juryRoundProposals.proposalId }).from(juryRoundProposals).where(eq(juryRoundProposals.roundId, roundId))
  const list = await proposalsByIds(db, rows.map((r) => r.proposalId))
  return list.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
}

export async function activeMembers(db: DbOrTx, challengeId: string): Promise<JuryMemberRow[]> {
  return db
    .select()
    .from(juryMembers)
    .where(and(eq(juryMembers.challengeId, challengeId), isNotNull(juryMembers.acceptedAt), isNull(juryMembers.removedAt)))
    .orderBy(juryMembers.createdAt, juryMembers.id)
}

/**
 * A round's proposals as one viewer may see them: a jury member never sees a proposal they have a
 * conflict of interest with (not even the chair); staff who sit on no jury see all of them.
 */
export async function visibleProposalsOfRound(db: DbOrTx, round: JuryRoundRow, member: JuryMemberRow | null) {
  const all = await proposalsOfRound(db, round.id)
  const conflicts = await conflictMap(db, round.challengeId, all)
  const visible = member ? all.filter((p) => !isConflicted(conflicts, member.id, p.id)) : all
  return { all, visible, conflicts }
}

/**
 * One proposal of a round as a jury member may see it, or undefined when it is not in the round or the
 * member is conflicted: the per-save path (autosave) reads one proposal, not the whole round (bench 2).
 */
export async function visibleProposalOfRound(db: DbOrTx, round: JuryRoundRow, member: JuryMemberRow, proposalId: string): Promise<JuryProposal | undefined> {
  const [inRound] = await db
    .select({ proposalId: juryRoundProposals.proposalId })
    .from(juryRoundProposals)
    .where(and(eq(juryRoundProposals.roundId, round.id), eq(juryRoundProposals.proposalId, proposalId)))
  if (!inRound) return undefined
  const [proposal] = await proposalsByIds(db, [proposalId])
  if (!proposal) return undefined
  const conflicts = await conflictMap(db, round.challengeId, [proposal])
  return isConflicted(conflicts, member.id, proposal.id) ? undefined : proposal
}

/** Whether titles and the like must be blinded for this viewer: jury members in a blind round. */
export const blindFor = (round: JuryRoundRow, member: JuryMemberRow | null) => round.blindReview && member !== null
