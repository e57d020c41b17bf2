import { and, asc, eq, gte, ilike, sql, type SQL } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { auditEvents } from '../audit/audit.table'
import { recordAudit } from '../audit/audit.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { partnerErrors } from './partners.errors'
import { getChallengeRow, isChallengePublic } from '../challenges/challenges.service'
import { rankByFit } from './partner-fit'
import type { ContactBody, Partner, PartnerQuery, PartnerSuggestions } from './partners.schemas'

/** Messages one person may send in 24 hours: enough to find partners, too few to spam. */
export const MESSAGES_PER_DAY = 20

export async function searchPartners(db: DbOrTx, query: PartnerQuery, extra?: SQL): Promise<Partner[]> {
  const conditions: (SQL | undefined)[] = [eq(organisations.kind, 'enterprise'), extra]
  if (query.sdg !== undefined) conditions.push(sql`${organisations.sdgGoals} @> array[${query.sdg}]::integer[]`)
  if (query.kind) conditions.push(eq(organisations.isSocialEnterprise, query.kind === 'social_enterprise'))
  if (query.region) conditions.push(ilike(organisations.region, query.region.trim().replace(/[\\%_]/g, '\\$&')))
  if (query.lookingForPartners !== undefined) conditions.push(eq(organisations.lookingForPartners, query.lookingForPartners))
  if (query.q) conditions.push(ilike(organisations.name, `%${query.q.trim().replace(/[\\%_]/g, '\\$&')}%`))
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, isSocialEnterprise: organisations.isSocialEnterprise, sdgGoals: organisations.sdgGoals, region: organisations.region, lookingForPartners: organisations.lookingForPartners, description: organisations.description, website: organisations.website })
    .from(organisations)
    .where(and(...conditions))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(extra ? 1000 : 200)
  return rows
}

/** "Find partners" on a published challenge: enterprises whose SDG profile shares its goals. */
export async function partnerSuggestions(db: DbOrTx, challengeId: string): Promise<PartnerSuggestions> {
  const challenge = await getChallengeRow(db, challengeId)
  if (!challenge || !isChallengePublic(challenge)) throw partnerErrors.challengeNotFound()
  const candidates = challenge.sdgGoals.length === 0 ? [] : await searchPartners(db, {}, sql`${organisations.sdgGoals} && ${`{${challenge.sdgGoals.join(',')}}`}::integer[]`)
  return { challenge: { id: challenge.id, title: challenge.title, sdgGoals: challenge.sdgGoals }, items: rankByFit(challenge.sdgGoals, candidates) }
}

/**
 * A message to an enterprise through the platform: its owners receive it by email; neither side
 * sees the other's address (the reply goes through the directory as well). Audited without content.
 */
export async function contactPartner(deps: { db: Database; now: () => Date; publicUrl: string }, actor: Actor, enterpriseId: string, body: ContactBody): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [target] = await tx.select().from(organisations).where(and(eq(organisations.id, enterpriseId), eq(organisations.kind, 'enterprise')))
    if (!target) throw partnerErrors.notFound()
    const [sender] = await tx
      .select({ name: organisations.name, person: users.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.userId, actor.userId), eq(memberships.organisationId, body.fromEnterpriseId), eq(organisations.kind, 'enterprise')))
    if (!sender) throw commonProblems.fieldInvalid('/fromEnterpriseId', 'partners.not_your_enterprise', 'Write on behalf of an enterprise you belong to.')
    if (body.fromEnterpriseId === enterpriseId) throw commonProblems.fieldInvalid('/fromEnterpriseId', 'partners.same_enterprise', 'You cannot send a message to your own enterprise.')
    // Audit times come from the database clock, so the window is measured on that clock too.
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, actor.userId), eq(auditEvents.action, 'partners.contacted'), gte(auditEvents.at, sql`now() - interval '1 day'`)))
    if (n >= MESSAGES_PER_DAY) throw partnerErrors.tooMany(`At most ${MESSAGES_PER_DAY} messages per day; try again tomorrow.`, undefined, { 'retry-after': '3600' })
    const owners = await tx
      .select({ email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, enterpriseId), eq(memberships.role, 'owner')))
    for (const owner of owners) {
      await enqueueEmail(tx, {
        to: owner.email,
        subject: `Bericht via Opgave / Message via Opgave: ${body.subject.trim()}`,
        text: [
          `Beste ${owner.name},`,
          '',
          `${sender.person} van ${sender.name} stuurt ${target.name} een bericht via de partnergids van Opgave.`,
          `${sender.person} of ${sender.name} sent ${target.name} a message through the Opgave partner directory.`,
          '',
          body.message.trim(),
          '',
          'Antwoorden? Zoek de afzender op in de partnergids en stuur een bericht terug (e-mailadressen blijven verborgen):',
          'Reply? Find the sender in the partner directory and send a message back (email addresses stay hidden):',
          `${deps.publicUrl}/partners?q=${encodeURIComponent(sender.name)}`,
        ].join('\n'),
      })
    }
    await recordAudit(tx, { actorId: actor.userId, action: 'partners.contacted', entityType: 'organisation', entityId: enterpriseId, organisationId: body.fromEnterpriseId, after: { recipients: owners.length } })
  })
}
