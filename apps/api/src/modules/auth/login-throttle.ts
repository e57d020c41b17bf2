import { and, gte, lt, or, eq, sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { loginFailures } from './auth.table'
import { authErrors } from './auth.errors'

export const LOGIN_WINDOW_MS = 60_000
/** Five failures are allowed per account and per IP within the window; the sixth attempt is refused. */
export const LOGIN_MAX_FAILURES = 5

/** Throws 429 with Retry-After when the account or the IP used up its failures in the last minute. */
export async function assertLoginAllowed(db: Database, { accountKey, ip, now }: { accountKey: string; ip: string; now: Date }) {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS)
  const [row] = await db
    .select({
      byAccount: sql<number>`count(*) filter (where ${loginFailures.accountKey} = ${accountKey})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${ip})`.mapWith(Number),
      oldest: sql<string | null>`min(${loginFailures.at})`,
    })
    .from(loginFailures)
    .where(and(gte(loginFailures.at, since), or(eq(loginFailures.accountKey, accountKey), eq(loginFailures.ip, ip))))
  if (!row || (row.byAccount < LOGIN_MAX_FAILURES && row.byIp < LOGIN_MAX_FAILURES)) return
  const oldest = row.oldest ? new Date(row.oldest).getTime() : now.getTime()
  const retryAfter = Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - now.getTime()) / 1000))
  throw authErrors.tooManyAttempts(`Too many failed login attempts. Try again in ${retryAfter} seconds.`, undefined, { 'Retry-After': String(retryAfter) })
}

export async function recordLoginFailure(db: Database, { accountKey, ip, now }: { accountKey: string; ip: string; now: Date }) {
  await db.insert(loginFailures).values({ accountKey, ip, at: now })
  // Old rows have no use after the window; prune opportunistically so the table stays small.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 60 * LOGIN_WINDOW_MS)))
}
