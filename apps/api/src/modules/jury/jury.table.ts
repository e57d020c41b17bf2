import { sql } from 'drizzle-orm'
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, timestamps } from '../../db/columns'
import { challenges } from '../challenges/challenges.table'
import { proposals } from '../proposals/proposals.table'
import { users } from '../users/users.table'

/**
 * A challenge's jury. A member is invited by email (with or without an account); `userId` is set
 * when the single-use invitation is accepted. Scores reference the member, not the user, so a
 * deleted account leaves the (anonymised) member and its scores in place.
 */
export const juryMembers = pgTable(
  'jury_members',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    isChair: boolean('is_chair').notNull().default(false),
    sdgExpertise: integer('sdg_expertise').array().notNull().default(sql`'{}'::integer[]`),
    tokenHash: text('token_hash'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitationExpiresAt: timestamp('invitation_expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('jury_members_challenge_email_key').on(t.challengeId, t.email),
    index('jury_members_user_idx').on(t.userId),
    index('jury_members_token_idx').on(t.tokenHash),
    // At most one chair per challenge, enforced by the database so two requests cannot both win.
    uniqueIndex('jury_members_one_chair_key').on(t.challengeId).where(sql`is_chair and removed_at is null`),
  ],
)
export type JuryMemberRow = typeof juryMembers.$inferSelect

export const JURY_ROUND_STATUSES = ['setup', 'scoring', 'deliberation', 'closed'] as const

/** An evaluation round of a challenge: round 1 takes all submitted proposals, later rounds the shortlist. */
export const juryRounds = pgTable(
  'jury_rounds',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['written', 'pitch'] }).notNull(),
    name: text('name').notNull(),
    blindReview: boolean('blind_review').notNull().default(false),
    calibrate: boolean('calibrate').notNull().default(false),
    aggregation: text('aggregation', { enum: ['mean', 'median', 'trimmed_mean'] }).notNull().default('mean'),
    disagreementThreshold: doublePrecision('disagreement_threshold').notNull().default(15),
    jurorsPerProposal: integer('jurors_per_proposal').notNull().default(3),
    maxLoad: integer('max_load').notNull().default(10),
    status: text('status', { enum: JURY_ROUND_STATUSES }).notNull().default('setup'),
    deliberationOpenedAt: timestamp('deliberation_opened_at', { withTimezone: true }),
    /** When a criterion of the round was last added, changed or removed: applicants see it on the challenge page. */
    criteriaChangedAt: timestamp('criteria_changed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [uniqueIndex('jury_rounds_challenge_position_key').on(t.challengeId, t.position)],
)
export type JuryRoundRow = typeof juryRounds.$inferSelect

export const juryCriteria = pgTable(
  'jury_criteria',
  {
    id: id(),
    roundId: uuid('round_id').notNull().references(() => juryRounds.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    weight: doublePrecision('weight').notNull(),
    scaleMin: doublePrecision('scale_min').notNull().default(0),
    scaleMax: doublePrecision('scale_max').notNull().default(10),
    levelDescriptors: jsonb('level_descriptors').$type<{ score: number; description: string }[]>().notNull().default([]),
    threshold: doublePrecision('threshold'),
    sdgGoals: integer('sdg_goals').array().notNull().default(sql`'{}'::integer[]`),
    sdgTargets: text('sdg_targets').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [index('jury_criteria_round_idx').on(t.roundId)],
)
export type JuryCriterionRow = typeof juryCriteria.$inferSelect

/** The proposals a round evaluates: filled from the submitted proposals (round 1) or by a shortlist. */
export const juryRoundProposals = pgTable(
  'jury_round_proposals',
  {
    roundId: uuid('round_id').notNull().references(() => juryRounds.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.proposalId] })],
)

/** Declared conflicts of interest. Automatic ones (memberships) are derived on every read, never stored. */
export const juryConflicts = pgTable(
  'jury_conflicts',
  {
    id: id(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => juryMembers.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('jury_conflicts_member_proposal_key').on(t.memberId, t.proposalId)],
)

export const juryAssignments = pgTable(
  'jury_assignments',
  {
    roundId: uuid('round_id').notNull().references(() => juryRounds.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => juryMembers.id, { onDelete: 'cascade' }),
    matchScore: integer('match_score').notNull().default(0),
    sharedGoals: integer('shared_goals').array().notNull().default(sql`'{}'::integer[]`),
    /** Set by the chair by hand; kept when the solver runs again. */
    manual: boolean('manual').notNull().default(false),
    /** explainAssignment's pair explanation at the time the pair was made. */
    explanation: jsonb('explanation').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.proposalId, t.memberId] }), index('jury_assignments_member_idx').on(t.memberId)],
)

export type ScoreEntries = Record<string, { score: number | null; comment: string | null }>

export const juryScorecards = pgTable(
  'jury_scorecards',
  {
    id: id(),
    roundId: uuid('round_id').notNull().references(() => juryRounds.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => juryMembers.id, { onDelete: 'cascade' }),
    scores: jsonb('scores').$type<ScoreEntries>().notNull().default({}),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Last reopening by the chair, so the juror learns why a submitted card is editable again. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    /** True once any criterion got a score: locks the round's criteria. */
    hasScores: boolean('has_scores').notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [uniqueIndex('jury_scorecards_round_proposal_member_key').on(t.roundId, t.proposalId, t.memberId)],
)
export type JuryScorecardRow = typeof juryScorecards.$inferSelect

/** Every computation of a round's results is kept: what the jury saw at that moment, and from which inputs. */
export const juryRoundResults = pgTable(
  'jury_round_results',
  {
    id: id(),
    roundId: uuid('round_id').notNull().references(() => juryRounds.id, { onDelete: 'cascade' }),
    result: jsonb('result').notNull(),
    inputsHash: text('inputs_hash').notNull(),
    /** `inputsMarkerOf` at computation: lets GET tell "nothing changed" without re-reading every card (null: older rows). */
    inputsMarker: text('inputs_marker'),
    computedBy: uuid('computed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('jury_round_results_round_idx').on(t.roundId, t.createdAt)],
)

/** The jury's decision on a challenge: winners and motivation, recorded by the chair. */
export const juryDecisions = pgTable('jury_decisions', {
  challengeId: uuid('challenge_id')
    .primaryKey()
    .references(() => challenges.id, { onDelete: 'cascade' }),
  winnerProposalIds: uuid('winner_proposal_ids').array().notNull(),
  motivation: text('motivation').notNull(),
  decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  version: integer('version').notNull().default(1),
  ...timestamps(),
})
