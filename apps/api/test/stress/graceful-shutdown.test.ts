import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { like, count } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../src/db/client'
import { users } from '../../src/modules/users/users.table'
import { startServer } from '../support/server-process'

const dataDir = mkdtempSync(join(tmpdir(), 'opgave-sigterm-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('SIGTERM under load', () => {
  it('finishes in-flight requests, answers nothing but successes and 503s, and loses or invents no write', { timeout: 180_000 }, async () => {
    const server = await startServer({ LOG_LEVEL: 'info', DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' })
    const N = 60
    // Each registration hashes a password with argon2id, so the batch is still running when SIGTERM arrives.
    const requests = Array.from({ length: N }, (_, i) =>
      fetch(`${server.url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `sigterm-${i}@example.nl`, password: 'lange-zin-voor-de-test', name: `Test ${i}` }),
      }).then(
        (res): { status: number; error?: string } => ({ status: res.status }),
        (error: Error) => ({ status: 0, error: String(error.cause ?? error) }),
      ),
    )
    await new Promise((r) => setTimeout(r, 150))
    server.child.kill('SIGTERM')
    const results = await Promise.all(requests)
    const code = await server.exited

    const byStatus: Record<string, number> = {}
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
    const refused = results.filter((r) => r.status === 0 && /ECONNREFUSED/.test(r.error ?? '')).length
    const dropped = results.filter((r) => r.status === 0 && !/ECONNREFUSED/.test(r.error ?? ''))
    if (dropped.length) console.log(`[sigterm] dropped: ${[...new Set(dropped.map((d) => d.error))].join(' | ')}\n${server.output().split('\n').filter((l) => /drain|shutting/.test(l)).join('\n')}`)
    console.log(`[sigterm] ${N} concurrent registrations, SIGTERM after 150 ms: by status ${JSON.stringify(byStatus)}; refused connections ${refused}; dropped in flight ${dropped.length}; exit code ${code}`)

    expect(code).toBe(0)
    // Every HTTP answer is a success or a 503. Known gap: under heavy load some connections that
    // had not yet delivered their request are reset at close (printed above as "dropped"); no
    // acknowledged write is lost and none of them wrote anything, which the count below proves.
    for (const r of results) expect([0, 201, 503]).toContain(r.status)
    const created = results.filter((r) => r.status === 201).length
    expect(created).toBeGreaterThan(0)

    // Every acknowledged registration is in the database; nothing beyond them.
    const database = await createDatabase({ dataDir })
    const [row] = await database.db.select({ n: count() }).from(users).where(like(users.email, 'sigterm-%'))
    await database.close()
    expect(row!.n).toBe(created)
  })
})
