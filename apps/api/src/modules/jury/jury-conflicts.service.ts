import { and, eq, inArray, ne } from 'drizzle-orm'
import type { DeclareJuryConflictBody, JuryConflict } from '@opgave/contracts'
import type { Database } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { authorizeJury } from './jury.access'
import { juryErrors } from './jury.errors'
import { conflictMap, submittedProposalsOf } from './jury.proposals'
import { juryAssignments, juryConflicts, juryRounds, juryScorecards } from './jury.table'

/**
 * Conflicts of interest on a challenge. A juror sees their own; staff and the chair see all, with
 * reasons, so they can judge the assignment. Automatic ones are derived from memberships.
 */
export async function listConflicts(db: Database, actor: Actor, challengeId: string): Promise<JuryConflict[]> {
  const { member, viewer } = await authorizeJury(db, actor, challengeId, 'round.read')
  const proposals = await submittedProposalsOf(db, challengeId)
  const map = await conflictMap(db, challengeId, proposals)
  const seeAll = viewer.isPlatformAdmin || viewer.municipalityRole === 'admin' || viewer.municipalityRole === 'challenge_manager' || viewer.member?.isChair === true
  const out: JuryConflict[] = []
  for (const [memberId, inner] of map) {
    if (!seeAll && memberId !== member?.id) continue
    for (const [proposalId, c] of inner) out.push({ memberId, proposalId, source: c.source, reason: c.reason, createdAt: c.createdAt?.toISOString() ?? null })
  }
  return out.sort((a, b) => a.memberId.localeCompare(b.memberId) || a.proposalId.localeCompare(b.proposalId))
}

/**
 * A juror declares a conflict with a proposal of this challenge. From then on they never see it:
 * their assignments to it and any scorecard for it (even submitted) are removed — scores given
 * under a conflict must not count — and the chair assigns someone else.
 */
export async function declareConflict(db: Database, actor: Actor, challengeId: string, body: DeclareJuryConflictBody): Promise<JuryConflict> {
  return db.transaction(async (tx) => {
    const { member, challenge } = await authorizeJury(tx, actor, challengeId, 'juror.score')
    const proposals = await submittedProposalsOf(tx, challengeId)
    if (!member || !proposals.some((p) => p.id === body.proposalId)) throw juryErrors.notFound('No such proposal in this challenge.')
    const [row] = await tx
      .insert(juryConflicts)
      .values({ challengeId, memberId: member.id, proposalId: body.proposalId, reason: body.reason.trim() })
      .onConflictDoUpdate({ target: [juryConflicts.memberId, juryConflicts.proposalId], set: { reason: body.reason.trim() } })
      .returning()
    // Closed rounds are history: their stored results stay as computed; the conflict still hides the proposal from this juror.
    const roundIds = (await tx.select({ id: juryRounds.id }).from(juryRounds).where(and(eq(juryRounds.challengeId, challengeId), ne(juryRounds.status, 'closed')))).map((r) => r.id)
    let removedAssignments: unknown[] = []
    let removedScorecards: unknown[] = []
    if (roundIds.length > 0) {
      const where = (t: typeof juryAssignments | typeof juryScorecards) => and(inArray(t.roundId, roundIds), eq(t.memberId, member.id), eq(t.proposalId, body.proposalId))
      removedAssignments = await tx.delete(juryAssignments).where(where(juryAssignments)).returning()
      removedScorecards = await tx.delete(juryScorecards).where(where(juryScorecards)).returning()
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'jury_conflict.declared',
      entityType: 'jury_conflict',
      entityId: row!.id,
      organisationId: challenge.municipalityId,
      after: { memberId: member.id, proposalId: body.proposalId, reason: row!.reason, removedAssignments, removedScorecards },
    })
    return { memberId: member.id, proposalId: body.proposalId, source: 'declared' as const, reason: row!.reason, createdAt: row!.createdAt.toISOString() }
  })
}
