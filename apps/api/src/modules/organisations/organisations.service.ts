import { and, asc, eq, like, ne, sql } from 'drizzle-orm'
import type { CreateOrganisationBody, Member, MembershipRole, Organisation, UpdateOrganisationBody } from '@opgave/contracts'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { canOnOrganisation, isRoleOfKind, managingRole, mayCreateOrganisation, mayKnowOrganisation, type OrganisationAction } from '../../policy/organisation-policy'
import { recordAudit } from '../audit/audit.service'
import { users } from '../users/users.table'
import { organisationErrors } from './organisations.errors'
import { memberships, organisations, type OrganisationRow } from './organisations.table'
import { slugify } from './slug'

const toOrganisation = (row: OrganisationRow, myRole: MembershipRole | null): Organisation => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  slug: row.slug,
  kvkNumber: row.kvkNumber,
  openDataLicence: row.openDataLicence,
  myRole,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

async function roleOf(db: DbOrTx, organisationId: string, userId: string): Promise<MembershipRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1)
  return row?.role ?? null
}

/**
 * Loads the organisation and checks the action. Unknown and not-yours look the same (404),
 * so ids cannot be probed; a member lacking the right gets 403.
 */
export async function authorizeOrganisation(db: DbOrTx, actor: Actor, organisationId: string, action: OrganisationAction) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1)
  const role = row ? await roleOf(db, organisationId, actor.userId) : null
  if (!row || !mayKnowOrganisation(actor, role)) throw organisationErrors.notFound()
  if (!canOnOrganisation(actor, role, action)) throw organisationErrors.forbidden()
  return { organisation: row, role }
}

async function uniqueSlug(db: DbOrTx, name: string): Promise<string> {
  const base = slugify(name)
  const taken = await db.select({ slug: organisations.slug }).from(organisations).where(like(organisations.slug, `${base}%`))
  const set = new Set(taken.map((t) => t.slug))
  if (!set.has(base)) return base
  for (let n = 2; ; n++) if (!set.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function listMyOrganisations(db: Database, actor: Actor): Promise<Organisation[]> {
  const rows = await db
    .select({ organisation: organisations, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, actor.userId))
    .orderBy(asc(organisations.name))
  return rows.map((r) => toOrganisation(r.organisation, r.role))
}

export async function createOrganisation(db: Database, actor: Actor, body: CreateOrganisationBody): Promise<Organisation> {
  if (!mayCreateOrganisation(actor, body.kind)) throw commonProblems.forbidden('Only platform administrators create municipalities.')
  return db.transaction(async (tx) => {
    // Serialise slug choice so two organisations with the same name cannot race for one slug.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('organisations.slug'))`)
    const [row] = await tx
      .insert(organisations)
      .values({ kind: body.kind, name: body.name.trim(), kvkNumber: body.kvkNumber ?? null, slug: await uniqueSlug(tx, body.name) })
      .returning()
    const role = managingRole(body.kind)
    await tx.insert(memberships).values({ organisationId: row!.id, userId: actor.userId, role })
    await recordAudit(tx, { actorId: actor.userId, action: 'organisation.created', entityType: 'organisation', entityId: row!.id, organisationId: row!.id, after: row })
    return toOrganisation(row!, role)
  })
}

export async function getOrganisation(db: Database, actor: Actor, organisationId: string): Promise<Organisation> {
  const { organisation, role } = await authorizeOrganisation(db, actor, organisationId, 'organisation.read')
  return toOrganisation(organisation, role)
}

export async function updateOrganisation(db: Database, actor: Actor, organisationId: string, body: UpdateOrganisationBody): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const { organisation, role } = await authorizeOrganisation(tx, actor, organisationId, 'organisation.update')
    if (body.openDataLicence !== undefined && organisation.kind !== 'municipality') throw commonProblems.fieldInvalid('/openDataLicence', 'organisations.licence_municipality_only', 'Only a municipality publishes open data and chooses its licence.')
    const [row] = await tx
      .update(organisations)
      .set({ ...(body.name !== undefined ? { name: body.name.trim() } : {}), ...(body.kvkNumber !== undefined ? { kvkNumber: body.kvkNumber } : {}), ...(body.openDataLicence !== undefined ? { openDataLicence: body.openDataLicence } : {}), updatedAt: new Date() })
      .where(eq(organisations.id, organisationId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'organisation.updated', entityType: 'organisation', entityId: organisationId, organisationId, before: organisation, after: row })
    return toOrganisation(row!, role)
  })
}

export async function listMembers(db: Database, actor: Actor, organisationId: string): Promise<Member[]> {
  await authorizeOrganisation(db, actor, organisationId, 'members.read')
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name))
  return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }))
}

/** Refuses to leave an organisation without anyone who can manage it. */
async function assertManagerRemains(tx: DbOrTx, organisation: OrganisationRow, exceptUserId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisation.id), eq(memberships.role, managingRole(organisation.kind)), ne(memberships.userId, exceptUserId)))
  if ((row?.n ?? 0) === 0) throw organisationErrors.lastManager('Appoint another manager first: an organisation always keeps at least one.')
}

async function lockMembership(tx: DbOrTx, organisationId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .for('update')
  if (!row) throw organisationErrors.memberNotFound()
  return row
}

export async function changeMemberRole(db: Database, actor: Actor, organisationId: string, userId: string, role: MembershipRole): Promise<Member> {
  return db.transaction(async (tx) => {
    const { organisation } = await authorizeOrganisation(tx, actor, organisationId, 'members.manage')
    if (!isRoleOfKind(organisation.kind, role)) throw commonProblems.fieldInvalid('/role', 'organisations.role_not_for_kind', `Role ${role} does not exist for a ${organisation.kind}.`)
    // Lock the organisation's memberships so two demotions cannot both pass the last-manager check.
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update')
    const before = await lockMembership(tx, organisationId, userId)
    if (before.role === managingRole(organisation.kind) && role !== before.role) await assertManagerRemains(tx, organisation, userId)
    await tx.update(memberships).set({ role, updatedAt: new Date() }).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    await recordAudit(tx, { actorId: actor.userId, action: 'membership.role_changed', entityType: 'membership', entityId: `${organisationId}:${userId}`, organisationId, before: { role: before.role }, after: { role } })
    const [member] = await tx
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    return { ...member!, joinedAt: member!.joinedAt.toISOString() }
  })
}

export async function removeMember(db: Database, actor: Actor, organisationId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { organisation } = await authorizeOrganisation(tx, actor, organisationId, 'members.manage')
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update')
    const before = await lockMembership(tx, organisationId, userId)
    if (before.role === managingRole(organisation.kind)) await assertManagerRemains(tx, organisation, userId)
    await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    await recordAudit(tx, { actorId: actor.userId, action: 'membership.removed', entityType: 'membership', entityId: `${organisationId}:${userId}`, organisationId, before })
  })
}
