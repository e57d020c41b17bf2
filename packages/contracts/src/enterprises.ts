import { Type, type Static } from '@sinclair/typebox'
import { DateTime, StrictObject, Uuid } from './common'
import { KvkNumber, OrganisationName } from './accounts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const LegalForm = Type.Union([
  Type.Literal('eenmanszaak'),
  Type.Literal('vof'),
  Type.Literal('bv'),
  Type.Literal('nv'),
  Type.Literal('stichting'),
  Type.Literal('vereniging'),
  Type.Literal('cooperatie'),
  Type.Literal('other'),
])
export type LegalForm = Static<typeof LegalForm>

export const SdgGoalList = Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true })
export const WebsiteUrl = Type.String({ maxLength: 500, description: 'Absolute http(s) URL' })

export const EnterpriseProfile = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  kvkNumber: Nullable(Type.String()),
  legalForm: Nullable(LegalForm),
  isSocialEnterprise: Type.Boolean(),
  distanceToLabourMarketPercent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  /** Derived: the declared share qualifies under Art. 2.82 Aanbestedingswet (≥ 30 %). */
  eligibleForArt282: Type.Boolean(),
  sdgGoals: Type.Array(Type.Integer()),
  region: Nullable(Type.String()),
  lookingForPartners: Type.Boolean(),
  website: Nullable(Type.String()),
  description: Type.String(),
  updatedAt: DateTime,
})
export type EnterpriseProfile = Static<typeof EnterpriseProfile>

export const UpdateEnterpriseProfileBody = StrictObject(
  {
    name: Type.Optional(OrganisationName),
    kvkNumber: Type.Optional(Nullable(KvkNumber)),
    legalForm: Type.Optional(Nullable(LegalForm)),
    isSocialEnterprise: Type.Optional(Type.Boolean()),
    distanceToLabourMarketPercent: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    sdgGoals: Type.Optional(SdgGoalList),
    region: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120 }))),
    lookingForPartners: Type.Optional(Type.Boolean()),
    website: Type.Optional(Nullable(WebsiteUrl)),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { minProperties: 1 },
)
export type UpdateEnterpriseProfileBody = Static<typeof UpdateEnterpriseProfileBody>

/** What anyone signed in may see of any enterprise: the directory card, no KvK, no members. */
export const EnterpriseDirectoryEntry = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  isSocialEnterprise: Type.Boolean(),
  sdgGoals: Type.Array(Type.Integer()),
  region: Nullable(Type.String()),
  lookingForPartners: Type.Boolean(),
  website: Nullable(Type.String()),
  description: Type.String(),
})
export type EnterpriseDirectoryEntry = Static<typeof EnterpriseDirectoryEntry>

export const EnterpriseSearchQuery = StrictObject({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  lookingForPartners: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
})

export const AccountManagerRef = Type.Object({ userId: Uuid, name: Type.String(), email: Type.String() })

export const AccountManagerAssignment = Type.Object({
  municipalityId: Uuid,
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  accountManager: AccountManagerRef,
  assignedAt: DateTime,
})
export type AccountManagerAssignment = Static<typeof AccountManagerAssignment>

export const AssignAccountManagerBody = StrictObject({ userId: Uuid })
export type AssignAccountManagerBody = Static<typeof AssignAccountManagerBody>

/** The enterprise's named contact at a municipality. */
export const EnterpriseContact = Type.Object({
  municipalityId: Uuid,
  municipalityName: Type.String(),
  municipalitySlug: Type.String(),
  name: Type.String(),
  email: Type.String(),
})
export type EnterpriseContact = Static<typeof EnterpriseContact>

export const ManagedQuestion = Type.Object({
  id: Uuid,
  challengeId: Uuid,
  challengeTitle: Type.String(),
  text: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('merged'), Type.Literal('published')]),
  askedAt: DateTime,
  number: Nullable(Type.Integer()),
})

export const ManagedEnterprise = Type.Object({
  municipalityId: Uuid,
  municipalityName: Type.String(),
  enterprise: EnterpriseDirectoryEntry,
  distanceToLabourMarketPercent: Nullable(Type.Integer()),
  eligibleForArt282: Type.Boolean(),
  /** Questions this enterprise asked about this municipality's challenges. */
  questions: Type.Array(ManagedQuestion),
})
export type ManagedEnterprise = Static<typeof ManagedEnterprise>

export const RoutekaartEntry = Type.Object({
  id: Uuid,
  theme: Type.String(),
  sdgGoals: Type.Array(Type.Integer()),
  contactName: Type.String(),
  roleOrDepartment: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  description: Type.String(),
  position: Type.Integer(),
  version: Type.Integer(),
  updatedAt: DateTime,
})
export type RoutekaartEntry = Static<typeof RoutekaartEntry>

export const Routekaart = Type.Object({
  municipality: Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() }),
  items: Type.Array(RoutekaartEntry),
})
export type Routekaart = Static<typeof Routekaart>

const PhoneNumber = Type.String({ pattern: '^\\+?[0-9 ()-]{6,20}$', description: 'Public phone number, e.g. 14 020 or +31 20 123 4567' })
const PublicEmail = Type.String({ format: 'email', minLength: 3, maxLength: 254 })

const routekaartFields = {
  theme: Type.String({ minLength: 2, maxLength: 160 }),
  sdgGoals: SdgGoalList,
  contactName: Type.String({ minLength: 1, maxLength: 120 }),
  roleOrDepartment: Type.String({ minLength: 1, maxLength: 160 }),
  email: Nullable(PublicEmail),
  phone: Nullable(PhoneNumber),
  description: Type.String({ maxLength: 2000 }),
  position: Type.Integer({ minimum: 0, maximum: 10000 }),
}

export const CreateRoutekaartEntryBody = StrictObject({
  theme: routekaartFields.theme,
  sdgGoals: Type.Optional(routekaartFields.sdgGoals),
  contactName: routekaartFields.contactName,
  roleOrDepartment: routekaartFields.roleOrDepartment,
  email: Type.Optional(routekaartFields.email),
  phone: Type.Optional(routekaartFields.phone),
  description: Type.Optional(routekaartFields.description),
  position: Type.Optional(routekaartFields.position),
})
export type CreateRoutekaartEntryBody = Static<typeof CreateRoutekaartEntryBody>

export const UpdateRoutekaartEntryBody = StrictObject({
  theme: Type.Optional(routekaartFields.theme),
  sdgGoals: Type.Optional(routekaartFields.sdgGoals),
  contactName: Type.Optional(routekaartFields.contactName),
  roleOrDepartment: Type.Optional(routekaartFields.roleOrDepartment),
  email: Type.Optional(routekaartFields.email),
  phone: Type.Optional(routekaartFields.phone),
  description: Type.Optional(routekaartFields.description),
  position: Type.Optional(routekaartFields.position),
  version: Type.Integer({ minimum: 1 }),
})
export type UpdateRoutekaartEntryBody = Static<typeof UpdateRoutekaartEntryBody>
