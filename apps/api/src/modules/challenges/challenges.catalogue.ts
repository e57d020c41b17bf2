import { and, asc, desc, eq, isNotNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { ChallengeCatalogueQuery, ChallengePage, ChallengeStatus } from '@opgave/contracts'
import type { Database, DbOrTx } from '../../db/client'
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

/** The catalogue query's values, decoded and checked (a bad cursor is a 400 here); unused filters are undefined. */
type CatalogueValues = {
  q?: string
  sdg?: number
  municipality?: string
  status?: ChallengeStatus
  enterpriseKind?: string
  cursorDeadline?: string
  cursorId?: string
  cursorRank?: string
  /** The server clock, for the effective status of published challenges. */
  now: string
  /** One row more than the page, to know whether a next page exists. */
  limit: number
}

/** The search term, if the query has one: blank counts as none. */
const searchTermOf = (query: ChallengeCatalogueQuery) => query.q?.trim() || undefined

function catalogueValues(query: ChallengeCatalogueQuery, now: Date): CatalogueValues {
  const q = searchTermOf(query)
  const cursor = query.cursor ? decodeCursor(query.cursor, q !== undefined) : undefined
  return {
    q,
    sdg: query.sdg,
    municipality: query.municipality || undefined,
    status: query.status,
    enterpriseKind: query.enterpriseKind,
    cursorDeadline: cursor?.d,
    cursorId: cursor?.i,
    cursorRank: cursor?.r,
    now: now.toISOString(),
    limit: (query.limit ?? 20) + 1,
  }
}

/**
 * How a value enters the query: as itself (a one-off query, as EXPLAIN needs) or as a named placeholder
 * (a prepared query, the values given when it runs).
 */
type Bind = <K extends keyof CatalogueValues>(name: K, value: CatalogueValues[K]) => CatalogueValues[K] | Placeholder<K>
const inline: Bind = (_name, value) => value
const placeholder: Bind = (name) => sql.placeholder(name)

/** Which filters are on, and which status condition: everything the query's text depends on. */
function shapeOf(v: CatalogueValues): string {
  const status = v.status === undefined ? '' : v.status === 'published' || v.status === 'closed' ? v.status : 'status'
  return [v.q !== undefined && 'q', v.sdg !== undefined && 'sdg', v.municipality !== undefined && 'municipality', status, v.enterpriseKind !== undefined && 'kind', v.cursorId !== undefined && 'cursor']
    .filter(Boolean)
    .join('_')
}

/**
 * Effective status as a condition: whether a published challenge counts as closed depends on the
 * server clock, not on whether a job has stored 'closed' yet.
 */
function statusCondition(v: CatalogueValues, bind: Bind): SQL {
  const at = sql`${bind('now', v.now)}::timestamptz`
  if (v.status === 'published') return sql`(${challenges.status} = 'published' and ${challenges.submissionDeadline} > ${at})`
  if (v.status === 'closed') return sql`(${challenges.status} = 'closed' or (${challenges.status} = 'published' and ${challenges.submissionDeadline} <= ${at}))`
  return sql`${challenges.status} = ${bind('status', v.status)}`
}

type PreparedCatalogue = ReturnType<ReturnType<typeof buildCatalogueSelect>['prepare']>
// Building the query in drizzle cost more CPU than running it (bench 1a, round 12): each combination of
// filters is built once per database and kept as a named prepared statement, which PostgreSQL also parses
// once per connection. At most a few dozen combinations exist.
const preparedByDatabase = new WeakMap<Database, Map<string, PreparedCatalogue>>()

function preparedCatalogue(db: Database, v: CatalogueValues): PreparedCatalogue {
  let prepared = preparedByDatabase.get(db)
  if (!prepared) preparedByDatabase.set(db, (prepared = new Map()))
  const shape = shapeOf(v)
  let query = prepared.get(shape)
  if (!query) prepared.set(shape, (query = buildCatalogueSelect(db, v, placeholder).prepare(`catalogue_${shape || 'all'}`)))
  return query
}

/** The public catalogue: challenges published once (never drafts), filtered, searched in Dutch, paged by cursor. */
export async function listPublicChallenges(db: Database, query: ChallengeCatalogueQuery, now: Date): Promise<ChallengePage> {
  const values = catalogueValues(query, now)
  const rows = await preparedCatalogue(db, values).execute(values)
  const limit = values.limit - 1
  // With a search term the rank leads the sort key, so the cursor carries it too.
  const ranked = values.q !== undefined
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ d: last.challenge.submissionDeadline!.toISOString(), i: last.challenge.id, ...(ranked ? { r: String(last.rank) } : {}) })
      : null
  return { items: page.map((r) => toChallengeSummary(r.challenge, r.municipality, r.total, now)), nextCursor }
}

/**
 * The catalogue's query with its values in place, not yet run (EXPLAIN in the tests). Without a search
 * term it is served by `challenges_catalogue_idx` (its plan is tested).
 */
export function catalogueSelect(db: DbOrTx, query: ChallengeCatalogueQuery, now: Date) {
  return buildCatalogueSelect(db, catalogueValues(query, now), inline)
}

function buildCatalogueSelect(db: DbOrTx, v: CatalogueValues, bind: Bind) {
  const tsQuery = v.q !== undefined ? sql`websearch_to_tsquery('dutch', ${bind('q', v.q)})` : null
  const rank = tsQuery ? sql<string>`round(ts_rank(${challenges.search}, ${tsQuery})::numeric, 6)` : null
  // 'draft' is written into the text, not sent as a parameter: a prepared statement's generic plan can then
  // prove challenges_catalogue_idx's predicate and use the index.
  const conditions: (SQL | undefined)[] = [sql`${challenges.status} <> 'draft'`, isNotNull(challenges.publishedAt), isNotNull(challenges.submissionDeadline)]
  if (tsQuery) conditions.push(sql`${challenges.search} @@ ${tsQuery}`)
  if (v.sdg !== undefined) conditions.push(sql`${challenges.sdgGoals} @> array[${bind('sdg', v.sdg)}]::integer[]`)
  if (v.municipality !== undefined) conditions.push(sql`${organisations.slug} = ${bind('municipality', v.municipality)}`)
  if (v.status !== undefined) conditions.push(statusCondition(v, bind))
  if (v.enterpriseKind !== undefined) {
    // An empty list means every kind may apply.
    conditions.push(sql`(cardinality(${challenges.eligibleEnterpriseKinds}) = 0 or ${bind('enterpriseKind', v.enterpriseKind)} = any(${challenges.eligibleEnterpriseKinds}))`)
  }
  if (v.cursorId !== undefined) {
    const after = sql`(${challenges.submissionDeadline}, ${challenges.id}) > (${bind('cursorDeadline', v.cursorDeadline)}::timestamptz, ${bind('cursorId', v.cursorId)}::uuid)`
    const cursorRank = sql`${bind('cursorRank', v.cursorRank)}::numeric`
    conditions.push(rank ? or(sql`${rank} < ${cursorRank}`, and(sql`${rank} = ${cursorRank}`, after)) : after)
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
    .limit(bind('limit', v.limit))
}
