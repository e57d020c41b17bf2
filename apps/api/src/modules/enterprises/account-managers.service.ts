import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { AccountManagerAssignment, ManagedEnterprise } from '@opgave/contracts'
import { isEligibleForArt282, questionStatus } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { challenges } from '../challenges/challenges.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { questions } from '../questions/questions.table'
import { users } from '../users/users.table'
import { authorizeMunicipality, loadEnterprise } from './enterprises.access'
import { enterpriseErrors } from './enterprises.errors'
import { accountManagerAssignments } from './enterprises.table'
import { toDirectoryEntry } from './enterprises.views'

const enterprise = alias(organisations, 'enterprise')

async function assignmentView(db: DbOrTx, municipalityId: string, enterpriseId?: string): Promise<AccountManagerAssignment[]> {
  const rows = await db
    .select({ a: accountManagerAssignments, enterpriseName: enterprise.name, name: users.name, email: users.email })
    .from(accountManagerAssignments)
    .innerJoin(enterprise, eq(enterprise.id, accountManagerAssignments.enterpriseId))
    .innerJoin(users, eq(users.id, accountManagerAssignments.userId))
    .where(and(eq(accountManagerAssignments.municipalityId, municipalityId), enterpriseId ? eq(accountManagerAssignments.enterpriseId, enterpriseId) : undefined))
    .orderBy(asc(enterprise.name))
  return rows.map((r) => ({
    municipalityId: r.a.municipalityId,
    enterpriseId: r.a.enterpriseId,
    enterpriseName: r.enterpriseName,
    accountManager: { userId: r.a.userId, name: r.name, email: r.email },
    assignedAt: r.a.updatedAt.toISOString(),
  }))
}

/** Any member of the municipality (staff) sees who manages which enterprise. */
export async function listAccountManagers(db: Database, actor: Actor, municipalityId: string): Promise<AccountManagerAssignment[]> {
  await authorizeMunicipality(db, actor, municipalityId, 'members.read')
  return assignmentView(db, municipalityId)
}

/**
 * The municipality's admin names one account manager for an enterprise (replacing any earlier one).
 * The person must hold the account_manager role in this municipality. The enterprise's owners are told
 * who their contact is, through the outbox.
 */
export async function assignAccountManager(db: Database, actor: Actor, municipalityId: string, enterpriseId: string, userId: string): Promise<AccountManagerAssignment> {
  return db.transaction(async (tx) => {
    const { organisation: municipality } = await authorizeMunicipality(tx, actor, municipalityId, 'members.manage')
    const ent = await loadEnterprise(tx, enterpriseId)
    const [member] = await tx
      .select({ role: memberships.role, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, municipalityId), eq(memberships.userId, userId)))
    if (member?.role !== 'account_manager') {
      throw commonProblems.fieldInvalid('/userId', 'account_managers.not_an_account_manager', 'Choose a member of this municipality with the account manager role.')
    }
    const [before] = await tx
      .select()
      .from(accountManagerAssignments)
      .where(and(eq(accountManagerAssignments.municipalityId, municipalityId), eq(accountManagerAssignments.enterpriseId, enterpriseId)))
      .for('update')
    const at = new Date()
    const [row] = await tx
      .insert(accountManagerAssignments)
      .values({ municipalityId, enterpriseId, userId, assignedBy: actor.userId, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: [accountManagerAssignments.municipalityId, accountManagerAssignments.enterpriseId], set: { userId, assignedBy: actor.userId, updatedAt: at } })
      .returning()
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'account_manager.assigned',
      entityType: 'account_manager_assignment',
      entityId: `${municipalityId}:${enterpriseId}`,
      organisationId: municipalityId,
      before: before ?? null,
      after: row,
    })
    if (before?.userId !== userId) {
      const owners = await tx
        .select({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, enterpriseId), eq(memberships.role, 'owner')))
      for (const o of owners) {
        await enqueueEmail(tx, {
          to: o.email,
          subject: `Uw contactpersoon bij ${municipality.name}`,
          text: `${member.name} (${member.email}) is vanaf nu uw vaste contactpersoon bij ${municipality.name} voor ${ent.name}.`,
        })
      }
    }
    return (await assignmentView(tx, municipalityId, enterpriseId))[0]!
  })
}

export async function unassignAccountManager(db: Database, actor: Actor, municipalityId: string, enterpriseId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await authorizeMunicipality(tx, actor, municipalityId, 'members.manage')
    const [before] = await tx
      .delete(accountManagerAssignments)
      .where(and(eq(accountManagerAssignments.municipalityId, municipalityId), eq(accountManagerAssignments.enterpriseId, enterpriseId)))
      .returning()
    if (!before) throw enterpriseErrors.assignmentNotFound()
    await recordAudit(tx, { actorId: actor.userId, action: 'account_manager.unassigned', entityType: 'account_manager_assignment', entityId: `${municipalityId}:${enterpriseId}`, organisationId: municipalityId, before })
  })
}

/**
 * The enterprises the caller manages, with the questions each asked about the caller's
 * municipality's challenges (never another municipality's). Only while the caller still holds the
 * account_manager role there: a demoted or removed account manager sees nothing.
 */
export async function listManagedEnterprises(db: Database, actor: Actor): Promise<ManagedEnterprise[]> {
  const municipality = alias(organisations, 'municipality')
  const rows = await db
    .select({ a: accountManagerAssignments, enterprise, municipalityName: municipality.name })
    .from(accountManagerAssignments)
    .innerJoin(memberships, and(eq(memberships.organisationId, accountManagerAssignments.municipalityId), eq(memberships.userId, accountManagerAssignments.userId), eq(memberships.role, 'account_manager')))
    .innerJoin(enterprise, eq(enterprise.id, accountManagerAssignments.enterpriseId))
    .innerJoin(municipality, eq(municipality.id, accountManagerAssignments.municipalityId))
    .where(eq(accountManagerAssignments.userId, actor.userId))
    .orderBy(asc(enterprise.name))
  if (rows.length === 0) return []
  const asked = await db
    .select({ q: questions, challengeTitle: challenges.title, municipalityId: challenges.municipalityId })
    .from(questions)
    .innerJoin(challenges, eq(challenges.id, questions.challengeId))
    .where(inArray(questions.enterpriseId, rows.map((r) => r.a.enterpriseId)))
    .orderBy(desc(questions.createdAt))
  return rows.map((r) => ({
    municipalityId: r.a.municipalityId,
    municipalityName: r.municipalityName,
    enterprise: toDirectoryEntry(r.enterprise),
    distanceToLabourMarketPercent: r.enterprise.distanceToLabourMarketPercent,
    eligibleForArt282: isEligibleForArt282(r.enterprise.distanceToLabourMarketPercent),
    questions: asked
      .filter((x) => x.q.enterpriseId === r.a.enterpriseId && x.municipalityId === r.a.municipalityId)
      .map((x) => ({ id: x.q.id, challengeId: x.q.challengeId, challengeTitle: x.challengeTitle, text: x.q.text, status: questionStatus(x.q), askedAt: x.q.createdAt.toISOString(), number: x.q.number })),
  }))
}
