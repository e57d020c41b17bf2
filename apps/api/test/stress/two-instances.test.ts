import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { and, count, eq, like, sql } from 'drizzle-orm'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, queryRows, type DatabaseHandle } from '../../src/db/client'
import { deadlineReminders } from '../../src/jobs/deadline-reminders.table'
import { challenges } from '../../src/modules/challenges/challenges.table'
import { createClosedChallenge, createEnterprise, createMunicipality, createSubmittedProposal, seatJuror, type TestUser } from '../../src/modules/jury/jury.fixtures'
import { emailOutbox } from '../../src/modules/outbox/outbox.table'
import { LOGIN_MAX_FAILURES } from '../../src/modules/auth/login-throttle'
import { RATE_LIMIT_NAMESPACE } from '../../src/plugins/rate-limits'
import { bearer, http, registerUser } from '../http'
import { awayFromMinuteEdge } from '../support/rate-limit-window'
import { startServer, type ServerProcess } from '../support/server-process'
import type { TestContext } from '../test-app'

/**
 * Two API processes (src/server.ts, as production runs them) on one PostgreSQL and one Redis, as
 * docker-compose runs them: migrations once beforehand, MIGRATE_ON_START=false on both, both running
 * the job workers. Needs TEST_DATABASE_URL and REDIS_URL (CI sets both when the servers answer).
 */
const serverUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.REDIS_URL
const apiRoot = fileURLToPath(new URL('../..', import.meta.url))
const RATE_LIMIT = 600
const REMINDED = 24

describe.runIf(serverUrl && redisUrl)('two API instances on one PostgreSQL and Redis', () => {
  const name = `opgave_two_${randomUUID().replaceAll('-', '')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'opgave-two-'))
  let databaseUrl: string
  let database: DatabaseHandle
  let a: ServerProcess
  let b: ServerProcess
  /** The fixtures take a test context; here its "app" is a URL (supertest accepts one) and its database the shared one. */
  const via = (server: ServerProcess) => ({ app: { server: server.url }, database, clock: { now: new Date() } }) as unknown as TestContext

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(serverUrl!)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    // The README's upgrade step: migrations once, before the instances start.
    const migrated = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: apiRoot, env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir } })
    expect(migrated.stdout).toContain('Migrations applied (pg)')
    database = await createDatabase({ databaseUrl, poolSize: 4 })

    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl!,
      MIGRATE_ON_START: 'false',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      JOB_TICK_SECONDS: '1',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    }
    await clearRateLimits()
    ;[a, b] = await Promise.all([startServer(env), startServer(env)])
  }, 180_000)

  afterAll(async () => {
    for (const s of [a, b]) s?.child.kill('SIGTERM')
    await Promise.all([a?.exited, b?.exited])
    await database?.close()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  async function clearRateLimits() {
    const redis = new Redis(redisUrl!)
    const keys = await redis.keys(`${RATE_LIMIT_NAMESPACE}*`)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  }

  it('reads through one instance the scorecards written through the other, under concurrent load', { timeout: 300_000 }, async () => {
    const A = via(a)
    const B = via(b)
    const started = Date.now()
    const staff = await registerUser(A, 'manager@gemeente.nl', 'Maaike Manager')
    const jurors: TestUser[] = []
    for (let i = 0; i < 3; i++) jurors.push(await registerUser(i % 2 ? B : A, `jurylid${i}@jury.nl`, `Jurylid ${i}`))
    const owner = await registerUser(B, 'owner@dak.nl', 'Otto Ondernemer')
    const municipality = await createMunicipality(A, staff)
    const challengeId = (await createClosedChallenge(A, municipality.id)).id
    const proposalIds: string[] = []
    for (let i = 0; i < 4; i++) {
      const enterprise = await createEnterprise(i % 2 ? B : A, owner, `Onderneming ${i}`)
      proposalIds.push((await createSubmittedProposal(A, { challengeId, enterprise, title: `Plan ${i}`, sdgTargets: ['11.6'], submittedBy: owner.user.id })).id)
    }
    await seatJuror(A, staff, challengeId, jurors[0]!, { isChair: true })
    await seatJuror(B, staff, challengeId, jurors[1]!)
    await seatJuror(A, staff, challengeId, jurors[2]!)
    const chair = jurors[0]!
    const round = await http(B).post(`/api/v1/challenges/${challengeId}/rounds`).set(bearer(chair.token)).send({ kind: 'written', name: 'Ronde 1', blindReview: true, jurorsPerProposal: 3, maxLoad: 4 })
    expect(round.status).toBe(201)
    const roundId = round.body.id as string
    const criterion = await http(A).post(`/api/v1/jury-rounds/${roundId}/criteria`).set(bearer(chair.token)).send({ name: 'Impact', weight: 1 })
    expect(criterion.status).toBe(201)
    expect((await http(B).post(`/api/v1/jury-rounds/${roundId}/assignment`).set(bearer(chair.token))).status).toBe(200)

    // Every juror scores every proposal: each write through one instance, each read through the other, all at once.
    const cards = jurors.flatMap((juror, j) => proposalIds.map((proposalId, p) => ({ juror, proposalId, score: 1 + ((j * 4 + p) % 10), writer: (j + p) % 2 ? B : A, reader: (j + p) % 2 ? A : B })))
    const t0 = Date.now()
    const results = await Promise.all(
      cards.map(async (card) => {
        const url = `/api/v1/jury-rounds/${roundId}/proposals/${card.proposalId}/scorecard`
        const current = await http(card.reader).get(url).set(bearer(card.juror.token))
        const saved = await http(card.writer).put(url).set(bearer(card.juror.token)).send({ version: current.body.version, scores: { [criterion.body.id]: { score: card.score, comment: `Cijfer ${card.score}` } } })
        const read = await http(card.reader).get(url).set(bearer(card.juror.token))
        return { card, saved: saved.status, read: read.status, readScore: read.body.scores?.[criterion.body.id]?.score, readVersion: read.body.version, savedVersion: saved.body.version }
      }),
    )
    const ms = Date.now() - t0
    console.log(`[two-instances] ${cards.length} scorecards written through one instance and read through the other (${cards.length * 3} requests) in ${ms} ms; setup ${t0 - started} ms`)
    for (const r of results) {
      expect(r.saved).toBe(200)
      expect(r.read).toBe(200)
      expect(r.readScore).toBe(r.card.score)
      expect(r.readVersion).toBe(r.savedVersion)
    }
  })

  it('counts the rate limit across both instances: requests spread over them meet the global limit, and once both have synced both refuse', { timeout: 120_000 }, async () => {
    await awayFromMinuteEdge(15_000)
    await clearRateLimits()
    const total = RATE_LIMIT + 60
    const statuses: number[] = []
    const byInstance = { a: { ok: 0, limited: 0 }, b: { ok: 0, limited: 0 } }
    const send = (which: 'a' | 'b') =>
      fetch(`${(which === 'a' ? a : b).url}/api/v1/challenges`).then((res) => {
        if (res.status === 200) byInstance[which].ok++
        else if (res.status === 429) byInstance[which].limited++
        return res.arrayBuffer().then(() => res.status)
      })
    const t0 = Date.now()
    for (let i = 0; i < total; i += 20) {
      statuses.push(...(await Promise.all(Array.from({ length: Math.min(20, total - i) }, (_, k) => send((i + k) % 2 ? 'b' : 'a')))))
    }
    const ok = statuses.filter((s) => s === 200).length
    const limited = statuses.filter((s) => s === 429).length
    // Both instances have synced since (RATE_LIMIT_SYNC_MS, default 100): each knows the shared count is past the limit.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const after = await Promise.all(['a', 'b', 'a', 'b'].map((which) => send(which as 'a' | 'b')))
    console.log(`[two-instances] ${total} requests alternating over both instances in ${Date.now() - t0} ms, limit ${RATE_LIMIT}/min: ${ok} × 200 (${ok - RATE_LIMIT} past the limit before the instances synced), ${limited} × 429; a ${JSON.stringify(byInstance.a)}, b ${JSON.stringify(byInstance.b)}; after a sync ${JSON.stringify(after)}`)
    // Never refused before the shared count passed the limit; refused on both instances once they synced.
    expect(statuses.slice(0, RATE_LIMIT - 20)).toEqual(Array(RATE_LIMIT - 20).fill(200))
    expect(ok).toBeGreaterThanOrEqual(RATE_LIMIT)
    expect(limited).toBeGreaterThan(0)
    expect(ok + limited).toBe(total)
    expect(after).toEqual([429, 429, 429, 429])
    // Each instance alone served far fewer than the limit: only a shared count refuses the rest.
    expect(byInstance.a.ok).toBeLessThan(RATE_LIMIT)
    expect(byInstance.b.ok).toBeLessThan(RATE_LIMIT)
    await clearRateLimits()
  })

  it('counts failed logins for one account across both instances (the login throttle is in PostgreSQL)', { timeout: 60_000 }, async () => {
    const user = await registerUser(via(a), 'doelwit@example.nl', 'Doelwit')
    const statuses: number[] = []
    for (let i = 0; i < LOGIN_MAX_FAILURES + 1; i++) {
      const res = await fetch(`${(i % 2 ? b : a).url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.user.email, password: `fout-wachtwoord-${i}-abcdef` }) })
      statuses.push(res.status)
    }
    console.log(`[two-instances] ${LOGIN_MAX_FAILURES + 1} wrong passwords for one account, alternating instances: ${JSON.stringify(statuses)}`)
    expect(statuses).toEqual([...Array.from({ length: LOGIN_MAX_FAILURES }, () => 401), 429])
  })

  it('sends every deadline reminder once, though both instances run the reminder and email workers', { timeout: 180_000 }, async () => {
    const A = via(a)
    const B = via(b)
    const staff = await registerUser(A, 'opgaven@gemeente-twee.nl', 'Opgaven')
    const municipality = await createMunicipality(A, staff, 'Gemeente Twee')
    const now = Date.now()
    const [challenge] = await database.db
      .insert(challenges)
      .values({ municipalityId: municipality.id, slug: 'herinnering', title: 'Herinnering', status: 'published', publishedAt: new Date(now - 86_400_000), questionsDeadline: new Date(now - 3_600_000), submissionDeadline: new Date(now + 47 * 3_600_000), sdgGoals: [8] })
      .returning()
    // Followers sign up and follow through both instances while the workers already run.
    const followers = await Promise.all(
      Array.from({ length: REMINDED }, async (_, i) => {
        const through = i % 2 ? B : A
        const user = await registerUser(through, `volger${i}@herinnering.nl`, `Volger ${i}`)
        const res = await http(i % 2 ? A : B).put(`/api/v1/challenges/${challenge!.id}/follow`).set(bearer(user.token))
        expect(res.status).toBeLessThan(300)
        return user
      }),
    )
    expect(followers).toHaveLength(REMINDED)
    // The periodic job runs every second on whichever instance takes it; wait until everyone is reminded,
    // then a few more ticks to see nobody reminded twice.
    const t0 = Date.now()
    const reminded = async () => (await database.db.select({ n: count() }).from(deadlineReminders).where(eq(deadlineReminders.challengeId, challenge!.id)))[0]!.n
    while ((await reminded()) < REMINDED && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 250))
    const waited = Date.now() - t0
    await new Promise((r) => setTimeout(r, 4000))
    const reminderMails = () => database.db.select().from(emailOutbox).where(and(like(emailOutbox.to, '%@herinnering.nl'), like(emailOutbox.subject, 'Inzendtermijn sluit binnenkort%')))
    // And every one of them delivered (logged: no SMTP_URL) by the email jobs, once.
    const deadline = Date.now() + 30_000
    while ((await reminderMails()).some((m) => m.status === 'pending') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
    const mails = await reminderMails()
    const perRecipient = new Map<string, number>()
    for (const m of mails) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1)
    const jobs = await queryRows<{ state: string; n: number }>(database.db, pgbossCounts())
    const ticks = await queryRows<{ n: number }>(database.db, tickCount())
    console.log(`[two-instances] ${REMINDED} followers: all reminded within ${waited} ms; outbox rows per recipient ${JSON.stringify([...new Set(perRecipient.values())])}; statuses ${JSON.stringify(countBy(mails.map((m) => m.status)))}; email.send jobs by state ${JSON.stringify(jobs)}; reminder ticks run ${ticks[0]?.n}`)
    expect(await reminded()).toBe(REMINDED)
    expect(mails).toHaveLength(REMINDED)
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true)
    expect(mails.every((m) => m.status === 'logged')).toBe(true)
    for (const s of [a, b]) expect(s.output()).not.toMatch(/"level":50/)
  })
})

const countBy = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {})
const pgbossCounts = () => sqlRaw(`SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = 'email.send' GROUP BY state ORDER BY state`)
const tickCount = () => sqlRaw(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deadlines.remind' AND state = 'completed'`)
const sqlRaw = (text: string) => sql.raw(text)
