import { and, asc, eq } from 'drizzle-orm'
import type { CreateRoutekaartEntryBody, Routekaart, RoutekaartEntry, UpdateRoutekaartEntryBody } from '@opgave/contracts'
import type { Database, Tx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { organisations } from '../organisations/organisations.table'
import { authorizeMunicipality } from './enterprises.access'
import { enterpriseErrors } from './enterprises.errors'
import { routekaartEntries, type RoutekaartEntryRow } from './enterprises.table'

const toEntry = (row: RoutekaartEntryRow): RoutekaartEntry => ({
  id: row.id,
  theme: row.theme,
  sdgGoals: row.sdgGoals,
  contactName: row.contactName,
  roleOrDepartment: row.roleOrDepartment,
  email: row.email,
  phone: row.phone,
  description: row.description,
  position: row.position,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
})

const sortGoals = (goals: readonly number[] | undefined) => (goals ? [...goals].sort((a, b) => a - b) : undefined)

/** Public: who to contact at a municipality for which theme or SDG. */
export async function getRoutekaart(db: Database, slug: string): Promise<Routekaart> {
  const [municipality] = await db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(and(eq(organisations.slug, slug), eq(organisations.kind, 'municipality')))
  if (!municipality) throw enterpriseErrors.municipalityNotFound()
  const rows = await db.select().from(routekaartEntries).where(eq(routekaartEntries.municipalityId, municipality.id)).orderBy(asc(routekaartEntries.position), asc(routekaartEntries.theme))
  return { municipality, items: rows.map(toEntry) }
}

export async function createRoutekaartEntry(db: Database, actor: Actor, municipalityId: string, body: CreateRoutekaartEntryBody): Promise<RoutekaartEntry> {
  return db.transaction(async (tx) => {
    await authorizeMunicipality(tx, actor, municipalityId, 'organisation.update')
    const [row] = await tx
      .insert(routekaartEntries)
      .values({ ...body, sdgGoals: sortGoals(body.sdgGoals) ?? [], description: body.description?.trim() ?? '', municipalityId })
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'routekaart.entry_created', entityType: 'routekaart_entry', entityId: row!.id, organisationId: municipalityId, after: row })
    return toEntry(row!)
  })
}

async function lockEntry(tx: Tx, municipalityId: string, entryId: string) {
  const [row] = await tx
    .select()
    .from(routekaartEntries)
    .where(and(eq(routekaartEntries.id, entryId), eq(routekaartEntries.municipalityId, municipalityId)))
    .for('update')
  if (!row) throw enterpriseErrors.routekaartEntryNotFound()
  return row
}

export async function updateRoutekaartEntry(db: Database, actor: Actor, municipalityId: string, entryId: string, body: UpdateRoutekaartEntryBody): Promise<RoutekaartEntry> {
  return db.transaction(async (tx) => {
    await authorizeMunicipality(tx, actor, municipalityId, 'organisation.update')
    const before = await lockEntry(tx, municipalityId, entryId)
    if (before.version !== body.version) throw commonProblems.staleVersion(toEntry(before))
    const { version: _version, ...changes } = body
    const [row] = await tx
      .update(routekaartEntries)
      .set({ ...changes, ...(changes.sdgGoals ? { sdgGoals: sortGoals(changes.sdgGoals) } : {}), version: before.version + 1, updatedAt: new Date() })
      .where(eq(routekaartEntries.id, entryId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'routekaart.entry_updated', entityType: 'routekaart_entry', entityId: entryId, organisationId: municipalityId, before, after: row })
    return toEntry(row!)
  })
}

export async function deleteRoutekaartEntry(db: Database, actor: Actor, municipalityId: string, entryId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await authorizeMunicipality(tx, actor, municipalityId, 'organisation.update')
    const before = await lockEntry(tx, municipalityId, entryId)
    await tx.delete(routekaartEntries).where(eq(routekaartEntries.id, entryId))
    await recordAudit(tx, { actorId: actor.userId, action: 'routekaart.entry_deleted', entityType: 'routekaart_entry', entityId: entryId, organisationId: municipalityId, before })
  })
}
