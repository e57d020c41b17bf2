import { sql } from 'drizzle-orm'
import { bigint, boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, timestamps } from '../../db/columns'
import { tsvector } from '../../db/tsvector'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

export const CHALLENGE_STATUSES = ['draft', 'published', 'closed', 'in_evaluation', 'decided', 'results_published', 'archived'] as const

/**
 * A societal challenge a municipality puts to the market. Money is stored in euro cents.
 * `status` holds the last explicit transition; "closed" also follows from the server clock at
 * the submission deadline (see effectiveChallengeStatus in @opgave/domain).
 */
export const challenges = pgTable(
  'challenges',
  {
    id: id(),
    municipalityId: uuid('municipality_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    problemStatement: text('problem_statement').notNull().default(''),
    desiredOutcome: text('desired_outcome').notNull().default(''),
    sdgGoals: integer('sdg_goals').array().notNull().default(sql`'{}'::integer[]`),
    sdgTargets: text('sdg_targets').array().notNull().default(sql`'{}'::text[]`),
    /** Empty means every kind may apply; otherwise a subset of 'social_enterprise' | 'sme'. */
    eligibleEnterpriseKinds: text('eligible_enterprise_kinds').array().notNull().default(sql`'{}'::text[]`),
    /** Empty means every region. */
    eligibleRegions: text('eligible_regions').array().notNull().default(sql`'{}'::text[]`),
    reservedArt282: boolean('reserved_art_2_82').notNull().default(false),
    socialReturnPercent: numeric('social_return_percent', { precision: 5, scale: 2, mode: 'number' }),
    contractKind: text('contract_kind', { enum: ['prize', 'pilot_contract'] }).notNull().default('pilot_contract'),
    contractValueCents: bigint('contract_value_cents', { mode: 'number' }),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    questionsDeadline: timestamp('questions_deadline', { withTimezone: true }),
    submissionDeadline: timestamp('submission_deadline', { withTimezone: true }),
    decisionAt: timestamp('decision_at', { withTimezone: true }),
    status: text('status', { enum: CHALLENGE_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Optimistic concurrency: every write names the version it started from. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') || setweight(to_tsvector('dutch', coalesce(problem_statement, '') || ' ' || coalesce(desired_outcome, '')), 'C')`,
    ),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('challenges_municipality_slug_key').on(t.municipalityId, t.slug),
    index('challenges_status_deadline_idx').on(t.status, t.submissionDeadline),
    index('challenges_search_idx').using('gin', t.search),
    index('challenges_sdg_goals_idx').using('gin', t.sdgGoals),
    // The public catalogue in its own order, limited to what it lists: its first page (and each next
    // keyset page) reads 21 index entries instead of sorting every published challenge (bench 1a, 7a).
    // The predicate must stay implied by listPublicChallenges' conditions, or the planner cannot use it.
    index('challenges_catalogue_idx')
      .on(t.submissionDeadline, t.id)
      .where(sql`${t.status} <> 'draft' and ${t.publishedAt} is not null and ${t.submissionDeadline} is not null`),
  ],
)
export type ChallengeRow = typeof challenges.$inferSelect

/** Budget contributed by municipal portfolios ("bridging budgets"); the total is derived, never stored. */
export const challengeBudgetLines = pgTable(
  'challenge_budget_lines',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    portfolio: text('portfolio').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    position: integer('position').notNull().default(0),
  },
  // The catalogue sums the lines per listed challenge: without this index every row scans all lines (bench 1a).
  (t) => [index('challenge_budget_lines_challenge_idx').on(t.challengeId)],
)

export const challengeFollowers = pgTable(
  'challenge_followers',
  {
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] })],
)

/**
 * The public change log of a published challenge: one row per saved change (an edit or a change of criteria),
 * in the shape of `ChallengeChanges` without its title and links. Append-only, like the audit log it mirrors.
 */
export const challengeAmendments = pgTable(
  'challenge_amendments',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull(),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('challenge_amendments_challenge_idx').on(t.challengeId, t.madeAt)],
)
