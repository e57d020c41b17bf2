import { and, asc, eq, ilike, isNull } from 'drizzle-orm'
import type { EnterpriseContact, EnterpriseDirectoryEntry, EnterpriseProfile, UpdateEnterpriseProfileBody } from '@opgave/contracts'
import { isSafeWebsiteUrl, validateSdgSelection } from '@opgave/domain'
import type { Database } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'
import { authorizeEnterprise } from './enterprises.access'
import { accountManagerAssignments } from './enterprises.table'
import { toDirectoryEntry, toEnterpriseProfile } from './enterprises.views'

export async function getEnterpriseProfile(db: Database, actor: Actor, enterpriseId: string): Promise<EnterpriseProfile> {
  const { organisation } = await authorizeEnterprise(db, actor, enterpriseId, 'organisation.read')
  return toEnterpriseProfile(organisation)
}

/** Rules the schema cannot express: a safe link and a known SDG selection. */
function validateProfile(body: UpdateEnterpriseProfileBody) {
  const errors: { field: string; code: string; message: string }[] = []
  if (body.website !== undefined && body.website !== null && !isSafeWebsiteUrl(body.website)) {
    errors.push({ field: '/website', code: 'enterprises.invalid_url', message: 'Enter a full web address starting with http:// or https://.' })
  }
  if (body.sdgGoals) {
    for (const p of validateSdgSelection({ goals: body.sdgGoals, targets: [] })) errors.push({ field: `/sdgGoals/${p.index}`, code: p.code, message: `Unknown or repeated SDG ${p.value}.` })
  }
  if (errors.length > 0) throw commonProblems.validation(errors)
}

export async function updateEnterpriseProfile(db: Database, actor: Actor, enterpriseId: string, body: UpdateEnterpriseProfileBody): Promise<EnterpriseProfile> {
  validateProfile(body)
  return db.transaction(async (tx) => {
    const { organisation } = await authorizeEnterprise(tx, actor, enterpriseId, 'organisation.update')
    const trimmed = {
      ...body,
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.region !== undefined ? { region: body.region?.trim() || null } : {}),
      ...(body.description !== undefined ? { description: body.description.trim() } : {}),
      ...(body.sdgGoals !== undefined ? { sdgGoals: [...body.sdgGoals].sort((a, b) => a - b) } : {}),
    }
    const [row] = await tx
      .update(organisations)
      .set({ ...trimmed, updatedAt: new Date() })
      .where(eq(organisations.id, enterpriseId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'enterprise.profile_updated', entityType: 'organisation', entityId: enterpriseId, organisationId: enterpriseId, before: organisation, after: row })
    return toEnterpriseProfile(row!)
  })
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const escapeLike = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')

/** The enterprise directory: name search over every registered enterprise, directory fields only. */
export async function searchEnterprises(db: Database, query: { q?: string; lookingForPartners?: boolean; limit?: number }): Promise<EnterpriseDirectoryEntry[]> {
  const q = query.q?.trim()
  const rows = await db
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, 'enterprise'),
        q ? ilike(organisations.name, `%${escapeLike(q)}%`) : undefined,
        query.lookingForPartners !== undefined ? eq(organisations.lookingForPartners, query.lookingForPartners) : undefined,
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(query.limit ?? 50)
  return rows.map(toDirectoryEntry)
}

/** The enterprise's named contact person at each municipality that assigned one. */
export async function listEnterpriseContacts(db: Database, actor: Actor, enterpriseId: string): Promise<EnterpriseContact[]> {
  await authorizeEnterprise(db, actor, enterpriseId, 'organisation.read')
  const rows = await db
    .select({ municipalityId: organisations.id, municipalityName: organisations.name, municipalitySlug: organisations.slug, name: users.name, email: users.email })
    .from(accountManagerAssignments)
    .innerJoin(organisations, eq(organisations.id, accountManagerAssignments.municipalityId))
    .innerJoin(users, eq(users.id, accountManagerAssignments.userId))
    // Only while the person still holds the role and the account is active: never point an enterprise at someone who left.
    .innerJoin(
      memberships,
      and(eq(memberships.organisationId, accountManagerAssignments.municipalityId), eq(memberships.userId, accountManagerAssignments.userId), eq(memberships.role, 'account_manager')),
    )
    .where(and(eq(accountManagerAssignments.enterpriseId, enterpriseId), isNull(users.disabledAt)))
    .orderBy(asc(organisations.name))
  return rows
}
