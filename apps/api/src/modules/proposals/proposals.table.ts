import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { PlannedImpact, SocialReturn, SubmissionSnapshot } from '@opgave/contracts'
import { id, timestamps } from '../../db/columns'
import { challenges } from '../challenges/challenges.table'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

/**
 * A proposal of a lead enterprise to a challenge: one per enterprise per challenge (a withdrawn one
 * is edited and submitted again, never duplicated). The live row is the editable draft; every
 * submission is frozen separately in `proposal_submissions`.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'restrict' }),
    leadEnterpriseId: uuid('lead_enterprise_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ['draft', 'submitted', 'withdrawn'] }).notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    approach: text('approach').notNull().default(''),
    team: text('team').notNull().default(''),
    requestedBudgetCents: bigint('requested_budget_cents', { mode: 'number' }),
    plannedImpact: jsonb('planned_impact').$type<PlannedImpact[]>().notNull().default([]),
    socialReturn: jsonb('social_return').$type<SocialReturn | null>(),
    /** Optimistic concurrency: every write names the version it started from. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('proposals_challenge_lead_key').on(t.challengeId, t.leadEnterpriseId), index('proposals_lead_idx').on(t.leadEnterpriseId)],
)
export type ProposalRow = typeof proposals.$inferSelect

/** Consortium partners invited by the lead. Accepted partners' members may read and edit the draft. */
export const proposalPartners = pgTable(
  'proposal_partners',
  {
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['invited', 'accepted', 'declined'] }).notNull().default('invited'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.enterpriseId] }), index('proposal_partners_enterprise_idx').on(t.enterpriseId)],
)
export type ProposalPartnerRow = typeof proposalPartners.$inferSelect

/** Immutable: one row per submit, with the server time and the SHA-256 of the canonical snapshot. */
export const proposalSubmissions = pgTable(
  'proposal_submissions',
  {
    id: id(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'restrict' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    contentHash: text('content_hash').notNull(),
    snapshot: jsonb('snapshot').$type<SubmissionSnapshot>().notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('proposal_submissions_proposal_idx').on(t.proposalId, t.submittedAt)],
)
export type ProposalSubmissionRow = typeof proposalSubmissions.$inferSelect
