import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from '@opgave/contracts'
import { ImpactDashboard, ImpactQuery, OpenDataLicence } from '../impact/impact.schemas'

/**
 * Open data: stable field names (never renamed; new fields are only added), no personal data
 * (no contact persons, askers, jurors or email addresses), only published content. Every row
 * carries its municipality's licence.
 */
export const OpenDataQuery = StrictObject({
  ...ImpactQuery.properties,
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'Overrides the Accept header: csv gives text/csv (UTF-8 with BOM)' })),
})
export type OpenDataQuery = Static<typeof OpenDataQuery>

const Common = { municipality: Type.String(), municipalitySlug: Type.String(), licence: OpenDataLicence }

export const OpenChallenge = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  ...Common,
  status: Type.String(),
  sdgGoals: Type.Array(Type.Integer()),
  sdgTargets: Type.Array(Type.String()),
  eligibleEnterpriseKinds: Type.Array(Type.String()),
  reservedArt282: Type.Boolean(),
  socialReturnPercent: Type.Union([Type.Number(), Type.Null()]),
  contractKind: Type.String(),
  contractValueCents: Type.Union([Type.Integer(), Type.Null()]),
  budgetTotalCents: Type.Integer(),
  publishedAt: DateTime,
  submissionDeadline: DateTime,
  decisionAt: Type.Union([DateTime, Type.Null()]),
  url: Type.String(),
})

export const OpenQuestion = Type.Object({
  challengeId: Uuid,
  challengeTitle: Type.String(),
  ...Common,
  number: Type.Integer(),
  question: Type.String(),
  answer: Type.String(),
  notaVersion: Type.Integer(),
  publishedAt: DateTime,
})

export const OpenResult = Type.Object({
  challengeId: Uuid,
  challengeTitle: Type.String(),
  ...Common,
  sdgGoals: Type.Array(Type.Integer()),
  winnerEnterprise: Type.String(),
  winnerIsSocialEnterprise: Type.Boolean(),
  winnerProposalTitle: Type.String(),
  awardedCents: Type.Integer(),
  motivation: Type.String(),
  decidedAt: DateTime,
})

/** How proposals are judged: one row per criterion of a published challenge's jury rounds. */
export const OpenCriterion = Type.Object({
  challengeId: Uuid,
  challengeTitle: Type.String(),
  ...Common,
  roundPosition: Type.Integer(),
  roundName: Type.String(),
  roundKind: Type.String(),
  position: Type.Integer({ description: 'Order within the round, from 0' }),
  name: Type.String(),
  description: Type.String(),
  weight: Type.Number(),
  weightSharePercent: Type.Number({ description: "The criterion's share of its round's total weight, in percent, one decimal" }),
  scaleMin: Type.Number(),
  scaleMax: Type.Number(),
  threshold: Type.Union([Type.Number(), Type.Null()], { description: 'Knock-out minimum on the mean score, if any' }),
  levelDescriptors: Type.Array(Type.String(), { description: 'What a score means, as "score: description"' }),
  sdgGoals: Type.Array(Type.Integer()),
  sdgTargets: Type.Array(Type.String()),
})

export const OpenDataList = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ generatedAt: DateTime, items: Type.Array(item) })
export const OpenImpact = Type.Object({ scope: ImpactDashboard.properties.scope, figures: ImpactDashboard.properties.figures, socialBusinessCase: ImpactDashboard.properties.socialBusinessCase })
export const OpenImpactRow = Type.Object({ dataset: Type.String(), category: Type.String(), value: Type.Number() })
