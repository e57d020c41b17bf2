import { Type, type Static } from '@sinclair/typebox'
import { DateTime, OpenDataLicence, StrictObject, Uuid } from '@opgave/contracts'

const Count = Type.Integer({ minimum: 0 })
const Cents = Type.Integer({ description: 'Euro cents' })
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100 })
const IsoDate = Type.String({ format: 'date', description: 'yyyy-mm-dd' })

export { OpenDataLicence }

/** The period filter: challenges published from `from` up to and including `to` (dates in UTC). */
export const ImpactQuery = StrictObject({
  municipality: Type.Optional(Slug),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
})
export type ImpactQuery = Static<typeof ImpactQuery>

export const ImpactScope = Type.Object({
  municipality: Type.Union([Type.Object({ name: Type.String(), slug: Type.String() }), Type.Null()], { description: 'null: all municipalities' }),
  from: Type.Union([IsoDate, Type.Null()]),
  to: Type.Union([IsoDate, Type.Null()]),
  /** CC0 only when every municipality in scope chose CC0; otherwise CC BY with attribution to `sources`. */
  licence: OpenDataLicence,
  sources: Type.Array(Type.Object({ municipality: Type.String(), slug: Type.String(), licence: OpenDataLicence })),
  generatedAt: DateTime,
})

export const ImpactFigures = Type.Object({
  challengeCount: Count,
  challengesPerSdg: Type.Array(Type.Object({ sdg: Type.Integer({ minimum: 1, maximum: 17 }), challenges: Count })),
  challengesPerStatus: Type.Array(Type.Object({ status: Type.String(), challenges: Count })),
  budgetTotalCents: Cents,
  budgetPerSdg: Type.Array(Type.Object({ sdg: Type.Integer({ minimum: 1, maximum: 17 }), budgetCents: Cents })),
  budgetPerPortfolio: Type.Array(Type.Object({ portfolio: Type.String(), budgetCents: Cents })),
  proposalsReceived: Count,
  enterprisesReached: Count,
  socialEnterprisesReached: Count,
  reservedArt282Challenges: Count,
  socialReturn: Type.Object({ committedJobs: Count, committedHours: Count, realisedJobs: Count, realisedHours: Count, realisedAmountCents: Cents }),
  pilots: Type.Object({ awarded: Count, awardedCents: Cents, reporting: Count }),
})

export const SocialBusinessCase = Type.Object({
  jobsRealised: Count,
  annualBenefitCents: Cents,
  estimatedAnnualSavingsCents: Cents,
  spentCents: Cents,
  savingsPerEuroSpent: Type.Union([Type.Number(), Type.Null()]),
  /** Where the default benefit amount comes from (shown beside the figure). */
  benefitSource: Type.String(),
})

export const IndicatorProgress = Type.Object({
  sdgTarget: Type.String(),
  indicator: Type.String(),
  unit: Type.String(),
  baseline: Type.Union([Type.Number(), Type.Null()]),
  target: Type.Union([Type.Number(), Type.Null()]),
  realised: Type.Union([Type.Number(), Type.Null()]),
  measuredOn: Type.Union([IsoDate, Type.Null()]),
  percentOfTarget: Type.Union([Type.Integer(), Type.Null()]),
})

export const PilotProgress = Type.Object({
  proposalId: Uuid,
  challenge: Type.Object({ id: Uuid, title: Type.String() }),
  municipality: Type.Object({ name: Type.String(), slug: Type.String() }),
  enterprise: Type.Object({ name: Type.String(), isSocialEnterprise: Type.Boolean() }),
  awardedCents: Cents,
  validatedReports: Count,
  socialReturn: Type.Object({ committedJobs: Count, committedHours: Count, realisedJobs: Count, realisedHours: Count, realisedAmountCents: Cents }),
  indicators: Type.Array(IndicatorProgress),
})

export const ImpactDashboard = Type.Object({
  scope: ImpactScope,
  figures: ImpactFigures,
  socialBusinessCase: SocialBusinessCase,
  pilots: Type.Array(PilotProgress),
})
export type ImpactDashboard = Static<typeof ImpactDashboard>
