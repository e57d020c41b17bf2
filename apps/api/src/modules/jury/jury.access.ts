import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { getChallengeRow, municipalityRole } from '../challenges/challenges.service'
import type { ChallengeRow } from '../challenges/challenges.table'
import { juryErrors } from './jury.errors'
import { canOnJury, mayKnowJury, type JuryAction, type JuryViewer } from './jury.policy'
import { juryMembers, juryRounds, type JuryMemberRow, type JuryRoundRow } from './jury.table'

export interface JuryAccess {
  challenge: ChallengeRow
  viewer: JuryViewer
  /** The caller's active seat on this jury, if any. */
  member: JuryMemberRow | null
}

export async function activeMemberOf(db: DbOrTx, challengeId: string, userId: string): Promise<JuryMemberRow | null> {
  const [row] = await db
    .select()
    .from(juryMembers)
    .where(and(eq(juryMembers.challengeId, challengeId), eq(juryMembers.userId, userId), isNotNull(juryMembers.acceptedAt), isNull(juryMembers.removedAt)))
    .limit(1)
  return row ?? null
}

/**
 * Loads the challenge and the caller's roles on its jury and checks the action. Callers without any
 * role learn nothing (404, as if the challenge had no jury); known callers lacking the right get 403.
 */
export async function authorizeJury(db: DbOrTx, actor: Actor, challengeId: string, action: JuryAction): Promise<JuryAccess> {
  const challenge = await getChallengeRow(db, challengeId)
  if (!challenge) throw juryErrors.notFound()
  const member = await activeMemberOf(db, challengeId, actor.userId)
  const viewer: JuryViewer = { isPlatformAdmin: actor.isPlatformAdmin, municipalityRole: await municipalityRole(db, actor, challenge.municipalityId), member }
  if (!mayKnowJury(viewer)) throw juryErrors.notFound()
  if (!canOnJury(viewer, action)) throw juryErrors.forbidden()
  return { challenge, viewer, member }
}

/** The same for a round: 404 for an unknown round and for callers without a role on its jury. */
export async function authorizeRound(db: DbOrTx, actor: Actor, roundId: string, action: JuryAction, opts: { lock?: 'update' | 'share' } = {}): Promise<JuryAccess & { round: JuryRoundRow }> {
  const query = db.select().from(juryRounds).where(eq(juryRounds.id, roundId))
  const [round] = opts.lock ? await query.for(opts.lock) : await query
  if (!round) throw juryErrors.notFound()
  return { ...(await authorizeJury(db, actor, round.challengeId, action)), round }
}
