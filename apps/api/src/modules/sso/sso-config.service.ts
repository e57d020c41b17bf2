import { and, asc, eq } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { authorizeOrganisation } from '../organisations/organisations.service'
import { organisations } from '../organisations/organisations.table'
import { isAcceptableIssuerUrl } from './oidc'
import { ssoErrors } from './sso.errors'
import type { PutSsoConfigBody, SsoConfig } from './sso.schemas'
import type { Sealer } from './sealed'
import { ssoConfigs, type SsoConfigRow } from './sso.table'

export const SSO_CALLBACK_PATH = '/api/v1/sso/callback'
export const callbackUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`

const toSsoConfig = (row: SsoConfigRow, publicUrl: string): SsoConfig => ({
  organisationId: row.organisationId,
  issuerUrl: row.issuerUrl,
  clientId: row.clientId,
  clientSecretSet: row.clientSecretSealed !== null,
  scopes: row.scopes,
  roleClaim: row.roleClaim,
  roleMapping: row.roleMapping,
  allowedDomains: row.allowedDomains,
  enabled: row.enabled,
  redirectUri: callbackUrl(publicUrl),
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
})

/** What the audit log keeps of a configuration: never the secret, only whether one is set. */
const auditView = (row: SsoConfigRow) => ({ ...toSsoConfig(row, ''), redirectUri: undefined })

/** Municipality admins and platform admins; others learn nothing (404), members without the right get 403. */
async function authorize(db: DbOrTx, actor: Actor, organisationId: string) {
  const { organisation } = await authorizeOrganisation(db, actor, organisationId, 'organisation.update')
  if (organisation.kind !== 'municipality') throw ssoErrors.municipalityOnly()
  return organisation
}

export interface SsoConfigDeps {
  db: Database
  sealer: Sealer
  publicUrl: string
  now: () => Date
}

export async function getSsoConfig(deps: SsoConfigDeps, actor: Actor, organisationId: string): Promise<SsoConfig> {
  await authorize(deps.db, actor, organisationId)
  const [row] = await deps.db.select().from(ssoConfigs).where(eq(ssoConfigs.organisationId, organisationId)).limit(1)
  if (!row) throw ssoErrors.notConfigured('No single sign-on is configured for this municipality yet.')
  return toSsoConfig(row, deps.publicUrl)
}

export async function putSsoConfig(deps: SsoConfigDeps, actor: Actor, organisationId: string, body: PutSsoConfigBody): Promise<{ config: SsoConfig; created: boolean }> {
  if (!isAcceptableIssuerUrl(body.issuerUrl)) {
    throw commonProblems.fieldInvalid('/issuerUrl', 'sso.issuer_insecure', 'The issuer must be an https URL without query or fragment (http only for localhost).')
  }
  const values = {
    issuerUrl: body.issuerUrl.replace(/\/+$/, ''),
    clientId: body.clientId.trim(),
    scopes: ['openid', ...body.scopes.filter((s) => s !== 'openid')],
    roleClaim: body.roleClaim.trim(),
    roleMapping: body.roleMapping.map((m) => ({ claimValue: m.claimValue.trim(), role: m.role })),
    allowedDomains: body.allowedDomains,
    enabled: body.enabled,
  }
  return deps.db.transaction(async (tx) => {
    await authorize(tx, actor, organisationId)
    const [before] = await tx.select().from(ssoConfigs).where(eq(ssoConfigs.organisationId, organisationId)).for('update')
    const secretSealed = body.clientSecret !== undefined ? deps.sealer.seal(body.clientSecret) : (before?.clientSecretSealed ?? null)
    if (secretSealed === null) throw commonProblems.fieldInvalid('/clientSecret', 'required', 'Enter the client secret the identity provider issued.')
    if (before) {
      if (body.version === undefined) throw commonProblems.fieldInvalid('/version', 'required', 'Send the version you edited.')
      if (body.version !== before.version) throw commonProblems.staleVersion(toSsoConfig(before, deps.publicUrl))
    }
    const now = deps.now()
    const [row] = before
      ? await tx
          .update(ssoConfigs)
          .set({ ...values, clientSecretSealed: secretSealed, version: before.version + 1, updatedAt: now })
          .where(eq(ssoConfigs.organisationId, organisationId))
          .returning()
      : await tx
          .insert(ssoConfigs)
          .values({ ...values, organisationId, clientSecretSealed: secretSealed, createdAt: now, updatedAt: now })
          .returning()
    await recordAudit(tx, {
      actorId: actor.userId,
      action: before ? 'sso.config_updated' : 'sso.config_created',
      entityType: 'sso_config',
      entityId: organisationId,
      organisationId,
      before: before ? auditView(before) : null,
      after: { ...auditView(row!), clientSecretChanged: body.clientSecret !== undefined },
    })
    return { config: toSsoConfig(row!, deps.publicUrl), created: !before }
  })
}

export async function deleteSsoConfig(deps: SsoConfigDeps, actor: Actor, organisationId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await authorize(tx, actor, organisationId)
    const [removed] = await tx.delete(ssoConfigs).where(eq(ssoConfigs.organisationId, organisationId)).returning()
    if (!removed) throw ssoErrors.notConfigured('No single sign-on is configured for this municipality.')
    await recordAudit(tx, { actorId: actor.userId, action: 'sso.config_deleted', entityType: 'sso_config', entityId: organisationId, organisationId, before: auditView(removed) })
  })
}

/** Municipalities whose staff can log in with SSO: public, for the login page. */
export async function listSsoProviders(db: Database) {
  return db
    .select({ slug: organisations.slug, name: organisations.name })
    .from(ssoConfigs)
    .innerJoin(organisations, eq(organisations.id, ssoConfigs.organisationId))
    .where(and(eq(ssoConfigs.enabled, true), eq(organisations.kind, 'municipality')))
    .orderBy(asc(organisations.name))
}

/** The enabled configuration of a municipality by slug; a disabled or missing one is 404. */
export async function enabledConfigBySlug(db: Database, slug: string) {
  const [row] = await db
    .select({ config: ssoConfigs, organisation: organisations })
    .from(ssoConfigs)
    .innerJoin(organisations, eq(organisations.id, ssoConfigs.organisationId))
    .where(and(eq(organisations.slug, slug), eq(ssoConfigs.enabled, true), eq(organisations.kind, 'municipality')))
    .limit(1)
  if (!row) throw ssoErrors.notConfigured()
  return row
}

export async function enabledConfigById(db: Database, organisationId: string) {
  const [row] = await db
    .select()
    .from(ssoConfigs)
    .where(and(eq(ssoConfigs.organisationId, organisationId), eq(ssoConfigs.enabled, true)))
    .limit(1)
  if (!row) throw ssoErrors.notConfigured('Single sign-on was switched off for this municipality.')
  return row
}
