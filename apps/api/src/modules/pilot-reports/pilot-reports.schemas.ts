import { Type, type Static } from '@sinclair/typebox'
import { DateTime, PlannedImpact, SocialReturn, StrictObject, Uuid } from '@opgave/contracts'

const IsoDate = Type.String({ format: 'date', description: 'yyyy-mm-dd' })
const Version = Type.Integer({ minimum: 1, description: 'The version this write started from (optimistic concurrency)' })

export const ReportIndicatorInput = StrictObject({
  sdgTarget: Type.String({ minLength: 1, maxLength: 10, description: 'One of the SDG targets the winning proposal promised' }),
  indicator: Type.String({ minLength: 1, maxLength: 200, description: 'The promised indicator’s name' }),
  value: Type.Number({ minimum: -1e12, maximum: 1e12 }),
  measuredOn: IsoDate,
  evidence: Type.String({ minLength: 1, maxLength: 2000, description: 'What shows the value: a description of the evidence' }),
  evidenceUrl: Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }), Type.Null()]),
})

export const CreatePilotReportBody = StrictObject({
  periodStart: IsoDate,
  periodEnd: IsoDate,
  indicators: Type.Array(ReportIndicatorInput, { maxItems: 50 }),
  jobsRealised: Type.Integer({ minimum: 0, maximum: 100_000, description: 'Jobs for people with a distance to the labour market realised in this period' }),
  hoursRealised: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  amountRealised: Type.Number({ minimum: 0, maximum: 1_000_000_000, description: 'Social return in euros realised in this period, at most 2 decimals' }),
  notes: Type.String({ maxLength: 5000 }),
})
export type CreatePilotReportBody = Static<typeof CreatePilotReportBody>

export const ReviewBody = StrictObject({ version: Version })
export const RejectBody = StrictObject({ version: Version, reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why the report is rejected; the enterprise sees it' }) })

export const PilotReportStatus = Type.Union([Type.Literal('submitted'), Type.Literal('validated'), Type.Literal('rejected')])
export const PilotReport = Type.Object({
  id: Uuid,
  proposalId: Uuid,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  indicators: Type.Array(Type.Object({ sdgTarget: Type.String(), indicator: Type.String(), value: Type.Number(), measuredOn: IsoDate, evidence: Type.String(), evidenceUrl: Type.Union([Type.String(), Type.Null()]) })),
  jobsRealised: Type.Integer(),
  hoursRealised: Type.Integer(),
  amountRealisedCents: Type.Integer(),
  notes: Type.String(),
  status: PilotReportStatus,
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  submittedAt: DateTime,
  reviewedAt: Type.Union([DateTime, Type.Null()]),
  version: Type.Integer(),
})
export type PilotReport = Static<typeof PilotReport>

const PilotRef = {
  proposalId: Uuid,
  proposalTitle: Type.String(),
  challenge: Type.Object({ id: Uuid, title: Type.String(), status: Type.String() }),
  municipality: Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() }),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  promisedImpact: Type.Array(PlannedImpact),
  promisedSocialReturn: Type.Union([SocialReturn, Type.Null()]),
}

export const MyPilot = Type.Object({
  ...PilotRef,
  reports: Type.Array(PilotReport),
  /** Null: never asked. */
  showcaseConsent: Type.Union([Type.Object({ consented: Type.Boolean(), changedAt: DateTime }), Type.Null()]),
  mayConsent: Type.Boolean(),
  resultsPublic: Type.Boolean(),
})
export type MyPilot = Static<typeof MyPilot>

export const ReportForReview = Type.Object({ ...PilotRef, report: PilotReport })
export type ReportForReview = Static<typeof ReportForReview>

export const ReviewQuery = StrictObject({ status: Type.Optional(PilotReportStatus) })
