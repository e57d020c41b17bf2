import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from '@opgave/contracts'
import { IndicatorProgress } from '../impact/impact.schemas'

const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100 })

export const ShowcaseQuery = StrictObject({
  sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  municipality: Type.Optional(Slug),
  socialEnterprise: Type.Optional(Type.Boolean({ description: 'true: only social enterprises; false: only others' })),
})
export type ShowcaseQuery = Static<typeof ShowcaseQuery>

export const ShowcaseItem = Type.Object({
  id: Uuid,
  challenge: Type.Object({ id: Uuid, title: Type.String(), summary: Type.String(), sdgGoals: Type.Array(Type.Integer()) }),
  municipality: Type.Object({ name: Type.String(), slug: Type.String() }),
  enterprise: Type.Object({ name: Type.String(), isSocialEnterprise: Type.Boolean(), region: Type.Union([Type.String(), Type.Null()]) }),
  proposal: Type.Object({ title: Type.String(), summary: Type.String() }),
  results: Type.Object({
    validatedReports: Type.Integer(),
    indicators: Type.Array(IndicatorProgress),
    socialReturn: Type.Object({ committedJobs: Type.Integer(), committedHours: Type.Integer(), realisedJobs: Type.Integer(), realisedHours: Type.Integer(), realisedAmountCents: Type.Integer() }),
  }),
})
export type ShowcaseItem = Static<typeof ShowcaseItem>

export const ConsentBody = StrictObject({ consented: Type.Boolean() })
export const Consent = Type.Object({ consented: Type.Boolean(), changedAt: DateTime })
