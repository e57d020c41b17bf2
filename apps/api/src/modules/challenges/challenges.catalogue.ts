import { and, asc, desc, eq, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm'
import type { ChallengeCatalogueQuery, ChallengePage, ChallengeStatus } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import { organisations } from '../organisations/organisations.table'
import { budgetTotalCentsSql, summaryColumns, toChallengeSummary } from './challenges.mapper'
import { challenges } from './challenges.table'

/**
 * The cursor is opaque to clients: base64url JSON of the last item's sort key. With a search term the
 * order starts with the rank, rounded to 6 decimals in SQL so the value round-trips exactly.
 */
interface Cursor {
  d: string
  i: string
  r?: string
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')

function decodeCursor(raw: string, withRank: boolean): Cursor {
  const invalid = () => commonProblems.fieldInvalid('query/cursor', 'challenges.invalid_cursor', 'The cursor is invalid; start again without it.')
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  const c = value as Partial<Cursor> | null
  if (!c || typeof c.d !== 'string' || Number.isNaN(Date.parse(c.d)) || typeof c.i !== 'string' || !/^[0-9a-f-]{36}$/i.test(c.i)) throw invalid()
  if (withRank !== (typeof c.r === 'string' && /^\d+(\.\d+)?$/.test(c.r))) throw invalid()
  return { d: c.d, i: c.i, ...(withRank ? { r: c.r } : {}) }
}

/**
 * Effective status as a condition: whether a published challenge counts as closed depends on the
 * server clock, not on whether a job has stored 'closed' yet.
 */
function statusCondition(status: ChallengeStatus, now: Date): SQL {
  const at = now.toISOString()
  if (status === 'published') return sql`(${challenges.status} = 'published' and ${challenges.submissionDeadline} > ${at}::timestamptz)`
  if (status === 'closed') return sql`(${challenges.status} = 'closed' or (${challenges.status} = 'published' and ${challenges.submissionDeadline} <= ${at}::timestamptz))`
  return eq(challenges.status, status)
}

/** The search term, if the query has one: blank counts as none. */
const searchTermOf = (query: ChallengeCatalogueQuery) => query.q?.trim() || undefined

/** The public catalogue: challenges published once (never drafts), filtered, searched in Dutch, paged by cursor. */
export async function listPublicChallenges(db: DbOrTx, query: ChallengeCatalogueQuery, now: Date): Promise<ChallengePage> {
  const limit = query.limit ?? 20
  const rows = await catalogueSelect(db, query, now)
  // With a search term the rank leads the sort key, so the cursor carries it too.
  const ranked = searchTermOf(query) !== undefined
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ d: last.challenge.submissionDeadline!.toISOString(), i: last.challenge.id, ...(ranked ? { r: String(last.rank) } : {}) })
      : null
  return { items: page.map((r) => toChallengeSummary(r.challenge, r.municipality, r.total, now)), nextCursor }
}

/**
 * The catalogue's query, not yet run: one row more than the page, to know whether a next page exists.
 * Without a search term it is served by `challenges_catalogue_idx` (its plan is tested).
 */
export function catalogueSelect(db: DbOrTx, query: ChallengeCatalogueQuery, now: Date) {
  const limit = query.limit ?? 20
  const q = searchTermOf(query)
  const tsQuery = q ? sql`websearch_to_tsquery('dutch', ${q})` : null
  const rank = tsQuery ? sql<string>`round(ts_rank(${challenges.search}, ${tsQuery})::numeric, 6)` : null
  const conditions: (SQL | undefined)[] = [ne(challenges.status, 'draft'), isNotNull(challenges.publishedAt), isNotNull(challenges.submissionDeadline)]
  if (tsQuery) conditions.push(sql`${challenges.search} @@ ${tsQuery}`)
  if (query.sdg !== undefined) conditions.push(sql`${challenges.sdgGoals} @> array[${query.sdg}]::integer[]`)
  if (query.municipality) conditions.push(eq(organisations.slug, query.municipality))
  if (query.status) conditions.push(statusCondition(query.status, now))
  if (query.enterpriseKind) {
    // An empty list means every kind may apply.
    conditions.push(sql`(cardinality(${challenges.eligibleEnterpriseKinds}) = 0 or ${query.enterpriseKind} = any(${challenges.eligibleEnterpriseKinds}))`)
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor, rank !== null)
    const after = sql`(${challenges.submissionDeadline}, ${challenges.id}) > (${c.d}::timestamptz, ${c.i}::uuid)`
    conditions.push(rank ? or(sql`${rank} < ${c.r}::numeric`, and(sql`${rank} = ${c.r}::numeric`, after)) : after)
  }
  return db
    .select({
      challenge: summaryColumns,
      municipality: { id: organisations.id, name: organisations.name, slug: organisations.slug },
      total: budgetTotalCentsSql,
      rank: rank ?? sql<string>`null`,
    })
    .from(challenges)
    .innerJoin(organisations, eq(organisations.id, challenges.municipalityId))
    .where(and(...conditions))
    .orderBy(...(rank ? [desc(rank)] : []), asc(challenges.submissionDeadline), asc(challenges.id))
    .limit(limit + 1)
}
