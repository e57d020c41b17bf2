import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { getChallengeRow, isChallengePublic, isStaffOfChallenge, municipalityRole } from '../challenges/challenges.service'
import type { ChallengeRow } from '../challenges/challenges.table'
import { challengeErrors } from '../challenges/challenges.errors'
import { memberships, organisations } from '../organisations/organisations.table'
import { questionErrors } from './questions.errors'
import { questionAccess } from './questions.policy'
import { questions, type QuestionRow } from './questions.table'

/** The enterprises the caller belongs to (any role): a question is asked on behalf of one of them. */
export async function myEnterpriseIds(db: DbOrTx, actor: Actor): Promise<string[]> {
  const rows = await db
    .select({ id: organisations.id })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, actor.userId), eq(organisations.kind, 'enterprise')))
  return rows.map((r) => r.id)
}

/** A challenge anyone may see (published once), or a draft its own staff may see; else 404. */
export async function loadVisibleChallenge(db: DbOrTx, actor: Actor | null, challengeId: string): Promise<ChallengeRow> {
  const row = await getChallengeRow(db, challengeId)
  if (!row || (!isChallengePublic(row) && !(await isStaffOfChallenge(db, actor, row)))) throw challengeErrors.notFound()
  return row
}

/** The challenge, if the caller manages its questions. Outsiders get 404, the municipality's other staff 403. */
export async function authorizeQuestionManagement(db: DbOrTx, actor: Actor, challengeId: string): Promise<ChallengeRow> {
  const row = await getChallengeRow(db, challengeId)
  if (!row) throw challengeErrors.notFound()
  const access = questionAccess(actor, await municipalityRole(db, actor, row.municipalityId))
  if (access === 'unknown') throw isChallengePublic(row) ? questionErrors.notFound('Questions of this challenge are visible to its municipality only.') : challengeErrors.notFound()
  if (access === 'forbidden') throw questionErrors.forbidden('Only admins and challenge managers handle questions.')
  return row
}

/** One question, locked for the transaction, if the caller manages its challenge's questions; otherwise 404 (or 403 for other staff). */
export async function loadQuestionForManagement(tx: DbOrTx, actor: Actor, questionId: string): Promise<{ question: QuestionRow; challenge: ChallengeRow }> {
  const [question] = await tx.select().from(questions).where(eq(questions.id, questionId)).for('update')
  if (!question) throw questionErrors.notFound()
  const challenge = await getChallengeRow(tx, question.challengeId)
  const access = challenge ? questionAccess(actor, await municipalityRole(tx, actor, challenge.municipalityId)) : 'unknown'
  if (!challenge || access === 'unknown') throw questionErrors.notFound()
  if (access === 'forbidden') throw questionErrors.forbidden('Only admins and challenge managers handle questions.')
  return { question, challenge }
}

export async function lockQuestions(tx: DbOrTx, ids: string[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return []
  return tx.select().from(questions).where(inArray(questions.id, ids)).for('update')
}
