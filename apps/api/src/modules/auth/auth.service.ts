import { hash, verify } from '@node-rs/argon2'
import { and, eq, isNull } from 'drizzle-orm'
import { checkPassword } from '@opgave/domain'
import type { RegisterBody, LoginBody, Me } from '@opgave/contracts'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import { recordAudit } from '../audit/audit.service'
import { users } from '../users/users.table'
import { findUserByEmail, getMe, normaliseEmail } from '../users/users.service'
import { authSessions, refreshTokens } from './auth.table'
import { authErrors } from './auth.errors'
import { assertLoginAllowed, recordLoginFailure } from './login-throttle'
import { newRefreshSecret, parseRefreshToken, secretMatches, SESSION_TTL_MS } from './refresh-token'
import type { SessionChanges } from './session-cache'

// OWASP's argon2id recommendation (m=19 MiB, t=2, p=1).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const
/** Verified when the account does not exist, so unknown and known accounts take the same time. */
let dummyHash: Promise<string> | undefined
const getDummyHash = () => (dummyHash ??= hash('not-a-real-password-for-timing', ARGON2_OPTIONS))

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS)

export interface AuthDeps {
  db: Database
  now: () => Date
  signAccessToken: (claims: { sub: string; sid: string }) => string
}

/** What refresh and logout need besides: this instance's session cache, told at once when a session ends. */
export type SessionDeps = AuthDeps & { sessions: SessionChanges }

export interface IssuedSession {
  accessToken: string
  refreshToken: string
  user: Me
}

/** Opens a login session with its first refresh token (password login, registration and SSO alike). */
export async function openSession(deps: AuthDeps, tx: DbOrTx, userId: string) {
  const [session] = await tx
    .insert(authSessions)
    .values({ userId, expiresAt: new Date(deps.now().getTime() + SESSION_TTL_MS) })
    .returning({ id: authSessions.id })
  const { secret, hash: tokenHash } = newRefreshSecret()
  const [token] = await tx.insert(refreshTokens).values({ sessionId: session!.id, tokenHash }).returning({ id: refreshTokens.id })
  return { sessionId: session!.id, refreshToken: `${token!.id}.${secret}` }
}

async function issue(deps: AuthDeps, userId: string, opened: { sessionId: string; refreshToken: string }): Promise<IssuedSession> {
  const user = await getMe(deps.db, userId)
  if (!user) throw authErrors.refreshInvalid()
  return { accessToken: deps.signAccessToken({ sub: userId, sid: opened.sessionId }), refreshToken: opened.refreshToken, user }
}

export async function register(deps: AuthDeps, body: RegisterBody): Promise<IssuedSession> {
  const email = normaliseEmail(body.email)
  const problem = checkPassword(body.password, { email, name: body.name })
  if (problem) throw commonProblems.fieldInvalid('/password', `password.${problem}`, passwordMessage(problem))
  const passwordHash = await hashPassword(body.password)
  const result = await deps.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) return null
    const [user] = await tx
      .insert(users)
      .values({ email, name: body.name.trim(), passwordHash, locale: body.locale ?? 'nl' })
      .onConflictDoNothing()
      .returning({ id: users.id })
    if (!user) return null
    await recordAudit(tx, { actorId: user.id, action: 'user.registered', entityType: 'user', entityId: user.id, after: { locale: body.locale ?? 'nl' } })
    return { userId: user.id, opened: await openSession(deps, tx, user.id) }
  })
  if (!result) throw commonProblems.fieldInvalid('/email', 'auth.email_unavailable', 'This email address cannot be used to register. Log in instead, or use another address.')
  return issue(deps, result.userId, result.opened)
}

export function passwordMessage(problem: string): string {
  switch (problem) {
    case 'too_short':
      return 'Use at least 10 characters.'
    case 'too_common':
      return 'This password is too common. Choose another one.'
    case 'contains_email':
      return 'Do not use your email address in your password.'
    case 'repetitive':
      return 'This password is too repetitive.'
    default:
      return 'This password cannot be used.'
  }
}

export async function login(deps: AuthDeps, body: LoginBody, ip: string): Promise<IssuedSession> {
  const accountKey = normaliseEmail(body.email)
  const now = deps.now()
  await assertLoginAllowed(deps.db, { accountKey, ip, now })
  const user = await findUserByEmail(deps.db, accountKey)
  // Without an account a dummy hash is verified anyway, so both cases take the same time.
  const valid = user?.passwordHash ? await verify(user.passwordHash, body.password) : await verify(await getDummyHash(), body.password).then(() => false)
  if (!user || !valid || user.disabledAt) {
    await recordLoginFailure(deps.db, { accountKey, ip, now })
    throw authErrors.invalidCredentials('The email address or password is incorrect.')
  }
  const opened = await deps.db.transaction(async (tx) => {
    await recordAudit(tx, { actorId: user.id, action: 'user.logged_in', entityType: 'user', entityId: user.id })
    return openSession(deps, tx, user.id)
  })
  return issue(deps, user.id, opened)
}

/**
 * Rotates the refresh token. A token presented twice means it was stolen or replayed:
 * the whole session (the token family) is revoked, for the thief and the owner alike.
 */
export async function refresh(deps: SessionDeps, cookieValue: string | undefined): Promise<IssuedSession> {
  const parsed = parseRefreshToken(cookieValue)
  if (!parsed) throw authErrors.refreshInvalid('No valid session. Please log in.')
  const now = deps.now()
  const outcome = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ token: refreshTokens, session: authSessions, disabledAt: users.disabledAt })
      .from(refreshTokens)
      .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(eq(refreshTokens.id, parsed.id))
      .limit(1)
    if (!row || !secretMatches(parsed.secret, row.token.tokenHash)) return { ok: false as const, revoke: null }
    const { session } = row
    if (session.revokedAt || session.expiresAt <= now || row.disabledAt) return { ok: false as const, revoke: null }
    // Mark used atomically: of two concurrent presentations only one can win; the other counts as reuse.
    const claimed = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, row.token.id), isNull(refreshTokens.usedAt)))
      .returning({ id: refreshTokens.id })
    if (claimed.length === 0) return { ok: false as const, revoke: { sessionId: session.id, userId: session.userId } }
    const { secret, hash: tokenHash } = newRefreshSecret()
    const [next] = await tx.insert(refreshTokens).values({ sessionId: session.id, tokenHash }).returning({ id: refreshTokens.id })
    return { ok: true as const, userId: session.userId, opened: { sessionId: session.id, refreshToken: `${next!.id}.${secret}` } }
  })
  if (!outcome.ok) {
    if (outcome.revoke) await revokeSession(deps, outcome.revoke.sessionId, outcome.revoke.userId, 'refresh_token_reuse', now)
    throw authErrors.refreshInvalid('The session has ended. Please log in again.')
  }
  return issue(deps, outcome.userId, outcome.opened)
}

/**
 * Ends a session: refresh tokens at once (they are checked in the database), access tokens at once too —
 * this instance's session cache is told after the commit, the other instances hear the database trigger.
 */
export async function revokeSession({ db, sessions }: { db: Database; sessions: SessionChanges }, sessionId: string, actorId: string | null, reason: string, now: Date) {
  try {
    await db.transaction(async (tx) => {
      const revoked = await tx
        .update(authSessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
        .returning({ userId: authSessions.userId })
      if (revoked.length > 0) {
        await recordAudit(tx, { actorId, action: 'session.revoked', entityType: 'auth_session', entityId: sessionId, after: { reason } })
      }
    })
  } finally {
    sessions.forgetSession(sessionId)
  }
}

/** Logout ends the session named by the refresh cookie, or else the one the access token belongs to. */
export async function logout(deps: SessionDeps, cookieValue: string | undefined, actor: { userId: string; sessionId: string } | null) {
  const parsed = parseRefreshToken(cookieValue)
  if (parsed) {
    const [row] = await deps.db
      .select({ sessionId: refreshTokens.sessionId, tokenHash: refreshTokens.tokenHash, userId: authSessions.userId })
      .from(refreshTokens)
      .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.id, parsed.id))
      .limit(1)
    if (row && secretMatches(parsed.secret, row.tokenHash)) await revokeSession(deps, row.sessionId, row.userId, 'logout', deps.now())
  }
  if (actor) await revokeSession(deps, actor.sessionId, actor.userId, 'logout', deps.now())
}
