import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser } from '../../../test/http'
import type { JobQueue } from '../../jobs/queue'
import { relayPendingEmails } from '../outbox/outbox.dispatcher'
import { enqueueCollapsibleEmails } from '../outbox/outbox.service'
import { emailOutbox } from '../outbox/outbox.table'
import { completeChallenge, createMunicipality, createPublished, type TestUser } from './challenges.fixtures'
import { CHANGE_MAIL_SETTLE_MS } from './challenges.followers'

/** A queue that only records what the relay hands it. */
function recordingQueue() {
  const handed: string[] = []
  const queue = { send: async (_name: string, data: { emailId: string }) => void handed.push(data.emailId) } as unknown as JobQueue
  return { handed, queue }
}

describe('the mail about changes to a published challenge: one per ten minutes, saying what changed', () => {
  let ctx: TestContext
  let gemeente: Awaited<ReturnType<typeof createMunicipality>>
  let follower: TestUser
  const minutes = (n: number) => n * 60_000

  beforeAll(async () => {
    ctx = await createTestApp()
    gemeente = await createMunicipality(ctx, 'wijzigstad')
    follower = await registerUser(ctx, 'volger@wijzig.nl', 'Volger')
  })
  afterAll(() => ctx.close())

  async function publishedAndFollowed(title: string) {
    const published = await createPublished(ctx, gemeente.id, gemeente.manager.token, completeChallenge(ctx.clock.now, { title }))
    expect((await http(ctx).put(`/api/v1/challenges/${published.id}/follow`).set(bearer(follower.token))).status).toBeLessThan(300)
    return published
  }
  const waitingFor = async (challengeId: string) =>
    (await ctx.database.db.select().from(emailOutbox).where(and(eq(emailOutbox.to, 'volger@wijzig.nl'), eq(emailOutbox.collapseKey, `challenge-changed:${challengeId}`)))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  const edit = (id: string, body: Record<string, unknown>) => http(ctx).patch(`/api/v1/challenges/${id}`).set(bearer(gemeente.manager.token)).send(body)

  it('gathers three saves and a criterion into one mail with the deadline from where it started to where it ended', async () => {
    const published = await publishedAndFollowed('Drie keer opgeslagen')
    const firstSave = ctx.clock.now
    const original = new Date(published.submissionDeadline)
    const later = (days: number) => new Date(original.getTime() + days * 86_400_000).toISOString()

    let res = await edit(published.id, { version: published.version, submissionDeadline: later(7) })
    expect(res.status).toBe(200)
    ctx.clock.now = new Date(ctx.clock.now.getTime() + minutes(3))
    res = await edit(published.id, { version: res.body.version, submissionDeadline: later(14), summary: 'Scherper geformuleerd' })
    expect(res.status).toBe(200)
    ctx.clock.now = new Date(ctx.clock.now.getTime() + minutes(3))
    const round = await http(ctx).post(`/api/v1/challenges/${published.id}/rounds`).set(bearer(gemeente.manager.token)).send({ kind: 'written', name: 'Ronde 1' })
    expect(round.status).toBe(201)
    expect((await http(ctx).post(`/api/v1/jury-rounds/${round.body.id}/criteria`).set(bearer(gemeente.manager.token)).send({ name: 'Impact', weight: 2 })).status).toBe(201)
    expect((await http(ctx).post(`/api/v1/jury-rounds/${round.body.id}/criteria`).set(bearer(gemeente.manager.token)).send({ name: 'Haalbaarheid', weight: 1 })).status).toBe(201)

    const mails = await waitingFor(published.id)
    expect(mails).toHaveLength(1)
    const [mail] = mails
    expect(mail!.subject).toBe('Uitdaging gewijzigd: Drie keer opgeslagen')
    const lines = mail!.text.split('\n')
    const dutch = (iso: string) => new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso))
    expect(lines.slice(0, 5)).toEqual([
      'De uitdaging "Drie keer opgeslagen" is gewijzigd. Dit is er veranderd:',
      `- Indienen tot: was ${dutch(original.toISOString())}, nu ${dutch(later(14))}`,
      '- Samenvatting',
      '- Criterium "Impact" toegevoegd aan "Ronde 1" (gewicht 2)',
      '- Criterium "Haalbaarheid" toegevoegd aan "Ronde 1" (gewicht 1)',
    ])
    expect(mail!.text).toContain(`Bekijk de actuele versie: http://localhost:3000/uitdagingen/${published.id}\nZet de termijnen opnieuw in uw agenda (.ics): http://localhost:3000/api/v1/challenges/${published.id}/ics\n`)
    // The series waits ten minutes from its first change; later changes joined without moving it.
    expect(mail!.notBefore!.toISOString()).toBe(new Date(firstSave.getTime() + CHANGE_MAIL_SETTLE_MS).toISOString())

    // The relay leaves it until then, hands it over at that moment, and the next change starts a new mail.
    const { handed, queue } = recordingQueue()
    await relayPendingEmails(ctx.database.db, queue, new Date(firstSave.getTime() + CHANGE_MAIL_SETTLE_MS - 1))
    expect(handed).not.toContain(mail!.id)
    await relayPendingEmails(ctx.database.db, queue, new Date(firstSave.getTime() + CHANGE_MAIL_SETTLE_MS))
    expect(handed).toContain(mail!.id)
    ctx.clock.now = new Date(firstSave.getTime() + CHANGE_MAIL_SETTLE_MS + minutes(1))
    const current = await http(ctx).get(`/api/v1/challenges/${published.id}`).set(bearer(gemeente.manager.token))
    expect((await edit(published.id, { version: current.body.version, contactName: 'Bram Bos' })).status).toBe(200)
    const after = await waitingFor(published.id)
    expect(after).toHaveLength(2)
    expect(after[1]!.text).toContain(`- Contactpersoon: was "${current.body.contactName}", nu "Bram Bos"`)
    expect(after[1]!.text).not.toContain('Indienen tot')
  })

  it('sends nothing when a deadline is moved and moved back before the mail goes, or when a save changes nothing', async () => {
    const published = await publishedAndFollowed('Heen en terug')
    const original = published.submissionDeadline
    const moved = new Date(new Date(original).getTime() + 86_400_000).toISOString()
    let res = await edit(published.id, { version: published.version, submissionDeadline: moved })
    expect(res.status).toBe(200)
    expect(await waitingFor(published.id)).toHaveLength(1)
    res = await edit(published.id, { version: res.body.version, submissionDeadline: original })
    expect(res.status).toBe(200)
    expect(await waitingFor(published.id)).toHaveLength(0)
    res = await edit(published.id, { version: res.body.version, summary: res.body.summary })
    expect(res.status).toBe(200)
    expect(await waitingFor(published.id)).toHaveLength(0)
  })

  it('queues to a national challenge’s audience past PostgreSQL’s parameter limit, and merges by what each mail already says', async () => {
    // 12,000 addresses × 6 values would be 72,000 parameters in one INSERT: more than the 65,535 PostgreSQL takes.
    const everyone = Array.from({ length: 12_000 }, (_, i) => `burger${i}@land.nl`)
    const notBefore = new Date(ctx.clock.now.getTime() + CHANGE_MAIL_SETTLE_MS)
    const mail = (words: string[], key = 'test:national') => ({
      key,
      notBefore,
      data: { words },
      merge: (a: { words: string[] }, b: { words: string[] }) => ({ words: [...a.words, ...b.words] }),
      render: (d: { words: string[] }) => ({ subject: 'Landelijk', text: d.words.join(' ') }),
    })
    // One address already waits with other words (it joined the audience earlier).
    expect(await ctx.database.db.transaction((tx) => enqueueCollapsibleEmails(tx, [everyone[0]!], mail(['eerder'])))).toBe(1)
    expect(await ctx.database.db.transaction((tx) => enqueueCollapsibleEmails(tx, everyone, mail(['deadline'])))).toBe(12_000)
    expect(await ctx.database.db.transaction((tx) => enqueueCollapsibleEmails(tx, everyone, mail(['budget'])))).toBe(12_000)
    const rows = await ctx.database.db.select({ to: emailOutbox.to, text: emailOutbox.text }).from(emailOutbox).where(eq(emailOutbox.collapseKey, 'test:national'))
    expect(rows).toHaveLength(12_000)
    const texts = new Map(rows.map((r) => [r.to, r.text]))
    expect(texts.get(everyone[0]!)).toBe('eerder deadline budget')
    expect(texts.get(everyone[11_999]!)).toBe('deadline budget')
    expect(rows.filter((r) => r.text === 'deadline budget')).toHaveLength(11_999)
  })

  it('makes one mail per address when changes are queued in two transactions at once', async () => {
    const notBefore = new Date(ctx.clock.now.getTime() + CHANGE_MAIL_SETTLE_MS)
    const mail = (word: string) => ({
      key: 'test:concurrent',
      notBefore,
      data: { words: [word] },
      merge: (a: { words: string[] }, b: { words: string[] }) => ({ words: [...a.words, ...b.words].sort() }),
      render: (d: { words: string[] }) => ({ subject: 'Samen', text: d.words.join(' ') }),
    })
    const recipients = ['een@samen.nl', 'twee@samen.nl']
    // The first transaction queues and stays open while the others queue: on PostgreSQL they must wait for it
    // and merge into its mail, not each start one (the unique index would refuse the second at commit).
    let queued!: () => void
    let release!: () => void
    const firstQueued = new Promise<void>((resolve) => (queued = resolve))
    const held = new Promise<void>((resolve) => (release = resolve))
    const first = ctx.database.db.transaction(async (tx) => {
      await enqueueCollapsibleEmails(tx, recipients, mail('appel'))
      queued()
      await held
    })
    await firstQueued
    const others = ['peer', 'kers'].map((word) => ctx.database.db.transaction((tx) => enqueueCollapsibleEmails(tx, recipients, mail(word))))
    setTimeout(release, 300)
    await Promise.all([first, ...others])
    const rows = await ctx.database.db.select().from(emailOutbox).where(eq(emailOutbox.collapseKey, 'test:concurrent'))
    expect(rows.map((r) => [r.to, r.text]).sort()).toEqual([
      ['een@samen.nl', 'appel kers peer'],
      ['twee@samen.nl', 'appel kers peer'],
    ])
  })
})
