import { Type, type Static } from '@sinclair/typebox'
import { StrictObject, Uuid } from '@opgave/contracts'

export const PartnerQuery = StrictObject({
  sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17, description: 'Enterprises whose SDG profile includes this goal' })),
  kind: Type.Optional(Type.Union([Type.Literal('social_enterprise'), Type.Literal('sme')])),
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  lookingForPartners: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name' })),
})
export type PartnerQuery = Static<typeof PartnerQuery>

/** Directory fields only: an enterprise, never its people or their addresses. */
export const Partner = Type.Object({
  id: Uuid,
  name: Type.String(),
  isSocialEnterprise: Type.Boolean(),
  sdgGoals: Type.Array(Type.Integer()),
  region: Type.Union([Type.String(), Type.Null()]),
  lookingForPartners: Type.Boolean(),
  description: Type.String(),
  website: Type.Union([Type.String(), Type.Null()]),
})
export type Partner = Static<typeof Partner>

export const ContactBody = StrictObject({
  fromEnterpriseId: Uuid,
  subject: Type.String({ minLength: 1, maxLength: 150, pattern: '\\S' }),
  message: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
})
export type ContactBody = Static<typeof ContactBody>
export const ContactResult = Type.Object({ status: Type.Literal('queued') })

export const PartnerSuggestions = Type.Object({
  challenge: Type.Object({ id: Uuid, title: Type.String(), sdgGoals: Type.Array(Type.Integer()) }),
  items: Type.Array(Type.Intersect([Partner, Type.Object({ matchingSdgs: Type.Array(Type.Integer()) })])),
})
export type PartnerSuggestions = Static<typeof PartnerSuggestions>
