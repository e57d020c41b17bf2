import { asc, eq } from 'drizzle-orm'
import type { Me, UpdateMeBody } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import { memberships, organisations } from '../organisations/organisations.table'
import { recordAudit } from '../audit/audit.service'
import { users, type UserRow } from './users.table'

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

/** The detail of the 403 both invitation kinds answer a forwarded link with. */
export const WRONG_INVITED_ACCOUNT = 'This invitation was sent to another email address. Log in with the address the invitation was sent to, then open the link again.'

/**
 * Whether the signed-in account is the one an invitation was mailed to. Invitation links (organisation and
 * jury) are bearer tokens sent to one address: a forwarded link must not let someone else in.
 */
export async function isInvitedAccount(db: DbOrTx, userId: string, invitedEmail: string): Promise<boolean> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1)
  return user !== undefined && normaliseEmail(user.email) === normaliseEmail(invitedEmail)
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1)
  return user
}

export async function getMe(db: DbOrTx, userId: string): Promise<Me | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1)
  if (!user) return null
  const rows = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      organisationSlug: organisations.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name))
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    hasPassword: user.passwordHash !== null,
    memberships: rows,
    createdAt: user.createdAt.toISOString(),
  }
}

export async function updateMe(db: DbOrTx, userId: string, changes: UpdateMeBody): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).for('update')
    await tx.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, userId))
    // Names are personal data: the log records which fields changed, not their values.
    await recordAudit(tx, { actorId: userId, action: 'user.updated', entityType: 'user', entityId: userId, before, after: { changedFields: Object.keys(changes), locale: changes.locale ?? before?.locale } })
  })
}
