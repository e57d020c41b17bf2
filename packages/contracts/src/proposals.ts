import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from './common'
import { DocumentMeta } from './documents'

const LongText = Type.String({ maxLength: 20_000 })
const ShortText = Type.String({ maxLength: 200 })
const Version = Type.Integer({ minimum: 1, description: 'The version this write started from (optimistic concurrency)' })
/** Drafts may hold empty or missing numbers; completeness is checked on submit. */
const DraftNumber = Type.Union([Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Null()])

export const ProposalStatus = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('withdrawn')])
export type ProposalStatus = Static<typeof ProposalStatus>

export const ImpactIndicator = StrictObject({ name: ShortText, baseline: DraftNumber, target: DraftNumber, unit: Type.String({ maxLength: 60 }) })
export const PlannedImpact = StrictObject({
  sdgTarget: Type.String({ maxLength: 10, description: 'SDG target code, e.g. 8.5; must fit the challenge’s goals or targets' }),
  indicators: Type.Array(ImpactIndicator, { maxItems: 10 }),
})
export type PlannedImpact = Static<typeof PlannedImpact>
export const SocialReturn = StrictObject({
  hours: Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()]),
  jobs: Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()]),
  targetGroup: Type.String({ maxLength: 500 }),
})
export type SocialReturn = Static<typeof SocialReturn>

/** Euros with at most two decimals; stored as cents. */
export const Euros = Type.Number({ minimum: 0, maximum: 1_000_000_000, description: 'Euros, at most 2 decimals' })

export const CreateProposalBody = StrictObject({ enterpriseId: Uuid, title: Type.String({ minLength: 1, maxLength: 200 }) })
export type CreateProposalBody = Static<typeof CreateProposalBody>

export const UpdateProposalBody = StrictObject(
  {
    version: Version,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    summary: Type.Optional(LongText),
    approach: Type.Optional(LongText),
    team: Type.Optional(LongText),
    requestedBudget: Type.Optional(Type.Union([Euros, Type.Null()])),
    plannedImpact: Type.Optional(Type.Array(PlannedImpact, { maxItems: 20 })),
    socialReturn: Type.Optional(Type.Union([SocialReturn, Type.Null()])),
  },
  { minProperties: 2 },
)
export type UpdateProposalBody = Static<typeof UpdateProposalBody>

export const VersionBody = StrictObject({ version: Version })
export type VersionBody = Static<typeof VersionBody>
export const InvitePartnerBody = StrictObject({ enterpriseId: Uuid })
export type InvitePartnerBody = Static<typeof InvitePartnerBody>

export const EnterpriseRef = Type.Object({ id: Uuid, name: Type.String() })
export const ProposalPartner = Type.Object({
  enterpriseId: Uuid,
  name: Type.String(),
  status: Type.Union([Type.Literal('invited'), Type.Literal('accepted'), Type.Literal('declined')]),
  invitedAt: DateTime,
  respondedAt: Type.Union([DateTime, Type.Null()]),
})

/** What a submission returns and emails: the server time and the SHA-256 of the canonical snapshot. */
export const SubmissionReceipt = Type.Object({
  proposalId: Uuid,
  submissionId: Uuid,
  submittedAt: DateTime,
  contentHash: Type.String({ description: 'Hex SHA-256 of the canonical JSON of the submitted snapshot' }),
})
export type SubmissionReceipt = Static<typeof SubmissionReceipt>

export const ProposalAccess = Type.Union([Type.Literal('lead'), Type.Literal('partner'), Type.Literal('invited'), Type.Literal('staff')], {
  description: 'Why the caller sees this proposal: member of the lead, of an accepted or invited partner, or municipality staff (after the deadline)',
})

export const Proposal = Type.Object({
  id: Uuid,
  challenge: Type.Object({
    id: Uuid,
    title: Type.String(),
    submissionDeadline: Type.Union([DateTime, Type.Null()]),
    status: Type.String({ description: 'Effective status on the server clock' }),
    reservedArt282: Type.Boolean(),
    sdgGoals: Type.Array(Type.Integer()),
    sdgTargets: Type.Array(Type.String()),
    socialReturnRequired: Type.Boolean(),
  }),
  leadEnterprise: EnterpriseRef,
  partners: Type.Array(ProposalPartner),
  status: ProposalStatus,
  title: Type.String(),
  summary: Type.String(),
  approach: Type.String(),
  team: Type.String(),
  requestedBudget: Type.Union([Type.Number(), Type.Null()]),
  plannedImpact: Type.Array(PlannedImpact),
  socialReturn: Type.Union([SocialReturn, Type.Null()]),
  documents: Type.Array(DocumentMeta),
  version: Type.Integer(),
  myAccess: ProposalAccess,
  /** Whether the caller may change content now (role, status and the server clock). */
  canEdit: Type.Boolean(),
  /** Whether the caller may submit or withdraw (lead only, before the deadline). */
  canSubmit: Type.Boolean(),
  receipt: Type.Union([SubmissionReceipt, Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Proposal = Static<typeof Proposal>

export const ProposalSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: ProposalStatus,
  challenge: Type.Object({ id: Uuid, title: Type.String(), submissionDeadline: Type.Union([DateTime, Type.Null()]), status: Type.String() }),
  leadEnterprise: EnterpriseRef,
  myEnterprise: EnterpriseRef,
  myAccess: ProposalAccess,
  version: Type.Integer(),
  receipt: Type.Union([SubmissionReceipt, Type.Null()]),
  updatedAt: DateTime,
})
export type ProposalSummary = Static<typeof ProposalSummary>

/** The frozen content of one submission: exactly what the receipt hash covers. */
export const SubmissionSnapshot = Type.Object({
  proposalId: Uuid,
  challengeId: Uuid,
  submittedAt: DateTime,
  leadEnterprise: EnterpriseRef,
  partners: Type.Array(EnterpriseRef),
  title: Type.String(),
  summary: Type.String(),
  approach: Type.String(),
  team: Type.String(),
  requestedBudgetCents: Type.Integer(),
  plannedImpact: Type.Array(PlannedImpact),
  socialReturn: Type.Union([SocialReturn, Type.Null()]),
  documents: Type.Array(Type.Object({ id: Uuid, name: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String() })),
})
export type SubmissionSnapshot = Static<typeof SubmissionSnapshot>

export const SubmittedProposal = Type.Object({
  proposalId: Uuid,
  submissionId: Uuid,
  submittedAt: DateTime,
  contentHash: Type.String(),
  leadEnterprise: EnterpriseRef,
  partners: Type.Array(EnterpriseRef),
  snapshot: SubmissionSnapshot,
})
export type SubmittedProposal = Static<typeof SubmittedProposal>

/**
 * The municipality's view of a challenge's proposals. Before the submission deadline only counts
 * (`items` is empty and `deadlinePassed` false): nobody may read a bid early. After it, the latest
 * submission of every proposal that is still submitted; withdrawn proposals and drafts never.
 */
export const ChallengeProposals = Type.Object({
  challengeId: Uuid,
  submissionDeadline: Type.Union([DateTime, Type.Null()]),
  deadlinePassed: Type.Boolean(),
  submittedCount: Type.Integer({ minimum: 0 }),
  draftCount: Type.Integer({ minimum: 0, description: 'Proposals started but not (or no longer) submitted: drafts and withdrawn' }),
  items: Type.Array(SubmittedProposal),
})
export type ChallengeProposals = Static<typeof ChallengeProposals>
