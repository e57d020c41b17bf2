import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Email, StrictObject, Uuid } from './common'

// Jury and scoring (issue 4). Paths: rounds under /challenges/{id}/rounds and /jury-rounds/{id}.

const Version = Type.Integer({ minimum: 1, description: 'The version the write starts from; a stale one gives 409 with `current`.' })
const SdgGoal = Type.Integer({ minimum: 1, maximum: 17 })
const SdgTarget = Type.String({ minLength: 3, maxLength: 6, description: 'SDG target code, e.g. 8.5 or 11.a' })
const Score = Type.Number({ minimum: -1000, maximum: 1000 })

export const JuryRoundKind = Type.Union([Type.Literal('written'), Type.Literal('pitch')])
export const JuryAggregation = Type.Union([Type.Literal('mean'), Type.Literal('median'), Type.Literal('trimmed_mean')])
export const JuryRoundStatus = Type.Union([Type.Literal('setup'), Type.Literal('scoring'), Type.Literal('deliberation'), Type.Literal('closed')])

export const LevelDescriptor = StrictObject({ score: Score, description: Type.String({ minLength: 1, maxLength: 500 }) })

const criterionFields = {
  name: Type.String({ minLength: 1, maxLength: 160 }),
  description: Type.String({ maxLength: 4000 }),
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  scaleMin: Score,
  scaleMax: Score,
  levelDescriptors: Type.Array(LevelDescriptor, { maxItems: 21 }),
  threshold: Type.Union([Score, Type.Null()]),
  sdgGoals: Type.Array(SdgGoal, { maxItems: 17 }),
  sdgTargets: Type.Array(SdgTarget, { maxItems: 169 }),
}

export const JuryCriterion = Type.Object({ id: Uuid, roundId: Uuid, position: Type.Integer(), ...criterionFields, version: Type.Integer() })
export type JuryCriterion = Static<typeof JuryCriterion>

export const CreateJuryCriterionBody = StrictObject({
  name: criterionFields.name,
  description: Type.Optional(criterionFields.description),
  weight: criterionFields.weight,
  scaleMin: Type.Optional(Score),
  scaleMax: Type.Optional(Score),
  levelDescriptors: Type.Optional(criterionFields.levelDescriptors),
  threshold: Type.Optional(criterionFields.threshold),
  sdgGoals: Type.Optional(criterionFields.sdgGoals),
  sdgTargets: Type.Optional(criterionFields.sdgTargets),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
})
export type CreateJuryCriterionBody = Static<typeof CreateJuryCriterionBody>

export const UpdateJuryCriterionBody = StrictObject({
  version: Version,
  name: Type.Optional(criterionFields.name),
  description: Type.Optional(criterionFields.description),
  weight: Type.Optional(criterionFields.weight),
  scaleMin: Type.Optional(Score),
  scaleMax: Type.Optional(Score),
  levelDescriptors: Type.Optional(criterionFields.levelDescriptors),
  threshold: Type.Optional(criterionFields.threshold),
  sdgGoals: Type.Optional(criterionFields.sdgGoals),
  sdgTargets: Type.Optional(criterionFields.sdgTargets),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
})
export type UpdateJuryCriterionBody = Static<typeof UpdateJuryCriterionBody>

const roundSettings = {
  name: Type.String({ minLength: 1, maxLength: 160 }),
  blindReview: Type.Boolean(),
  calibrate: Type.Boolean(),
  aggregation: JuryAggregation,
  disagreementThreshold: Type.Number({ minimum: 0, maximum: 100, description: 'Points on the 0–100 scale; default 15' }),
  jurorsPerProposal: Type.Integer({ minimum: 1, maximum: 50, description: 'k: jurors per proposal (written rounds)' }),
  maxLoad: Type.Integer({ minimum: 1, maximum: 500, description: 'L: most proposals per juror (written rounds)' }),
}

export const JuryRound = Type.Object({
  id: Uuid,
  challengeId: Uuid,
  position: Type.Integer({ description: '1 for the first round' }),
  kind: JuryRoundKind,
  ...roundSettings,
  status: JuryRoundStatus,
  deliberationOpenedAt: Type.Union([DateTime, Type.Null()]),
  criteriaLocked: Type.Boolean({ description: 'True once any scorecard of the round has a score' }),
  criteria: Type.Array(JuryCriterion),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type JuryRound = Static<typeof JuryRound>

/**
 * How proposals will be judged, as entrepreneurs read it on the challenge page before they write: each
 * round's criteria with their weights, scales, knock-out thresholds and level descriptors. No jury
 * settings beyond blind review (which tells applicants their name is hidden in that round).
 */
export const ChallengeAssessment = Type.Object({
  rounds: Type.Array(
    Type.Object({
      id: Uuid,
      position: Type.Integer({ description: '1 for the first round' }),
      kind: JuryRoundKind,
      name: roundSettings.name,
      blindReview: roundSettings.blindReview,
      criteriaChangedAt: Type.Union([DateTime, Type.Null()], { description: 'When a criterion was last added, changed or removed after the challenge was published; null if none was' }),
      criteria: Type.Array(Type.Object({ id: Uuid, position: Type.Integer(), ...criterionFields })),
    }),
  ),
})
export type ChallengeAssessment = Static<typeof ChallengeAssessment>

export const CreateJuryRoundBody = StrictObject({
  kind: JuryRoundKind,
  name: roundSettings.name,
  blindReview: Type.Optional(roundSettings.blindReview),
  calibrate: Type.Optional(roundSettings.calibrate),
  aggregation: Type.Optional(roundSettings.aggregation),
  disagreementThreshold: Type.Optional(roundSettings.disagreementThreshold),
  jurorsPerProposal: Type.Optional(roundSettings.jurorsPerProposal),
  maxLoad: Type.Optional(roundSettings.maxLoad),
})
export type CreateJuryRoundBody = Static<typeof CreateJuryRoundBody>

export const UpdateJuryRoundBody = StrictObject({
  version: Version,
  name: Type.Optional(roundSettings.name),
  blindReview: Type.Optional(roundSettings.blindReview),
  calibrate: Type.Optional(roundSettings.calibrate),
  aggregation: Type.Optional(roundSettings.aggregation),
  disagreementThreshold: Type.Optional(roundSettings.disagreementThreshold),
  jurorsPerProposal: Type.Optional(roundSettings.jurorsPerProposal),
  maxLoad: Type.Optional(roundSettings.maxLoad),
})
export type UpdateJuryRoundBody = Static<typeof UpdateJuryRoundBody>

// Jury members

export const JuryMember = Type.Object({
  id: Uuid,
  challengeId: Uuid,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()], { description: 'Known once the invitation is accepted' }),
  userId: Type.Union([Uuid, Type.Null()]),
  isChair: Type.Boolean(),
  sdgExpertise: Type.Array(SdgGoal),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active')]),
  invitationExpiresAt: DateTime,
  version: Type.Integer(),
  createdAt: DateTime,
})
export type JuryMember = Static<typeof JuryMember>

export const InviteJuryMemberBody = StrictObject({
  email: Email,
  isChair: Type.Optional(Type.Boolean()),
  sdgExpertise: Type.Optional(Type.Array(SdgGoal, { maxItems: 17 })),
})
export type InviteJuryMemberBody = Static<typeof InviteJuryMemberBody>

export const UpdateJuryMemberBody = StrictObject({
  version: Version,
  isChair: Type.Optional(Type.Boolean()),
  sdgExpertise: Type.Optional(Type.Array(SdgGoal, { maxItems: 17 })),
})
export type UpdateJuryMemberBody = Static<typeof UpdateJuryMemberBody>

export const JuryInvitationToken = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' })
export const JuryInvitationPreview = Type.Object({ challengeId: Uuid, challengeTitle: Type.String(), email: Type.String(), isChair: Type.Boolean(), expiresAt: DateTime })

/** The caller's own seat on a jury: where a juror starts. */
export const MyJurySeat = Type.Object({
  memberId: Uuid,
  challengeId: Uuid,
  challengeTitle: Type.String(),
  decisionAt: Type.Union([DateTime, Type.Null()], { description: 'When the challenge expects its decision: the date the jury works towards' }),
  isChair: Type.Boolean(),
  rounds: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: JuryRoundKind, status: JuryRoundStatus, position: Type.Integer() })),
})

// Conflicts of interest

export const JuryConflict = Type.Object({
  memberId: Uuid,
  proposalId: Uuid,
  source: Type.Union([Type.Literal('declared'), Type.Literal('membership')], { description: 'membership: the juror belongs to the proposing or a partner enterprise' }),
  reason: Type.String(),
  createdAt: Type.Union([DateTime, Type.Null()]),
})
export type JuryConflict = Static<typeof JuryConflict>
export const DeclareJuryConflictBody = StrictObject({ proposalId: Uuid, reason: Type.String({ minLength: 3, maxLength: 2000 }) })
export type DeclareJuryConflictBody = Static<typeof DeclareJuryConflictBody>

// Assignment

export const JuryAssignment = Type.Object({
  proposalId: Uuid,
  proposalTitle: Type.String(),
  memberId: Uuid,
  matchScore: Type.Integer({ description: 'Number of the proposal’s SDG goals the juror is expert in' }),
  sharedGoals: Type.Array(SdgGoal),
  manual: Type.Boolean({ description: 'Set by the chair by hand' }),
  explanation: Type.Unknown({ description: 'Why this juror got this proposal: shared goals, load, better-matching jurors and why they were not used' }),
})
export const JuryAssignmentOverview = Type.Object({
  roundId: Uuid,
  assignments: Type.Array(JuryAssignment),
  loadPerJuror: Type.Array(Type.Object({ memberId: Uuid, load: Type.Integer(), maxLoad: Type.Integer() })),
  warnings: Type.Array(Type.String()),
  /** A large round's assignment runs as a background job: waiting or running, or why the last run failed. */
  background: Type.Optional(
    Type.Object({ state: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('failed')]), message: Type.Union([Type.String(), Type.Null()]) }),
  ),
})
export type JuryAssignmentOverview = Static<typeof JuryAssignmentOverview>
export const JuryAssignmentQueued = Type.Object({ queued: Type.Literal(true), jobId: Type.Union([Type.String(), Type.Null()]) })
export type JuryAssignmentQueued = Static<typeof JuryAssignmentQueued>
export const SwapJurorBody = StrictObject({
  proposalId: Uuid,
  removeMemberId: Uuid,
  addMemberId: Uuid,
  allowOverload: Type.Optional(Type.Boolean({ description: 'Accept exceeding the juror’s maximum load L (the response warns)' })),
})
export type SwapJurorBody = Static<typeof SwapJurorBody>

// Scorecards

export const ScoreEntry = Type.Object({ score: Type.Union([Score, Type.Null()]), comment: Type.Union([Type.String({ maxLength: 5000 }), Type.Null()]) })
export const ScoreEntryInput = StrictObject({ score: Type.Union([Score, Type.Null()]), comment: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])) })

export const JuryScorecard = Type.Object({
  id: Type.Union([Uuid, Type.Null()], { description: 'null until the first save' }),
  roundId: Uuid,
  proposalId: Uuid,
  memberId: Uuid,
  scores: Type.Record(Type.String(), ScoreEntry, { description: 'Per criterion id' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Type.Union([DateTime, Type.Null()]),
  reopenedAt: Type.Union([DateTime, Type.Null()], { description: 'When the chair last reopened this card after a submission' }),
  weightedTotal: Type.Union([Type.Number(), Type.Null()], { description: 'R on 0–100 when complete' }),
  version: Type.Integer({ description: '0 until the first save' }),
  updatedAt: Type.Union([DateTime, Type.Null()]),
})
export type JuryScorecard = Static<typeof JuryScorecard>

export const SaveScorecardBody = StrictObject({ version: Type.Integer({ minimum: 0, description: '0 for the first save' }), scores: Type.Record(Type.String({ format: 'uuid' }), ScoreEntryInput) })
export type SaveScorecardBody = Static<typeof SaveScorecardBody>
export const SubmitScorecardBody = StrictObject({ version: Version })
export const ReopenScorecardBody = StrictObject({ reason: Type.String({ minLength: 3, maxLength: 2000, description: 'Why the chair reopens it; kept in the audit log' }) })
export type ReopenScorecardBody = Static<typeof ReopenScorecardBody>

/** A proposal as a juror sees it. In a blind round nothing names the applicant. */
export const JurorProposal = Type.Object({
  proposalId: Uuid,
  title: Type.String(),
  sdgGoals: Type.Array(SdgGoal),
  enterpriseName: Type.Optional(Type.String({ description: 'Absent in blind rounds' })),
  partnerNames: Type.Optional(Type.Array(Type.String(), { description: 'Absent in blind rounds' })),
  scorecardStatus: Type.Union([Type.Literal('not_started'), Type.Literal('draft'), Type.Literal('submitted')]),
})
export const JurorProposalDetail = Type.Object({
  proposalId: Uuid,
  roundId: Uuid,
  blindReview: Type.Boolean(),
  enterpriseName: Type.Optional(Type.String()),
  partnerNames: Type.Optional(Type.Array(Type.String())),
  submittedAt: Type.Union([DateTime, Type.Null()]),
  snapshot: Type.Unknown({ description: 'The submitted version; identity removed in blind rounds' }),
})

export const OtherScorecard = Type.Object({
  juror: Type.String({ description: 'A label such as "Jurylid 2"; the chair and staff see names' }),
  memberId: Type.Optional(Uuid),
  scores: Type.Record(Type.String(), ScoreEntry),
  weightedTotal: Type.Union([Type.Number(), Type.Null()]),
  submittedAt: Type.Union([DateTime, Type.Null()]),
})

export const ScorecardProgress = Type.Object({
  scorecardId: Type.Union([Uuid, Type.Null()]),
  proposalId: Uuid,
  memberId: Uuid,
  status: Type.Union([Type.Literal('not_started'), Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Type.Union([DateTime, Type.Null()]),
})
export const RoundProgress = Type.Object({
  roundId: Uuid,
  status: JuryRoundStatus,
  items: Type.Array(ScorecardProgress),
  perJuror: Type.Array(Type.Object({ memberId: Uuid, assigned: Type.Integer(), submitted: Type.Integer() })),
  perProposal: Type.Array(Type.Object({ proposalId: Uuid, assigned: Type.Integer(), submitted: Type.Integer() })),
})

// Results, shortlist, decision, feedback

/** A large round's results are computed by a background job; GET the results until a newer computation appears. */
export const JuryResultsQueued = Type.Object({ queued: Type.Literal(true), jobId: Type.Union([Type.String(), Type.Null()]) })
export type JuryResultsQueued = Static<typeof JuryResultsQueued>

export const JuryRoundResults = Type.Object({
  id: Uuid,
  roundId: Uuid,
  computedAt: DateTime,
  inputsHash: Type.String({ description: 'SHA-256 over the criteria, options and counted scorecards' }),
  stale: Type.Boolean({ description: 'True when scorecards or criteria changed since this computation' }),
  results: Type.Unknown({ description: 'computeRoundResults output: ranking with ties, disagreement, alpha, stability, per-SDG scores' }),
  proposalTitles: Type.Record(Type.String(), Type.String()),
})
export const ShortlistBody = StrictObject({
  nextRoundId: Uuid,
  topN: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Omit to take every proposal passing all thresholds' })),
})
export const ShortlistResponse = Type.Object({ nextRoundId: Uuid, proposalIds: Type.Array(Uuid) })

export const JuryDecision = Type.Object({
  challengeId: Uuid,
  winnerProposalIds: Type.Array(Uuid),
  winners: Type.Optional(
    Type.Array(Type.Object({ proposalId: Uuid, title: Type.String(), enterpriseName: Type.String() }), {
      description: 'Present once the results are published: the winning proposals with their lead enterprise (public)',
    }),
  ),
  motivation: Type.String(),
  version: Type.Integer(),
  updatedAt: DateTime,
})
export const RecordDecisionBody = StrictObject({
  version: Type.Integer({ minimum: 0, description: '0 when no decision exists yet' }),
  winnerProposalIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
  motivation: Type.String({ minLength: 10, maxLength: 10000 }),
})
export type RecordDecisionBody = Static<typeof RecordDecisionBody>

export const RankBand = Type.Union([Type.Literal('top_10_percent'), Type.Literal('top_25_percent'), Type.Literal('top_50_percent'), Type.Literal('bottom_50_percent')])
export const ProposalFeedback = Type.Object({
  proposalId: Uuid,
  winner: Type.Boolean(),
  rounds: Type.Array(
    Type.Object({
      roundId: Uuid,
      name: Type.String(),
      rankBand: Type.Union([RankBand, Type.Null()]),
      criteria: Type.Array(
        Type.Object({
          criterionId: Uuid,
          name: Type.String(),
          scaleMin: Type.Number(),
          scaleMax: Type.Number(),
          meanScore: Type.Union([Type.Number(), Type.Null()]),
          comments: Type.Array(Type.String()),
        }),
      ),
    }),
  ),
})
