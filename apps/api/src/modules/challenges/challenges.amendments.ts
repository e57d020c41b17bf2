import type { ChallengeAmendment } from '@opgave/contracts'
import { centsToEuros } from '@opgave/domain'
import { desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { hasChanges, type ChallengeChanges, type Scalar, type ValueField } from './challenge-changes'
import { announceChallengeChanges } from './challenges.followers'
import { challengeAmendments } from './challenges.table'

/** What the change log stores of a change: no title or links, those are the challenge's own. */
type StoredChanges = Pick<ChallengeChanges, 'values' | 'named' | 'criteria'>

/**
 * A published challenge changed: the change goes into its public change log and to its audience's waiting
 * mail, in the caller's transaction. A save that changed nothing does neither.
 */
export async function publishChallengeChange(tx: DbOrTx, challengeId: string, changes: ChallengeChanges, now: Date): Promise<void> {
  if (!hasChanges(changes)) return
  const stored: StoredChanges = { values: changes.values, named: changes.named, criteria: changes.criteria }
  await tx.insert(challengeAmendments).values({ challengeId, madeAt: now, changes: stored })
  await announceChallengeChanges(tx, challengeId, changes, now)
}

/** The contact person is named, never shown with values: a former contact's name and address stay out of public. */
const NAMED_IN_PUBLIC: ValueField[] = ['contactName', 'contactEmail']

/** The change log as the API shows it: money in euros, like the challenge itself. */
export function toAmendment(madeAt: Date, stored: StoredChanges): ChallengeAmendment {
  const changed: Record<string, { from: Scalar; to: Scalar }> = {}
  const named: ChallengeAmendment['named'] = [...stored.named]
  for (const [field, change] of Object.entries(stored.values) as [ValueField, { from: Scalar; to: Scalar }][]) {
    if (field === 'contractValueCents') changed.contractValue = { from: eurosOf(change.from), to: eurosOf(change.to) }
    else if (NAMED_IN_PUBLIC.includes(field)) named.push(field as 'contactName' | 'contactEmail')
    else changed[field] = change
  }
  return { madeAt: madeAt.toISOString(), changed: changed as ChallengeAmendment['changed'], named, criteria: stored.criteria.map(({ id: _id, ...change }) => change) }
}

const eurosOf = (cents: Scalar) => (typeof cents === 'number' ? centsToEuros(cents) : null)

/** Every change made after publication, newest first (a draft has none). Who may read it is the caller's check. */
export async function listAmendments(db: DbOrTx, challengeId: string): Promise<ChallengeAmendment[]> {
  const rows = await db.select().from(challengeAmendments).where(eq(challengeAmendments.challengeId, challengeId)).orderBy(desc(challengeAmendments.madeAt), desc(challengeAmendments.id))
  return rows.map((row) => toAmendment(row.madeAt, row.changes as StoredChanges))
}
