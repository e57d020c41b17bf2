import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { ProblemError } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import type { OrganisationAction } from '../../policy/organisation-policy'
import { authorizeOrganisation } from '../organisations/organisations.service'
import { organisations, type OrganisationRow } from '../organisations/organisations.table'
import { enterpriseErrors } from './enterprises.errors'

/**
 * The organisation checks of the organisations module, narrowed to one kind: an enterprise id used
 * where a municipality is expected (or the reverse) is simply unknown (404), in this feature's words.
 */
async function authorizeKind(db: DbOrTx, actor: Actor, id: string, kind: OrganisationRow['kind'], action: OrganisationAction) {
  const notFound = kind === 'enterprise' ? enterpriseErrors.notFound : enterpriseErrors.municipalityNotFound
  const forbidden = kind === 'enterprise' ? enterpriseErrors.forbidden : enterpriseErrors.municipalityForbidden
  try {
    const result = await authorizeOrganisation(db, actor, id, action)
    if (result.organisation.kind !== kind) throw notFound()
    return result
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'organisations.not_found') throw notFound()
    if (error instanceof ProblemError && error.code === 'organisations.forbidden') throw forbidden()
    throw error
  }
}

export const authorizeEnterprise = (db: DbOrTx, actor: Actor, id: string, action: OrganisationAction) => authorizeKind(db, actor, id, 'enterprise', action)
export const authorizeMunicipality = (db: DbOrTx, actor: Actor, id: string, action: OrganisationAction) => authorizeKind(db, actor, id, 'municipality', action)

/** Any registered enterprise, no membership needed: a municipality must be able to reach out to it. */
export async function loadEnterprise(db: DbOrTx, enterpriseId: string): Promise<OrganisationRow> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, enterpriseId)).limit(1)
  if (!row || row.kind !== 'enterprise') throw enterpriseErrors.notFound()
  return row
}
