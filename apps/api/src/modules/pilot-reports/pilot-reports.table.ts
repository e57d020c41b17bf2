import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from '../../db/columns'
import { challenges } from '../challenges/challenges.table'
import { organisations } from '../organisations/organisations.table'
import { proposals } from '../proposals/proposals.table'
import { users } from '../users/users.table'

export interface PilotReportIndicator {
  sdgTarget: string
  indicator: string
  value: number
  /** ISO date yyyy-mm-dd. */
  measuredOn: string
  evidence: string
  evidenceUrl: string | null
}

/**
 * A periodic impact report of a pilot (a winning proposal): indicator measurements against what
 * was promised, and social return realised in the period. The account manager validates or
 * rejects it; only validated reports count on dashboards. Resubmitting a rejected report is a new row.
 */
export const pilotReports = pgTable(
  'pilot_reports',
  {
    id: id(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'restrict' }),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'restrict' }),
    enterpriseId: uuid('enterprise_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    indicators: jsonb('indicators').$type<PilotReportIndicator[]>().notNull().default([]),
    jobsRealised: integer('jobs_realised').notNull().default(0),
    hoursRealised: integer('hours_realised').notNull().default(0),
    amountRealisedCents: bigint('amount_realised_cents', { mode: 'number' }).notNull().default(0),
    notes: text('notes').notNull().default(''),
    status: text('status', { enum: ['submitted', 'validated', 'rejected'] }).notNull().default('submitted'),
    rejectionReason: text('rejection_reason'),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [index('pilot_reports_proposal_idx').on(t.proposalId, t.submittedAt), index('pilot_reports_challenge_idx').on(t.challengeId)],
)
export type PilotReportRow = typeof pilotReports.$inferSelect
