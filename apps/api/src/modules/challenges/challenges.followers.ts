import { and, eq, inArray, isNull, ne } from 'drizzle-orm'
import { union } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../../db/client'
import { enqueueCollapsibleEmails, enqueueEmails } from '../outbox/outbox.service'
import { memberships } from '../organisations/organisations.table'
import { proposalPartners, proposals } from '../proposals/proposals.table'
import { users } from '../users/users.table'
import { challengeFollowers } from './challenges.table'
import { hasChanges, mergeChallengeChanges, renderChangesMail, type ChallengeChanges } from './challenge-changes'

/** Why the recipient gets the mail: they follow the challenge, or are writing or have sent a proposal for it. */
export const AUDIENCE_FOOTER = 'U ontvangt dit bericht omdat u deze uitdaging volgt of er met uw organisatie een voorstel voor maakt of heeft ingediend.'

/**
 * Who must hear of a change to a challenge: its followers, and the people of every enterprise with a live
 * proposal for it (the lead's members and those of partners who accepted, draft or submitted). Equal
 * information for all bidders (a new nota van inlichtingen, a moved deadline, changed criteria) must not
 * depend on having pressed "follow". Disabled accounts are left out; each address once.
 */
export async function challengeAudience(tx: DbOrTx, challengeId: string): Promise<string[]> {
  // One query, however many proposals and partners: it runs on every save of a published challenge.
  const live = and(eq(proposals.challengeId, challengeId), ne(proposals.status, 'withdrawn'))
  const enterprises = union(
    tx.select({ id: proposals.leadEnterpriseId }).from(proposals).where(live),
    tx
      .select({ id: proposalPartners.enterpriseId })
      .from(proposalPartners)
      .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
      .where(and(live, eq(proposalPartners.status, 'accepted'))),
  )
  const people = union(
    tx.select({ userId: challengeFollowers.userId }).from(challengeFollowers).where(eq(challengeFollowers.challengeId, challengeId)),
    tx.select({ userId: memberships.userId }).from(memberships).where(inArray(memberships.organisationId, enterprises)),
  )
  const rows = await tx.selectDistinct({ email: users.email }).from(users).where(and(isNull(users.disabledAt), inArray(users.id, people)))
  return rows.map((r) => r.email).sort()
}

/**
 * Emails the challenge's audience (`challengeAudience`) through the outbox, in the caller's transaction: the
 * mails go out if and only if the change commits. Returns how many were queued. Used for changes to the
 * challenge, its lifecycle, the Q&A (nota van inlichtingen) and the jury's criteria.
 */
export async function notifyFollowersAndApplicants(tx: DbOrTx, challengeId: string, subject: string, text: string): Promise<number> {
  const recipients = await challengeAudience(tx, challengeId)
  await enqueueEmails(tx, recipients.map((to) => ({ to, subject, text: `${text}\n\n${AUDIENCE_FOOTER}` })))
  return recipients.length
}

/**
 * How long a mail about changes waits for more: a manager who saves three corrections in five minutes, or
 * sets weights criterion by criterion, sends the audience one mail that lists them all.
 */
export const CHANGE_MAIL_SETTLE_MS = 10 * 60 * 1000

/**
 * Tells the challenge's audience what changed (a published challenge edited, or its criteria), in the
 * caller's transaction. Joins the mail still waiting for each address, if any; returns how many wait now.
 */
export async function announceChallengeChanges(tx: DbOrTx, challengeId: string, changes: ChallengeChanges, now: Date): Promise<number> {
  if (!hasChanges(changes)) return 0
  const recipients = await challengeAudience(tx, challengeId)
  return enqueueCollapsibleEmails(tx, recipients, {
    key: `challenge-changed:${challengeId}`,
    notBefore: new Date(now.getTime() + CHANGE_MAIL_SETTLE_MS),
    data: changes,
    merge: mergeChallengeChanges,
    render: (data) => renderChangesMail(data, AUDIENCE_FOOTER),
  })
}
