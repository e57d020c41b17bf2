import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { queryDriver, type DbOrTx } from '../../db/client'
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

/**
 * The ids and titles of a round's proposals as one viewer may see them, without hydrating them
 * (partners, every submission snapshot): what the results and the scores export of a 5,000-proposal
 * round need (benchmark 3e/5). The rules of `visibleProposalsOfRound`: staff who sit on no jury see
 * all; a jury member never sees one they are conflicted with (declared, or their user a member of the
 * lead or an accepted partner enterprise, as `conflictMap`). The title is the latest submission's, as
 * `JuryProposal.title`. Not ordered.
 */
export async function visibleProposalTitlesOfRound(db: DbOrTx, round: JuryRoundRow, member: JuryMemberRow | null): Promise<{ id: string; title: string }[]> {
  const hidden = member
    ? sql`and not exists (select 1 from jury_conflicts jc where jc.challenge_id = ${round.challengeId} and jc.member_id = ${member.id} and jc.proposal_id = p.id)
          ${
            member.userId
              ? sql`and not exists (
                  select 1 from memberships ms where ms.user_id = ${member.userId}
                    and (ms.organisation_id = p.lead_enterprise_id
                      or exists (select 1 from proposal_partners pp join organisations po on po.id = pp.enterprise_id where pp.proposal_id = p.id and pp.status = 'accepted' and pp.enterprise_id = ms.organisation_id)))`
              : sql``
          }`
    : sql``
  return queryDriver<{ id: string; title: string }>(
    db,
    sql`select p.id, coalesce((select s.snapshot ->> 'title' from proposal_submissions s where s.proposal_id = p.id order by s.submitted_at desc limit 1), p.title) as title
        from jury_round_proposals rp
        join proposals p on p.id = rp.proposal_id
        join organisations o on o.id = p.lead_enterprise_id
        where rp.round_id = ${round.id} ${hidden}`,
    { rowMode: 'object' },
  )
}
