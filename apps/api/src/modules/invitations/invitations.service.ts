import { randomBytes } from 'node:crypto'
import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { CreateInvitationBody, Invitation, Me } from '@opgave/contracts'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { isRoleOfKind } from '../../policy/organisation-policy'
import { recordAudit } from '../audit/audit.service'
import { hashSecret } from '../auth/refresh-token'
import { enqueueEmail } from '../outbox/outbox.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { authorizeOrganisation } from '../organisations/organisations.service'
import { getMe, isInvitedAccount, normaliseEmail, WRONG_INVITED_ACCOUNT } from '../users/users.service'
import { users } from '../users/users.table'
import { invitationErrors } from './invitations.errors'
import { invitations } from './invitations.table'


export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export interface InvitationDeps {
  db: Database
  now: () => Date
  publicUrl: string
}

const toInvitation = (row: typeof invitations.$inferSelect): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
})

export async function listInvitations(deps: InvitationDeps, actor: Actor, organisationId: string): Promise<Invitation[]> {
  await authorizeOrganisation(deps.db, actor, organisationId, 'invitations.manage')
  const rows = await deps.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, deps.now())))
    .orderBy(desc(invitations.createdAt))
  return rows.map(toInvitation)
}

/** Creates the invitation and queues its email in one transaction; the token exists only in that email. */
export async function createInvitation(deps: InvitationDeps, actor: Actor, organisationId: string, body: CreateInvitationBody): Promise<Invitation> {
  return deps.db.transaction(async (tx) => {
    const { organisation } = await authorizeOrganisation(tx, actor, organisationId, 'invitations.manage')
    if (!isRoleOfKind(organisation.kind, body.role)) throw commonProblems.fieldInvalid('/role', 'organisations.role_not_for_kind', `Role ${body.role} does not exist for a ${organisation.kind}.`)
    const email = normaliseEmail(body.email)
    const token = randomBytes(32).toString('base64url')
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId))
    const [row] = await tx
      .insert(invitations)
      .values({ organisationId, email, role: body.role, tokenHash: hashSecret(token), invitedBy: actor.userId, expiresAt: new Date(deps.now().getTime() + INVITATION_TTL_MS) })
      .returning()
    const link = `${deps.publicUrl.replace(/\/$/, '')}/uitnodigingen/${token}`
    await enqueueEmail(tx, {
      to: email,
      subject: `Uitnodiging voor ${organisation.name} op Opgave / Invitation to ${organisation.name}`,
      text: [
        `${inviter?.name ?? 'Iemand'} nodigt u uit voor ${organisation.name} op Opgave.`,
        `Accepteer de uitnodiging binnen 7 dagen: ${link}`,
        '',
        `${inviter?.name ?? 'Someone'} invited you to join ${organisation.name} on Opgave.`,
        `Accept within 7 days: ${link}`,
      ].join('\n'),
    })
    await recordAudit(tx, { actorId: actor.userId, action: 'invitation.created', entityType: 'invitation', entityId: row!.id, organisationId, after: { role: row!.role, expiresAt: row!.expiresAt } })
    return toInvitation(row!)
  })
}

export async function revokeInvitation(deps: InvitationDeps, actor: Actor, organisationId: string, invitationId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await authorizeOrganisation(tx, actor, organisationId, 'invitations.manage')
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: deps.now() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id })
    if (revoked.length === 0) throw invitationErrors.notFound()
    await recordAudit(tx, { actorId: actor.userId, action: 'invitation.revoked', entityType: 'invitation', entityId: invitationId, organisationId })
  })
}

async function findUsable(db: DbOrTx, token: string, now: Date) {
  const [row] = await db
    .select({ invitation: invitations, organisation: organisations })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashSecret(token)))
    .limit(1)
  if (!row) throw invitationErrors.notFound('This invitation link is not valid.')
  const { invitation } = row
  if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) throw invitationErrors.unusable('This invitation was already used, revoked or has expired. Ask for a new one.')
  return row
}

export async function previewInvitation(deps: InvitationDeps, token: string) {
  const { invitation, organisation } = await findUsable(deps.db, token, deps.now())
  return { organisationName: organisation.name, organisationKind: organisation.kind, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() }
}

/**
 * Order of refusals: unknown token 404, spent/revoked/expired 410, another account than the invited one 403.
 * Single use: the update only succeeds while the invitation is still open, so two accepts cannot both win.
 */
export async function acceptInvitation(deps: InvitationDeps, actor: Actor, token: string): Promise<Me> {
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const { invitation: open } = await findUsable(tx, token, now)
    if (!(await isInvitedAccount(tx, actor.userId, open.email))) throw invitationErrors.wrongAccount(WRONG_INVITED_ACCOUNT)
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: actor.userId })
      .where(and(eq(invitations.id, open.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .returning()
    if (!invitation) throw invitationErrors.unusable('This invitation was already used, revoked or has expired. Ask for a new one.')
    const inserted = await tx
      .insert(memberships)
      .values({ organisationId: invitation.organisationId, userId: actor.userId, role: invitation.role })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId })
    if (inserted.length === 0) throw invitationErrors.alreadyMember('You are already a member of this organisation.')
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: invitation.id,
      organisationId: invitation.organisationId,
      after: { userId: actor.userId, role: invitation.role },
    })
  })
  const me = await getMe(deps.db, actor.userId)
  if (!me) throw commonProblems.unauthenticated()
  return me
}
