import { verify } from '@node-rs/argon2'
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm'
import { queryRows, type Database, type DbOrTx } from '../../db/client'
import { defineProblem } from '../../lib/problem'
import { managingRole } from '../../policy/organisation-policy'
import { recordAudit } from '../audit/audit.service'
import { authSessions } from '../auth/auth.table'
import type { SessionChanges } from '../auth/session-cache'
import { auditEvents } from '../audit/audit.table'
import { emailOutbox } from '../outbox/outbox.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { juryMembers } from '../jury/jury.table'
import { ssoIdentities } from '../sso/sso.table'
import { getMe } from '../users/users.service'
import { users } from '../users/users.table'

export const privacyErrors = {
  wrongPassword: defineProblem(400, 'privacy.wrong_password', 'Password incorrect'),
  wrongConfirmation: defineProblem(400, 'privacy.wrong_confirmation', 'Email address does not match'),
  lastManager: defineProblem(409, 'privacy.last_manager', 'You are the last manager of an organisation'),
}

// Credentials never leave the server, not even in the owner's own export.
const SECRET_COLUMN = /hash|token|secret|password/i

/** Every (table, column) holding a reference to a user, read from the schema: new features are covered without editing this. */
async function userReferences(db: DbOrTx): Promise<{ table: string; column: string }[]> {
  const rows = await queryRows<{ table_name: string; column_name: string }>(db, sql`
    select kcu.table_name, kcu.column_name
    from information_schema.referential_constraints rc
    join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
    where ccu.table_name = 'users' and ccu.column_name = 'id' and kcu.table_schema = 'public'
    order by kcu.table_name, kcu.column_name`)
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }))
}

function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !SECRET_COLUMN.test(key)))
}

/** AVG art. 15/20: everything Opgave holds about the user, as JSON. */
export async function exportUserData(db: Database, userId: string) {
  const me = await getMe(db, userId)
  const records: Record<string, Record<string, unknown>[]> = {}
  for (const { table, column } of await userReferences(db)) {
    const found = await queryRows<{ row: Record<string, unknown> }>(db, sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where ${sql.identifier(column)} = ${userId}`)
    const rows = found.map((r) => withoutSecrets(r.row))
    if (rows.length > 0) records[`${table}.${column}`] = rows
  }
  const actions = await db
    .select({ action: auditEvents.action, entityType: auditEvents.entityType, entityId: auditEvents.entityId, at: auditEvents.at })
    .from(auditEvents)
    .where(eq(auditEvents.actorId, userId))
    .orderBy(asc(auditEvents.at))
  return {
    exportedAt: new Date().toISOString(),
    user: me,
    records,
    actions: actions.map((a) => ({ ...a, at: a.at.toISOString() })),
  }
}

/**
 * AVG art. 17: the account is anonymised, not removed, so that proposals, scores and the audit log
 * stay consistent — they keep pointing at the same id, which no longer identifies anyone.
 */
export async function deleteAccount(db: Database, { userId, password, confirmEmail, now }: { userId: string; password?: string; confirmEmail?: string; now: Date }, sessions: SessionChanges) {
  const [user] = await db.select().from(users).where(eq(users.id, userId))
  if (!user) throw privacyErrors.wrongPassword('The password is incorrect; your account was not deleted.')
  if (user.passwordHash !== null) {
    if (password === undefined || !(await verify(user.passwordHash, password))) {
      throw privacyErrors.wrongPassword('The password is incorrect; your account was not deleted.', [{ field: '/password', code: 'privacy.wrong_password', message: 'Incorrect password' }])
    }
  } else if (confirmEmail?.trim().toLowerCase() !== user.email.toLowerCase()) {
    // Accounts that only log in through their municipality have no password to re-enter.
    throw privacyErrors.wrongConfirmation('Type the email address of your account to confirm; your account was not deleted.', [
      { field: '/confirmEmail', code: 'privacy.wrong_confirmation', message: 'Does not match the email address of the account' },
    ])
  }
  await db.transaction(async (tx) => {
    await assertNotLastManager(tx, userId)
    await tx.delete(emailOutbox).where(eq(emailOutbox.to, user.email))
    await tx.delete(memberships).where(eq(memberships.userId, userId))
    // The link to the municipality's identity provider goes: a later SSO login starts a new account.
    await tx.delete(ssoIdentities).where(eq(ssoIdentities.userId, userId))
    // A juror's seat and scores stay (results must not change); the address they were invited at goes.
    await tx.update(juryMembers).set({ email: `deleted-${userId}@anonymised.invalid`, tokenHash: null }).where(eq(juryMembers.userId, userId))
    await tx.update(authSessions).set({ revokedAt: now, revokedReason: 'account_deleted' }).where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
    await tx
      .update(users)
      .set({ email: `deleted-${userId}@anonymised.invalid`, name: 'Verwijderd account', passwordHash: null, isPlatformAdmin: false, disabledAt: now, updatedAt: now })
      .where(eq(users.id, userId))
    await recordAudit(tx, { actorId: userId, action: 'user.anonymised', entityType: 'user', entityId: userId })
  })
  // Its access tokens stop working at once on this instance; the database trigger tells the others.
  sessions.forgetUser(userId)
}

async function assertNotLastManager(tx: DbOrTx, userId: string) {
  const managed = await tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
  const blocking: string[] = []
  for (const org of managed) {
    if (org.role !== managingRole(org.kind)) continue
    const [other] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, org.id), eq(memberships.role, org.role), ne(memberships.userId, userId)))
      .limit(1)
    if (!other) blocking.push(org.name)
  }
  if (blocking.length > 0) {
    throw privacyErrors.lastManager(`Appoint another manager first for: ${blocking.join(', ')}. Then delete your account.`)
  }
}
