/**
 * A probe run by hand (not part of `pnpm bench`), for the 1d decision: the per-request session check as
 * drizzle builds it per call vs the same query as a named prepared statement (plugins/auth.ts now uses the
 * latter), 2,000 checks with 10 in flight, five rounds each side alternating, on PostgreSQL:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/opgave_bench pnpm exec tsx src/session-check-probe.ts
 */
import { and, eq, gt, isNull, sql } from '../../apps/api/node_modules/drizzle-orm'
import { createDatabase, queryRows } from './api'
import { authSessions } from '../../apps/api/src/modules/auth/auth.table'
import { users } from '../../apps/api/src/modules/users/users.table'
const h = await createDatabase({ databaseUrl: process.env.DATABASE_URL })
const db = h.db
const seats = await queryRows<{ user_id: string; id: string }>(db, sql`select user_id, id from auth_sessions where expires_at > now() limit 300`)
const plain = (sub: string, sid: string, now: Date) => db.select({ isPlatformAdmin: users.isPlatformAdmin }).from(authSessions).innerJoin(users, eq(users.id, authSessions.userId)).where(and(eq(authSessions.id, sid), eq(users.id, sub), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now), isNull(users.disabledAt))).limit(1)
const prepared = db.select({ isPlatformAdmin: users.isPlatformAdmin }).from(authSessions).innerJoin(users, eq(users.id, authSessions.userId)).where(and(eq(authSessions.id, sql.placeholder('sid')), eq(users.id, sql.placeholder('sub')), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, sql.placeholder('now')), isNull(users.disabledAt))).limit(1).prepare('load_actor')
const N = 2000, C = 10
async function run(kind: 'plain' | 'prepared') {
  let i = 0
  const started = performance.now(); const cpu = process.cpuUsage()
  await Promise.all(Array.from({ length: C }, async () => { while (i < N) { const s = seats[i++ % seats.length]!; const now = new Date(); const rows = kind === 'plain' ? await plain(s.user_id, s.id, now) : await prepared.execute({ sid: s.id, sub: s.user_id, now }); if (rows.length !== 1) throw new Error('no row') } }))
  const c = process.cpuUsage(cpu)
  return { perSec: N / ((performance.now() - started) / 1000), cpuMsPerCall: (c.user + c.system) / 1000 / N }
}
await run('plain'); await run('prepared')
const res: Record<string, { perSec: number; cpuMsPerCall: number }[]> = { plain: [], prepared: [] }
for (let r = 0; r < 5; r++) { res.plain!.push(await run('plain')); res.prepared!.push(await run('prepared')) }
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const k of ['plain', 'prepared']) console.log(k, 'calls/s', res[k]!.map((x) => Math.round(x.perSec)).join('/'), 'median', Math.round(med(res[k]!.map((x) => x.perSec))), 'bench-process CPU ms/call', med(res[k]!.map((x) => x.cpuMsPerCall)).toFixed(3))
await h.close()
