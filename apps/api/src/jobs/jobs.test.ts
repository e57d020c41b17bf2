import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { bearer, http, registerUser } from '../../test/http'
import { makePlatformAdmin } from '../modules/challenges/challenges.fixtures'
import { challengeFollowers, challenges } from '../modules/challenges/challenges.table'
import { addMember, makeChallenge, makeOrganisation, startProposal } from '../modules/proposals/proposals.fixtures'
import { deliverEmail, relayPendingEmails, type MailTransport } from '../modules/outbox/outbox.dispatcher'
import { enqueueEmail } from '../modules/outbox/outbox.service'
import { emailOutbox } from '../modules/outbox/outbox.table'
import { sendDeadlineReminders } from './deadline-reminders'
import { deadlineReminders } from './deadline-reminders.table'
import { createJobQueue, QUEUES, type Job, type JobQueue } from './queue'
import { startWorkers } from './workers'
import type { MaintenanceReport } from '../db/maintenance'

const silent = { warn: () => undefined, info: () => undefined }
const hours = (n: number) => n * 3_600_000

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A mail server in this process: records what it accepted; `failFor` addresses are refused. */
function recordingTransport(failFor: string[] = []) {
  const sent: { to: string; subject: string }[] = []
  const transport: MailTransport = {
    async sendMail(message) {
      if (failFor.includes(message.to)) throw new Error(`550 mailbox unavailable`)
      sent.push({ to: message.to, subject: message.subject })
    },
  }
  return { sent, transport }
}

describe('background jobs on pg-boss', () => {
  let ctx: TestContext
  let queue: JobQueue
  beforeAll(async () => {
    ctx = await createTestApp()
    // A second queue on the same database stands for a second instance's workers.
    queue = createJobQueue({ db: ctx.database.db, log: silent, emailRetry: { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false }, pollingIntervalSeconds: 0.5 })
    await queue.start()
  })
  afterAll(async () => {
    await queue.stop()
    await ctx.close()
  })

  it('sends each outbox email once through the queue, though two relays and two workers run', async () => {
    const { sent, transport } = recordingTransport()
    const other = createJobQueue({ db: ctx.database.db, log: silent, pollingIntervalSeconds: 0.5 })
    for (const q of [queue, other]) await q.work<{ emailId: string }>(QUEUES.emailSend, (job) => deliverEmail({ db: ctx.database.db, transport, from: 'test@opgave.localhost', log: silent }, job))
    const addresses = Array.from({ length: 12 }, (_, i) => `ontvanger${i}@mail.nl`)
    for (const to of addresses) await enqueueEmail(ctx.database.db, { to, subject: 'Hallo', text: 'Tekst' })
    const handed = await Promise.all([relayPendingEmails(ctx.database.db, queue), relayPendingEmails(ctx.database.db, other)])
    expect(handed[0] + handed[1]).toBe(12)
    // A relay running again (e.g. after a crash) hands nothing over twice.
    expect(await relayPendingEmails(ctx.database.db, queue)).toBe(0)
    await until('all sent', async () => sent.length >= 12 && (await ctx.database.db.select().from(emailOutbox).where(inArray(emailOutbox.to, addresses))).every((r) => r.status === 'sent'))
    await new Promise((r) => setTimeout(r, 1000))
    expect(sent.map((m) => m.to).sort()).toEqual([...addresses].sort())
    await other.stop()
    await queue.stop().catch(() => undefined)
  })

  it('retries a failing email with backoff and, after the last retry, shows it failed in the outbox and to platform admins', async () => {
    queue = createJobQueue({ db: ctx.database.db, log: silent, emailRetry: { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false }, pollingIntervalSeconds: 0.5 })
    const { sent, transport } = recordingTransport(['kapot@mail.nl'])
    await queue.work<{ emailId: string }>(QUEUES.emailSend, (job) => deliverEmail({ db: ctx.database.db, transport, from: 'test@opgave.localhost', log: silent }, job))
    await enqueueEmail(ctx.database.db, { to: 'kapot@mail.nl', subject: 'Mislukt', text: 'x' })
    await relayPendingEmails(ctx.database.db, queue)
    const [row] = await until('failed row', async () => {
      const rows = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.to, 'kapot@mail.nl'))
      return rows[0]?.status === 'failed' && rows
    })
    expect(row!.attempts).toBe(3) // the first attempt and two retries
    expect(row!.lastError).toContain('550 mailbox unavailable')
    expect(sent).toEqual([])

    const jobs = await until('failed job', async () => {
      const list = await queue.list({ queue: QUEUES.emailSend, states: ['failed'], limit: 10 })
      return list.length > 0 && list
    })
    expect(jobs[0]).toMatchObject({ queue: 'email.send', state: 'failed', retryCount: 2, retryLimit: 2, error: '550 mailbox unavailable' })

    const admin = await registerUser(ctx, 'beheer@opgave.nl')
    await makePlatformAdmin(ctx, admin)
    const someone = await registerUser(ctx, 'iemand@mail.nl')
    expect((await http(ctx).get('/api/v1/admin/jobs')).status).toBe(401)
    expect((await http(ctx).get('/api/v1/admin/jobs').set(bearer(someone.token))).status).toBe(403)
    const res = await http(ctx).get('/api/v1/admin/jobs?state=failed&queue=email.send').set(bearer(admin.token))
    expect(res.status).toBe(200)
    expect(res.body.queues.find((q: { queue: string }) => q.queue === 'email.send').counts.failed).toBe(1)
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0]).toMatchObject({ queue: 'email.send', state: 'failed', retryCount: 2, error: '550 mailbox unavailable' })
    expect(JSON.stringify(res.body)).not.toContain('kapot@mail.nl')
    const bad = await http(ctx).get('/api/v1/admin/jobs?state=exploded').set(bearer(admin.token))
    expect(bad.status).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
  })

  it('sends each deadline reminder once per person, 48 hours ahead, however often and concurrently the job runs', async () => {
    const gemeente = await makeOrganisation(ctx, { kind: 'municipality', name: 'Gemeente Zwolle' })
    const onderneming = await makeOrganisation(ctx, { kind: 'enterprise', name: 'Groen Werkt Zwolle' })
    const eigenaar = await registerUser(ctx, 'eigenaar@groen-zwolle.nl')
    const volger = await registerUser(ctx, 'volger@mail.nl')
    await addMember(ctx, onderneming.id, eigenaar, 'owner')
    const now = new Date(ctx.clock.now)
    // Submission in 47 hours (questions in 23): both within 48 hours. Another challenge: 72 hours away.
    const soon = await makeChallenge(ctx, gemeente.id, { submissionDeadline: new Date(now.getTime() + hours(47)), questionsDeadline: new Date(now.getTime() + hours(23)) })
    const later = await makeChallenge(ctx, gemeente.id, { submissionDeadline: new Date(now.getTime() + hours(72)), questionsDeadline: new Date(now.getTime() + hours(71)) })
    for (const c of [soon, later]) await ctx.database.db.insert(challengeFollowers).values({ challengeId: c.id, userId: volger.user.id })
    await startProposal(ctx, eigenaar, soon.id, onderneming.id)
    // The owner follows too: one reminder per deadline all the same.
    await ctx.database.db.insert(challengeFollowers).values({ challengeId: soon.id, userId: eigenaar.user.id })

    const deps = { db: ctx.database.db, now: () => now, publicUrl: 'http://localhost:3000' }
    const counts = await Promise.all([sendDeadlineReminders(deps), sendDeadlineReminders(deps), sendDeadlineReminders(deps)])
    // questions: follower + owner (following); submission: follower + owner → 4 reminders in all.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4)
    expect(await sendDeadlineReminders(deps)).toBe(0)

    const mails = await ctx.database.db.select().from(emailOutbox).where(inArray(emailOutbox.to, ['volger@mail.nl', 'eigenaar@groen-zwolle.nl']))
    const reminders = mails.filter((m) => m.subject.includes('binnenkort'))
    const per = (to: string, word: string) => reminders.filter((m) => m.to === to && m.subject.startsWith(word)).length
    expect([per('volger@mail.nl', 'Vragentermijn'), per('volger@mail.nl', 'Inzendtermijn'), per('eigenaar@groen-zwolle.nl', 'Vragentermijn'), per('eigenaar@groen-zwolle.nl', 'Inzendtermijn')]).toEqual([1, 1, 1, 1])
    expect(reminders.every((m) => m.text.includes(`/uitdagingen/${soon.id}`))).toBe(true)
    expect(await ctx.database.db.select().from(deadlineReminders).where(eq(deadlineReminders.challengeId, later.id))).toEqual([])

    // A day later the other challenge enters its 48 hours: its follower is reminded then, once.
    const dayLater = { ...deps, now: () => new Date(now.getTime() + hours(25)) }
    expect(await sendDeadlineReminders(dayLater)).toBe(2)
    expect(await sendDeadlineReminders(dayLater)).toBe(0)
  })

  it('closes challenges at their deadline through the periodic job, run by one of two instances', async () => {
    const gemeente = await makeOrganisation(ctx, { kind: 'municipality', name: 'Gemeente Deventer' })
    const due = await makeChallenge(ctx, gemeente.id, { submissionDeadline: new Date(ctx.clock.now.getTime() - 60_000), questionsDeadline: new Date(ctx.clock.now.getTime() - hours(24)) })
    const instances = [queue, createJobQueue({ db: ctx.database.db, log: silent, pollingIntervalSeconds: 0.5 })]
    const deps = { db: ctx.database.db, now: () => ctx.clock.now, publicUrl: 'http://localhost:3000', mailFrom: 'test@opgave.localhost', log: ctx.app.log, tickSeconds: 1 }
    for (const q of instances) await startWorkers({ ...deps, queue: q })
    await until('closed', async () => (await ctx.database.db.select().from(challenges).where(eq(challenges.id, due.id)))[0]?.status === 'closed')
    const done = await until('tick completed', async () => {
      const [counts] = (await queue.counts()).filter((c) => c.queue === QUEUES.closeChallenges)
      return counts && counts.counts.completed > 0 && counts
    })
    expect(done.counts.failed).toBe(0)
    for (const q of instances) await q.stop()
  })

  it('runs the embedded database’s maintenance pass as a periodic job, where it is given', async () => {
    const q = createJobQueue({ db: ctx.database.db, log: silent, pollingIntervalSeconds: 0.5 })
    const passes: (MaintenanceReport | null)[] = []
    const maintainDatabase = async () => {
      const report = await ctx.database.maintain()
      passes.push(report)
      return report
    }
    try {
      await startWorkers({ db: ctx.database.db, queue: q, now: () => ctx.clock.now, publicUrl: 'http://localhost:3000', mailFrom: 'test@opgave.localhost', log: ctx.app.log, tickSeconds: 60, maintainDatabase })
      const done = await until('maintenance completed', async () => {
        const [counts] = (await q.counts()).filter((c) => c.queue === QUEUES.databaseMaintenance)
        return counts && counts.counts.completed > 0 && counts
      })
      expect(done.counts.failed).toBe(0)
      expect(passes).toHaveLength(1)
      // On PGlite a pass reads the statistics and reports; PostgreSQL's handle leaves it to autovacuum.
      if (ctx.database.driver === 'pglite') expect(passes[0]).toMatchObject({ vacuumed: expect.any(Array), analyzed: expect.any(Array) })
      else expect(passes[0]).toBeNull()
    } finally {
      await q.stop()
    }
  })

  it('gives a handler the retry count and limit, so it can tell its last attempt', { timeout: 60_000 }, async () => {
    const q = createJobQueue({ db: ctx.database.db, log: silent, emailRetry: { retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false }, pollingIntervalSeconds: 0.5 })
    try {
      const seen: Pick<Job<unknown>, 'retryCount' | 'retryLimit'>[] = []
      const marker = '00000000-0000-0000-0000-000000000000'
      await q.work<{ emailId: string }>(QUEUES.emailSend, async (job) => {
        if (job.data.emailId !== marker) return // leftovers of the tests above
        seen.push({ retryCount: job.retryCount, retryLimit: job.retryLimit })
        throw new Error('nope')
      })
      await q.send(QUEUES.emailSend, { emailId: marker })
      await until('two attempts', async () => seen.length >= 2)
      expect(seen).toEqual([
        { retryCount: 0, retryLimit: 1 },
        { retryCount: 1, retryLimit: 1 },
      ])
    } finally {
      await q.stop()
    }
  })
})
