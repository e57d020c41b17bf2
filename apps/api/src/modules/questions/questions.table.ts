import { sql } from 'drizzle-orm'
import { type AnyPgColumn, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { timestamps, id } from '../../db/columns'
import { challenges } from '../challenges/challenges.table'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

/**
 * A question an enterprise asked privately about a challenge. Once published it carries a number
 * (per challenge, consecutive) and the nota version it first appeared in; the public only ever
 * sees number, publicText (or text) and answer. Status is derived (see questionStatus in @opgave/domain).
 */
export const questions = pgTable(
  'questions',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    // Restrict: the nota van inlichtingen is part of the procurement record; removing an enterprise must not silently take published answers with it.
    enterpriseId: uuid('enterprise_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    /** Null after the asker deleted their account: the question and its answer stay in the nota. */
    askedBy: uuid('asked_by').references(() => users.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    /** The anonymised wording staff chose for publication; null publishes `text` as asked. */
    publicText: text('public_text'),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => questions.id, { onDelete: 'set null' }),
    number: integer('number'),
    notaVersion: integer('nota_version'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    // Numbers are unique per challenge; the database guards it even if two publications raced.
    uniqueIndex('questions_challenge_number_key').on(t.challengeId, t.number).where(sql`${t.number} is not null`),
    index('questions_challenge_idx').on(t.challengeId, t.createdAt),
    index('questions_enterprise_idx').on(t.enterpriseId),
  ],
)
export type QuestionRow = typeof questions.$inferSelect

/** One published version of a challenge's nota van inlichtingen: 1, 2, … with its publication time. */
export const notaVersions = pgTable(
  'nota_versions',
  {
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    questionCount: integer('question_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.version] })],
)
export type NotaVersionRow = typeof notaVersions.$inferSelect
