import { and, eq } from 'drizzle-orm'
import type { MembershipRole } from '@opgave/contracts'
import { effectiveChallengeStatus, type ChallengeStatus } from '@opgave/domain'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { memberships } from '../organisations/organisations.table'
import { challengeErrors } from './challenges.errors'
import { canOnChallenges, isMunicipalityStaff, type ChallengeAction } from './challenges.policy'
import { challenges, type ChallengeRow } from './challenges.table'

/**
 * The status as everyone must see it, on the server clock: a published challenge is `closed`
 * from its submission deadline on, whether or not a job has stored that yet.
 * Drafts may still lack a deadline; they are simply what they are.
 */
export function challengeStatusAt(row: Pick<ChallengeRow, 'status' | 'submissionDeadline'>, now: Date): ChallengeStatus {
  if (!row.submissionDeadline) return row.status
  return effectiveChallengeStatus({ status: row.status, submissionDeadline: row.submissionDeadline }, now)
}

/** Published once (even if archived since): the public may see it. Drafts and discarded drafts stay private. */
export const isChallengePublic = (row: Pick<ChallengeRow, 'status' | 'publishedAt'>) => row.status !== 'draft' && row.publishedAt !== null

/** One challenge, no access check: for other modules that check access themselves. */
export async function getChallengeRow(db: DbOrTx, challengeId: string): Promise<ChallengeRow | undefined> {
  const [row] = await db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1)
  return row
}

/**
 * Locks the challenge row for the rest of the transaction (SELECT … FOR UPDATE), so a status change
 * and e.g. a proposal submission cannot interleave. Throws 404 `challenges.not_found` when missing.
 */
export async function loadChallengeForUpdate(tx: DbOrTx, challengeId: string): Promise<ChallengeRow> {
  const [row] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('update')
  if (!row) throw challengeErrors.notFound()
  return row
}

export async function municipalityRole(db: DbOrTx, actor: Actor | null, municipalityId: string): Promise<MembershipRole | null> {
  if (!actor) return null
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, municipalityId), eq(memberships.userId, actor.userId)))
    .limit(1)
  return row?.role ?? null
}

/** Whether the caller is staff of the challenge's municipality (may see drafts and the workspace). */
export async function isStaffOfChallenge(db: DbOrTx, actor: Actor | null, row: Pick<ChallengeRow, 'municipalityId'>): Promise<boolean> {
  return isMunicipalityStaff(actor, await municipalityRole(db, actor, row.municipalityId))
}

/**
 * Checks an action on a challenge already loaded. A caller who may not see a draft gets 404 (drafts
 * do not exist for outsiders); outsiders acting on a public challenge, and staff lacking the right, get 403.
 */
export async function authorizeChallenge(db: DbOrTx, actor: Actor | null, row: ChallengeRow, action: ChallengeAction): Promise<MembershipRole | null> {
  const role = await municipalityRole(db, actor, row.municipalityId)
  if (!isChallengePublic(row) && !isMunicipalityStaff(actor, role)) throw challengeErrors.notFound()
  if (!canOnChallenges(actor, role, action)) throw challengeErrors.forbidden()
  return role
}
