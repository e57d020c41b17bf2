import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../db/client'
import { emailOutbox } from './outbox.table'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
}

/** Queue an email in the caller's transaction: it is sent if and only if the change commits. */
export async function enqueueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<void> {
  await tx.insert(emailOutbox).values(email)
}

/** Rows per statement: a national challenge's audience runs into thousands, and PostgreSQL takes at most 65,535 parameters. */
const BATCH = 1000

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH)
}

/** Queue many emails in the caller's transaction, in batches (see BATCH). */
export async function enqueueEmails(tx: DbOrTx, emails: readonly OutgoingEmail[]): Promise<void> {
  for (const batch of batches(emails)) await tx.insert(emailOutbox).values(batch)
}

/**
 * A mail that gathers changes: while one with the same key to the same address waits (not yet handed to the
 * mail queue), a new change is merged into it instead of making a second mail. `data` must be plain JSON.
 */
export interface CollapsibleEmail<D> {
  key: string
  /** When the first mail of a series may go out; later changes join it without moving this. */
  notBefore: Date
  data: D
  /** The waiting mail's data with a newer change merged in. */
  merge: (waiting: D, newer: D) => D
  /** Subject and text for the data, or null when it says nothing any more (the changes undid each other). */
  render: (data: D) => Pick<OutgoingEmail, 'subject' | 'text'> | null
}

/**
 * Queues `mail` to each recipient in the caller's transaction, merged into the mail already waiting for that
 * address under the same key, if any. A waiting mail whose merged data renders to nothing is withdrawn.
 * Serialised per key by an advisory lock, so two changes at once cannot both start a mail (the unique index
 * `email_outbox_collapse_key` would refuse the second). Waiting mails with the same data (usually all of them)
 * are merged and rendered once and written in batches. Returns how many mails are waiting after the call.
 */
export async function enqueueCollapsibleEmails<D>(tx: DbOrTx, recipients: readonly string[], mail: CollapsibleEmail<D>): Promise<number> {
  if (recipients.length === 0) return 0
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`email_outbox:${mail.key}`}))`)
  const addresses = new Set(recipients)
  const waiting = (
    await tx
      .select({ id: emailOutbox.id, to: emailOutbox.to, data: emailOutbox.collapseData })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.collapseKey, mail.key), eq(emailOutbox.status, 'pending'), isNull(emailOutbox.queuedAt)))
      .for('update')
  ).filter((row) => addresses.has(row.to))

  const bySameData = new Map<string, { data: D; ids: string[] }>()
  for (const row of waiting) {
    const key = JSON.stringify(row.data)
    const group = bySameData.get(key) ?? { data: row.data as D, ids: [] }
    group.ids.push(row.id)
    bySameData.set(key, group)
  }
  let count = 0
  for (const { data, ids } of bySameData.values()) {
    const merged = mail.merge(data, mail.data)
    const rendered = mail.render(merged)
    for (const batch of batches(ids)) {
      if (rendered) await tx.update(emailOutbox).set({ ...rendered, collapseData: merged }).where(inArray(emailOutbox.id, batch))
      else await tx.delete(emailOutbox).where(inArray(emailOutbox.id, batch))
    }
    if (rendered) count += ids.length
  }

  const fresh = mail.render(mail.data)
  const waitingAddresses = new Set(waiting.map((row) => row.to))
  const newcomers = fresh ? [...addresses].filter((to) => !waitingAddresses.has(to)) : []
  for (const batch of batches(newcomers)) {
    await tx.insert(emailOutbox).values(batch.map((to) => ({ to, ...fresh!, notBefore: mail.notBefore, collapseKey: mail.key, collapseData: mail.data })))
  }
  return count + newcomers.length
}

/** The outbox as operators watch it. */
export interface OutboxBacklog {
  /** Pending and due: waiting only for the relay and the mail server. */
  due: number
  /** How long the longest-waiting due mail has been due, in seconds (null when none is). */
  oldestDueSeconds: number | null
  /** Pending by design until their `notBefore` (gathering changes): not a backlog. */
  scheduled: number
  failed: number
}

/** One query for health and metrics; a mail waiting by design counts from when it became due, not from when it was made. */
export async function outboxBacklog(db: DbOrTx, now: Date): Promise<OutboxBacklog> {
  const at = sql`${now.toISOString()}::timestamptz`
  const due = sql`${emailOutbox.status} = 'pending' and (${emailOutbox.notBefore} is null or ${emailOutbox.notBefore} <= ${at})`
  const [row] = await db
    .select({
      due: sql<string>`count(*) filter (where ${due})`,
      oldestDueSeconds: sql<string | null>`floor(extract(epoch from ${at} - min(coalesce(${emailOutbox.notBefore}, ${emailOutbox.createdAt})) filter (where ${due})))`,
      scheduled: sql<string>`count(*) filter (where ${emailOutbox.status} = 'pending' and ${emailOutbox.notBefore} > ${at})`,
      failed: sql<string>`count(*) filter (where ${emailOutbox.status} = 'failed')`,
    })
    .from(emailOutbox)
  const oldest = row?.oldestDueSeconds == null ? null : Math.max(0, Number(row.oldestDueSeconds))
  return { due: Number(row?.due ?? 0), oldestDueSeconds: oldest, scheduled: Number(row?.scheduled ?? 0), failed: Number(row?.failed ?? 0) }
}

export async function listOutbox(db: Database, limit = 200) {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit)
}
