import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Email, StrictObject, Uuid } from './common'

export const ChallengeStatus = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('published'),
    Type.Literal('closed'),
    Type.Literal('in_evaluation'),
    Type.Literal('decided'),
    Type.Literal('results_published'),
    Type.Literal('archived'),
  ],
  { description: 'Effective status on the server clock: a published challenge past its submission deadline is closed.' },
)
export type ChallengeStatus = Static<typeof ChallengeStatus>

/** The lifecycle steps a client can ask for; closing happens by the clock at the submission deadline. */
export const ChallengeTransition = Type.Union([
  Type.Literal('publish'),
  Type.Literal('startEvaluation'),
  Type.Literal('decide'),
  Type.Literal('publishResults'),
  Type.Literal('archive'),
])
export type ChallengeTransition = Static<typeof ChallengeTransition>

export const EnterpriseKind = Type.Union([Type.Literal('social_enterprise'), Type.Literal('sme')])
export type EnterpriseKind = Static<typeof EnterpriseKind>
export const ContractKind = Type.Union([Type.Literal('prize'), Type.Literal('pilot_contract')])
export type ContractKind = Static<typeof ContractKind>

/** Euros as a number with at most two decimals (checked by the server; stored in cents). */
export const EuroAmount = Type.Number({ minimum: 0, maximum: 10_000_000_000, description: 'Euros, at most two decimals' })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Markdown = (maxLength: number) => Type.String({ maxLength, description: 'Markdown source; the rendered, sanitised HTML is returned as …Html' })

export const BudgetLine = Type.Object({ portfolio: Type.String(), amount: Type.Number({ description: 'Euros' }) })
export const BudgetLineInput = StrictObject({ portfolio: Type.String({ minLength: 1, maxLength: 120 }), amount: EuroAmount })
export type BudgetLineInput = Static<typeof BudgetLineInput>

export const MunicipalityRef = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() })

/** Fields a municipality edits. Drafts may leave most of them empty; publishing checks completeness. */
const editableFields = {
  summary: Type.Optional(Type.String({ maxLength: 1000 })),
  problemStatement: Type.Optional(Markdown(20_000)),
  desiredOutcome: Type.Optional(Markdown(20_000)),
  sdgGoals: Type.Optional(Type.Array(Type.Integer(), { maxItems: 17 })),
  sdgTargets: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 169 })),
  eligibleEnterpriseKinds: Type.Optional(Type.Array(EnterpriseKind, { uniqueItems: true, description: 'Empty: every kind may apply' })),
  eligibleRegions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true, description: 'Empty: every region' })),
  reservedArt282: Type.Optional(Type.Boolean({ description: 'Reserved under Art. 2.82 Aanbestedingswet 2012' })),
  socialReturnPercent: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100, description: 'Social return as a percentage of the contract value' }))),
  budgetLines: Type.Optional(Type.Array(BudgetLineInput, { maxItems: 20 })),
  contractKind: Type.Optional(ContractKind),
  contractValue: Type.Optional(Nullable(EuroAmount)),
  contactName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120 }))),
  contactEmail: Type.Optional(Nullable(Email)),
  publishAt: Type.Optional(Nullable(DateTime)),
  questionsDeadline: Type.Optional(Nullable(DateTime)),
  submissionDeadline: Type.Optional(Nullable(DateTime)),
  decisionAt: Type.Optional(Nullable(DateTime)),
}

export const ChallengeTitle = Type.String({ minLength: 1, maxLength: 200 })
export const CreateChallengeBody = StrictObject({ title: ChallengeTitle, ...editableFields })
export type CreateChallengeBody = Static<typeof CreateChallengeBody>
export const UpdateChallengeBody = StrictObject({
  version: Type.Integer({ minimum: 1, description: 'The version this edit started from; a stale one gives 409 with the current state' }),
  title: Type.Optional(ChallengeTitle),
  ...editableFields,
})
export type UpdateChallengeBody = Static<typeof UpdateChallengeBody>
export const ChallengeTransitionBody = StrictObject({ version: Type.Integer({ minimum: 1 }) })
export type ChallengeTransitionBody = Static<typeof ChallengeTransitionBody>

/** One card of the catalogue or workspace list. */
export const ChallengeSummary = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: ChallengeStatus,
  municipality: MunicipalityRef,
  sdgGoals: Type.Array(Type.Integer()),
  eligibleEnterpriseKinds: Type.Array(EnterpriseKind),
  reservedArt282: Type.Boolean(),
  budgetTotal: Type.Number({ description: 'Euros: the sum of the budget lines' }),
  contractKind: ContractKind,
  contractValue: Nullable(Type.Number()),
  questionsDeadline: Nullable(DateTime),
  submissionDeadline: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  version: Type.Integer(),
  updatedAt: DateTime,
})
export type ChallengeSummary = Static<typeof ChallengeSummary>

export const Challenge = Type.Object({
  ...ChallengeSummary.properties,
  problemStatement: Type.String(),
  problemStatementHtml: Type.String({ description: 'Sanitised HTML rendered from problemStatement' }),
  desiredOutcome: Type.String(),
  desiredOutcomeHtml: Type.String({ description: 'Sanitised HTML rendered from desiredOutcome' }),
  sdgTargets: Type.Array(Type.String()),
  eligibleRegions: Type.Array(Type.String()),
  socialReturnPercent: Nullable(Type.Number()),
  budgetLines: Type.Array(BudgetLine),
  contactName: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  publishAt: Nullable(DateTime),
  decisionAt: Nullable(DateTime),
  followerCount: Type.Integer(),
  following: Type.Boolean({ description: 'Whether the caller follows it (false when not logged in)' }),
  canEdit: Type.Boolean({ description: 'Whether the caller may edit it now' }),
  allowedTransitions: Type.Array(ChallengeTransition, { description: 'Lifecycle steps the caller may take now' }),
  createdAt: DateTime,
})
export type Challenge = Static<typeof Challenge>

export const ChallengePage = Type.Object({ items: Type.Array(ChallengeSummary), nextCursor: Nullable(Type.String()) })
export type ChallengePage = Static<typeof ChallengePage>

export const ChallengeCatalogueQuery = StrictObject({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Dutch full-text search' })),
  sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  municipality: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Municipality slug' })),
  status: Type.Optional(ChallengeStatus),
  enterpriseKind: Type.Optional(EnterpriseKind),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
})
export type ChallengeCatalogueQuery = Static<typeof ChallengeCatalogueQuery>

const Amended = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Object({ from: Type.Union([schema, Type.Null()]), to: Type.Union([schema, Type.Null()]) })

/**
 * A change made to a challenge after its publication, as the public change log shows it: equal information for
 * every bidder, including those who never followed. Values that decide whether and when to apply carry the old
 * and the new value; long texts and lists are named; criteria changes name their round.
 */
export const ChallengeAmendment = Type.Object({
  madeAt: DateTime,
  changed: Type.Object({
    submissionDeadline: Type.Optional(Amended(DateTime)),
    questionsDeadline: Type.Optional(Amended(DateTime)),
    decisionAt: Type.Optional(Amended(DateTime)),
    contractValue: Type.Optional(Amended(Type.Number({ description: 'Euros' }))),
    contractKind: Type.Optional(Amended(ContractKind)),
    socialReturnPercent: Type.Optional(Amended(Type.Number())),
    reservedArt282: Type.Optional(Amended(Type.Boolean())),
    title: Type.Optional(Amended(Type.String())),
  }),
  named: Type.Array(
    Type.Union([
      Type.Literal('eligibleEnterpriseKinds'),
      Type.Literal('eligibleRegions'),
      Type.Literal('summary'),
      Type.Literal('problemStatement'),
      Type.Literal('desiredOutcome'),
      Type.Literal('sdgGoals'),
      Type.Literal('sdgTargets'),
      Type.Literal('budgetLines'),
      Type.Literal('contactName'),
      Type.Literal('contactEmail'),
    ]),
    { description: 'Fields changed without their values: long texts, lists, and the contact person (a former contact’s name and address are not kept in public)' },
  ),
  criteria: Type.Array(
    Type.Object({
      round: Type.String({ description: 'The jury round’s name' }),
      name: Type.String({ description: 'The criterion’s name' }),
      kind: Type.Union([Type.Literal('added'), Type.Literal('changed'), Type.Literal('removed')]),
      weight: Type.Optional(Amended(Type.Number())),
      threshold: Type.Optional(Amended(Type.Number({ description: 'The minimum; null is none' }))),
    }),
    { description: 'Criteria of the jury rounds added, changed or removed: a changed one with its old and new weight and minimum where those moved, an added one with its weight and minimum in `to`' },
  ),
})
export type ChallengeAmendment = Static<typeof ChallengeAmendment>
export const ChallengeAmendmentList = Type.Object({ items: Type.Array(ChallengeAmendment, { description: 'Newest first' }) })
