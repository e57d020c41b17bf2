import { timingSafeEqual } from 'node:crypto'
import { and, eq, ne } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../db/client'
import { recordAudit } from '../audit/audit.service'
import { openSession, type AuthDeps } from '../auth/auth.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { findUserByEmail, normaliseEmail } from '../users/users.service'
import { users, type UserRow } from '../users/users.table'
import { authorizationUrl, discover, exchangeCode, newLoginChecks, type LoginChecks } from './oidc'
import { callbackUrl, enabledConfigById, enabledConfigBySlug } from './sso-config.service'
import { ssoErrors } from './sso.errors'
import { claimValues, emailDomainAllowed, mappedRole, membershipChange, type MunicipalRole } from './sso.mapping'
import type { Sealer } from './sealed'
import { ssoIdentities, type SsoConfigRow } from './sso.table'

/** How long a started login may take at the identity provider. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000

export interface SsoLoginDeps {
  db: Database
  auth: AuthDeps
  /** Opens client secrets stored at rest. */
  secrets: Sealer
  /** Seals the login state cookie (state, nonce, PKCE verifier): only this server can read or forge it. */
  states: Sealer
  publicUrl: string
  now: () => Date
}

interface LoginState extends LoginChecks {
  organisationId: string
  redirect: string
  expiresAt: number
}

/** A web-app path only: never another origin (`//host`, `/\host`), so the login cannot be turned into an open redirect. */
export const safeReturnPath = (value: string | undefined) => (value && /^\/(?![/\\])/.test(value) ? value : '/')

async function clientFor(deps: SsoLoginDeps, config: SsoConfigRow) {
  const clientSecret = deps.secrets.open(config.clientSecretSealed)
  if (clientSecret === null) throw ssoErrors.notConfigured('The stored client secret cannot be read (the app secret changed): an administrator must enter it again.')
  return discover({ issuerUrl: config.issuerUrl, clientId: config.clientId, clientSecret })
}

/** Step 1: the provider's authorization URL, and the sealed state the browser carries back in a cookie. */
export async function beginLogin(deps: SsoLoginDeps, slug: string, redirect: string | undefined) {
  const { config } = await enabledConfigBySlug(deps.db, slug)
  const client = await clientFor(deps, config)
  const checks = newLoginChecks()
  const url = await authorizationUrl(client, checks, callbackUrl(deps.publicUrl), config.scopes)
  const state: LoginState = { ...checks, organisationId: config.organisationId, redirect: safeReturnPath(redirect), expiresAt: deps.now().getTime() + LOGIN_STATE_TTL_MS }
  return { url: url.href, stateCookie: deps.states.seal(JSON.stringify(state)) }
}

function readState(deps: SsoLoginDeps, cookie: string | undefined): LoginState | null {
  const text = deps.states.open(cookie)
  if (!text) return null
  const state = JSON.parse(text) as LoginState
  return state.expiresAt > deps.now().getTime() ? state : null
}

const sameString = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Step 2, the callback: checks the state against this browser's cookie, exchanges the code, validates
 * the ID token, links or creates the user, applies the role mapping and opens a session.
 */
export async function completeLogin(deps: SsoLoginDeps, query: Record<string, string | undefined>, cookie: string | undefined) {
  const state = readState(deps, cookie)
  if (!state) throw ssoErrors.stateInvalid('This login attempt is unknown or has expired. Start the login again.')
  if (typeof query.state !== 'string' || !sameString(query.state, state.state)) throw ssoErrors.stateInvalid('The answer does not belong to the login started in this browser. Start the login again.')
  if (query.error) throw query.error === 'access_denied' ? ssoErrors.accessDenied('Consent was refused or the login was cancelled.') : ssoErrors.tokenInvalid(`The identity provider answered ${query.error}.`)
  const config = await enabledConfigById(deps.db, state.organisationId)
  const client = await clientFor(deps, config)
  const current = new URL(callbackUrl(deps.publicUrl))
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') current.searchParams.set(key, value)
  const claims = await exchangeCode(client, current, state)
  const outcome = await linkAndGrant(deps, config, claims)
  return { ...outcome, redirect: state.redirect }
}

interface IdentityClaims {
  issuer: string
  subject: string
  email: string
  name: string
  locale: 'nl' | 'en'
}

function identityOf(config: SsoConfigRow, claims: Record<string, unknown>): IdentityClaims {
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null
  // Providers that do not assert verification at all (Entra ID) are trusted for the municipality's own domains.
  if (!email || claims.email_verified === false || claims.email_verified === 'false') throw ssoErrors.emailNotAllowed('The identity provider sent no verified email address.')
  if (!emailDomainAllowed(email, config.allowedDomains)) throw ssoErrors.emailNotAllowed('The email address is not in a domain this municipality allows.')
  const given = [claims.given_name, claims.family_name].filter((v): v is string => typeof v === 'string').join(' ')
  const name = (typeof claims.name === 'string' && claims.name.trim()) || given.trim() || email.slice(0, email.indexOf('@'))
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email,
    name: name.slice(0, 200),
    locale: typeof claims.locale === 'string' && claims.locale.toLowerCase().startsWith('en') ? 'en' : 'nl',
  }
}

async function findOrCreateUser(tx: DbOrTx, identity: IdentityClaims, organisationId: string) {
  const [linked] = await tx
    .select({ user: users })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.issuer, identity.issuer), eq(ssoIdentities.subject, identity.subject)))
    .limit(1)
  if (linked) return { user: linked.user, linked: true, created: false }
  const existing = await findUserByEmail(tx, identity.email)
  if (existing) return { user: existing, linked: false, created: false }
  const [created] = await tx
    .insert(users)
    .values({ email: identity.email, name: identity.name, passwordHash: null, locale: identity.locale })
    .onConflictDoNothing()
    .returning()
  // Lost a race with a registration of the same address: link to that account instead.
  if (!created) return { user: (await findUserByEmail(tx, identity.email))!, linked: false, created: false }
  await recordAudit(tx, { actorId: created.id, action: 'user.registered', entityType: 'user', entityId: created.id, organisationId, after: { method: 'sso', locale: created.locale } })
  return { user: created, linked: false, created: true }
}

async function otherAdminExists(tx: DbOrTx, organisationId: string, userId: string) {
  const [row] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'admin'), ne(memberships.userId, userId)))
    .limit(1)
  return row !== undefined
}

/** Applies what the identity provider says about the user's role; returns the role the user ends up with. */
async function applyRole(tx: DbOrTx, user: UserRow, config: SsoConfigRow, granted: MunicipalRole | null): Promise<string | null> {
  const organisationId = config.organisationId
  // Serialises role changes in this municipality, as the organisations module does.
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update')
  const [membership] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, user.id)))
  const current = membership?.role ?? null
  const change = membershipChange(current, granted, config.roleMapping)
  const entityId = `${organisationId}:${user.id}`
  const audit = { actorId: user.id, entityType: 'membership', entityId, organisationId }
  if (change.kind === 'none') return current
  if (change.kind === 'create') {
    await tx.insert(memberships).values({ organisationId, userId: user.id, role: change.role })
    await recordAudit(tx, { ...audit, action: 'membership.created', after: { role: change.role, via: 'sso' } })
    return change.role
  }
  // The municipality must keep an admin: the IdP cannot take the role from the last one.
  if (current === 'admin' && !(await otherAdminExists(tx, organisationId, user.id))) {
    await recordAudit(tx, { ...audit, action: 'sso.last_admin_kept', before: { role: current }, after: { role: change.kind === 'change' ? change.role : null } })
    return current
  }
  if (change.kind === 'change') {
    await tx.update(memberships).set({ role: change.role, updatedAt: new Date() }).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, user.id)))
    await recordAudit(tx, { ...audit, action: 'membership.role_changed', before: { role: current }, after: { role: change.role, via: 'sso' } })
    return change.role
  }
  await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, user.id)))
  await recordAudit(tx, { ...audit, action: 'membership.removed', before: { role: current }, after: { via: 'sso' } })
  return null
}

async function linkAndGrant(deps: SsoLoginDeps, config: SsoConfigRow, claims: Record<string, unknown>) {
  const identity = identityOf(config, claims)
  const granted = mappedRole(claimValues(claims, config.roleClaim), config.roleMapping)
  const outcome = await deps.db.transaction(async (tx) => {
    // Nobody is created for a login that would be refused anyway.
    if (!granted && !(await findUserByEmail(tx, identity.email)) && !(await identityExists(tx, identity))) return { refused: 'no_role' as const }
    const { user, linked } = await findOrCreateUser(tx, identity, config.organisationId)
    if (user.disabledAt) return { refused: 'disabled' as const }
    if (linked) {
      await tx.update(ssoIdentities).set({ lastLoginAt: deps.now() }).where(and(eq(ssoIdentities.issuer, identity.issuer), eq(ssoIdentities.subject, identity.subject)))
    } else {
      await tx.insert(ssoIdentities).values({ issuer: identity.issuer, subject: identity.subject, userId: user.id, organisationId: config.organisationId, lastLoginAt: deps.now() }).onConflictDoNothing()
      await recordAudit(tx, { actorId: user.id, action: 'sso.identity_linked', entityType: 'user', entityId: user.id, organisationId: config.organisationId })
    }
    const role = await applyRole(tx, user, config, granted)
    // Role removals above are kept (committed) even though the login itself is refused.
    if (role === null) return { refused: 'no_role' as const }
    await recordAudit(tx, { actorId: user.id, action: 'user.logged_in', entityType: 'user', entityId: user.id, organisationId: config.organisationId, after: { method: 'sso' } })
    return { refused: null, userId: user.id, session: await openSession(deps.auth, tx, user.id) }
  })
  if (outcome.refused === 'disabled') throw ssoErrors.accountDisabled()
  if (outcome.refused === 'no_role') throw ssoErrors.noRole('None of this account’s groups is mapped to a role in the municipality.')
  return { userId: outcome.userId, refreshToken: outcome.session.refreshToken }
}

async function identityExists(tx: DbOrTx, identity: IdentityClaims) {
  const [row] = await tx
    .select({ userId: ssoIdentities.userId })
    .from(ssoIdentities)
    .where(and(eq(ssoIdentities.issuer, identity.issuer), eq(ssoIdentities.subject, identity.subject)))
    .limit(1)
  return row !== undefined
}
