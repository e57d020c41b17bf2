import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase, queryRows, type DatabaseHandle } from '../../src/db/client'
import { challenges } from '../../src/modules/challenges/challenges.table'
import { organisations } from '../../src/modules/organisations/organisations.table'
import { startServer, type ServerProcess } from '../support/server-process'

const serverUrl = process.env.TEST_DATABASE_URL
if (!serverUrl) console.log('[crash] skipped: TEST_DATABASE_URL is not set; the crash test needs PostgreSQL (CI sets it).')

const N = 500
const dataDir = mkdtempSync(join(tmpdir(), 'opgave-crash-'))
const dbName = `opgave_crash_${randomUUID().replaceAll('-', '')}`
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true })
  if (!serverUrl) return
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.end()
})

interface Outcome {
  status: number
  id?: string
  replayed?: boolean
  error?: string
}

async function post(url: string, token: string, body: unknown, key?: string): Promise<Outcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    })
    const json = (await res.json()) as { id?: string }
    return { status: res.status, id: json.id, replayed: res.headers.get('idempotent-replayed') === 'true' }
  } catch (error) {
    return { status: 0, error: String((error as Error).cause ?? error) }
  }
}

describe.skipIf(!serverUrl)('crash safety: SIGKILL under load, restart, retry with the same Idempotency-Keys', () => {
  it(`creates each of ${N} questions exactly once, with its audit record and email`, { timeout: 600_000 }, async () => {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const url = new URL(serverUrl!)
    url.pathname = `/${dbName}`
    const env = {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    }

    let server: ServerProcess = await startServer(env)
    let database: DatabaseHandle | undefined
    try {
      // The world: an entrepreneur with an enterprise (through the API), a municipality and an open challenge.
      const registered = await fetch(`${server.url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'crash@example.nl', password: 'lange-zin-voor-de-test', name: 'Crash Test' }),
      })
      const token = ((await registered.json()) as { accessToken: string }).accessToken
      const enterprise = await post(`${server.url}/api/v1/organisations`, token, { kind: 'enterprise', name: 'Crash BV' })
      expect(enterprise.status).toBe(201)
      database = await createDatabase({ databaseUrl: url.toString(), poolSize: 2 })
      const [municipality] = await database.db.insert(organisations).values({ kind: 'municipality', name: 'Gemeente Crash', slug: 'crash' }).returning()
      const day = 86_400_000
      const [challenge] = await database.db
        .insert(challenges)
        .values({
          municipalityId: municipality!.id,
          slug: 'crash',
          title: 'Crashbestendig',
          contactEmail: 'opgaven@crash.nl',
          status: 'published',
          publishedAt: new Date(Date.now() - day),
          questionsDeadline: new Date(Date.now() + 10 * day),
          submissionDeadline: new Date(Date.now() + 20 * day),
        })
        .returning()
      const askUrl = (s: ServerProcess) => `${s.url}/api/v1/challenges/${challenge!.id}/questions`
      const keys = Array.from({ length: N }, () => randomUUID())
      const bodyOf = (i: number) => ({ enterpriseId: enterprise.id, text: `Crashvraag ${i}: ${keys[i]}` })

      // Kill once a random share (10–70 %) of the answers is in: at a random moment mid-load.
      const killAfter = Math.floor(N * (0.1 + Math.random() * 0.6))
      let answered = 0
      const first = await Promise.all(
        keys.map((key, i) =>
          post(askUrl(server), token, bodyOf(i), key).then((outcome) => {
            if (outcome.status !== 0 && ++answered === killAfter) server.child.kill('SIGKILL')
            return outcome
          }),
        ),
      )
      await server.exited
      const acknowledged = first.filter((o) => o.status === 201)
      const unexpected = first.filter((o) => o.status !== 201 && o.status !== 0)
      expect(unexpected, JSON.stringify(unexpected.slice(0, 3))).toEqual([])

      // Restart on the same database and retry every unacknowledged request with its own key.
      server = await startServer(env)
      const outcomes = [...first]
      let pending = keys.map((_, i) => i).filter((i) => outcomes[i]!.status !== 201)
      const retried = pending.length
      let replayedRetries = 0
      for (let round = 0; round < 10 && pending.length > 0; round++) {
        const again = await Promise.all(pending.map((i) => post(askUrl(server), token, bodyOf(i), keys[i])))
        again.forEach((o, j) => {
          outcomes[pending[j]!] = o
          if (o.status === 201 && o.replayed) replayedRetries++
        })
        pending = pending.filter((i) => outcomes[i]!.status !== 201)
        if (pending.length) await new Promise((r) => setTimeout(r, 500))
      }

      const [counts] = await queryRows<{ rows: number; distinct_texts: number; without_audit: number; emails: number; keys: number }>(
        database.db,
        sql`select
              (select count(*)::int from questions where challenge_id = ${challenge!.id}) as rows,
              (select count(distinct text)::int from questions where challenge_id = ${challenge!.id}) as distinct_texts,
              (select count(*)::int from questions q where q.challenge_id = ${challenge!.id}
                 and not exists (select 1 from audit_events a where a.entity_type = 'question' and a.entity_id = q.id::text)) as without_audit,
              (select count(*)::int from email_outbox where to_address = 'opgaven@crash.nl') as emails,
              (select count(*)::int from idempotency_keys where operation like 'POST %/questions') as keys`,
      )
      const [orphans] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events a where a.entity_type = 'question'
              and not exists (select 1 from questions q where q.id::text = a.entity_id)`,
      )
      const ids = new Set(outcomes.map((o) => o.id))
      const duplicates = counts!.rows - counts!.distinct_texts
      console.log(
        `[crash] sent ${N}; acknowledged before SIGKILL ${acknowledged.length} (kill after ${killAfter} answers); retried ${retried} ` +
          `(${replayedRetries} replayed a stored answer, ${retried - replayedRetries} did the work); still unacknowledged ${pending.length}; ` +
          `rows ${counts!.rows}; duplicates ${duplicates}; questions without audit record ${counts!.without_audit}; audit records without question ${orphans!.n}; ` +
          `emails ${counts!.emails}; stored keys ${counts!.keys}`,
      )

      expect(pending).toEqual([])
      expect(counts!.rows).toBe(N)
      expect(duplicates).toBe(0)
      expect(ids.size).toBe(N)
      expect(counts!.without_audit).toBe(0)
      expect(orphans!.n).toBe(0)
      expect(counts!.emails).toBe(N)
      expect(counts!.keys).toBe(N)
    } finally {
      await database?.close()
      if (server.child.exitCode === null) server.child.kill('SIGKILL')
      await server.exited
    }
  })
})
