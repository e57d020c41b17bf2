import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Email, Locale, StrictObject, Uuid } from './common'

export const OrganisationKind = Type.Union([Type.Literal('municipality'), Type.Literal('enterprise')])
export type OrganisationKind = Static<typeof OrganisationKind>

export const MunicipalityRole = Type.Union([
  Type.Literal('admin'),
  Type.Literal('challenge_manager'),
  Type.Literal('account_manager'),
])
export const EnterpriseRole = Type.Union([Type.Literal('owner'), Type.Literal('member')])
export const MembershipRole = Type.Union([...MunicipalityRole.anyOf, ...EnterpriseRole.anyOf])
export type MembershipRole = Static<typeof MembershipRole>

export const Membership = Type.Object({
  organisationId: Uuid,
  organisationName: Type.String(),
  organisationKind: OrganisationKind,
  organisationSlug: Type.String(),
  role: MembershipRole,
})

export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  locale: Locale,
  isPlatformAdmin: Type.Boolean(),
  /** False for accounts that only log in through their municipality (single sign-on). */
  hasPassword: Type.Boolean(),
  memberships: Type.Array(Membership),
  createdAt: DateTime,
})
export type Me = Static<typeof Me>

export const Password = Type.String({ minLength: 10, maxLength: 200 })
export const PersonName = Type.String({ minLength: 1, maxLength: 120 })

export const RegisterBody = StrictObject({ email: Email, password: Password, name: PersonName, locale: Type.Optional(Locale) })
export type RegisterBody = Static<typeof RegisterBody>
export const LoginBody = StrictObject({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) })
export type LoginBody = Static<typeof LoginBody>
export const SessionResponse = Type.Object({
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Lifetime of the access token in seconds' }),
  user: Me,
})
export type SessionResponse = Static<typeof SessionResponse>
export const UpdateMeBody = StrictObject({ name: Type.Optional(PersonName), locale: Type.Optional(Locale) }, { minProperties: 1 })
export type UpdateMeBody = Static<typeof UpdateMeBody>

export const KvkNumber = Type.String({ pattern: '^[0-9]{8}$', description: 'Dutch Chamber of Commerce number, 8 digits' })
export const OrganisationName = Type.String({ minLength: 2, maxLength: 160 })

/** Licence of a municipality's open data (SPDX id); see the open-data module. */
export const OpenDataLicence = Type.Union([Type.Literal('CC0-1.0'), Type.Literal('CC-BY-4.0')], { description: 'SPDX licence identifier of the open data' })
export type OpenDataLicence = Static<typeof OpenDataLicence>
export const Organisation = Type.Object({
  id: Uuid,
  kind: OrganisationKind,
  name: Type.String(),
  slug: Type.String(),
  kvkNumber: Type.Union([Type.String(), Type.Null()]),
  /** Municipalities: the licence of their open data. Enterprises always show the default. */
  openDataLicence: OpenDataLicence,
  myRole: Type.Union([MembershipRole, Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Organisation = Static<typeof Organisation>
export const CreateOrganisationBody = StrictObject({ kind: OrganisationKind, name: OrganisationName, kvkNumber: Type.Optional(KvkNumber) })
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>
export const UpdateOrganisationBody = StrictObject(
  { name: Type.Optional(OrganisationName), kvkNumber: Type.Optional(Type.Union([KvkNumber, Type.Null()])), openDataLicence: Type.Optional(OpenDataLicence) },
  { minProperties: 1 },
)
export type UpdateOrganisationBody = Static<typeof UpdateOrganisationBody>

export const Member = Type.Object({ userId: Uuid, name: Type.String(), email: Type.String(), role: MembershipRole, joinedAt: DateTime })
export type Member = Static<typeof Member>
export const UpdateMemberBody = StrictObject({ role: MembershipRole })

export const Invitation = Type.Object({ id: Uuid, email: Type.String(), role: MembershipRole, expiresAt: DateTime, createdAt: DateTime })
export type Invitation = Static<typeof Invitation>
export const CreateInvitationBody = StrictObject({ email: Email, role: MembershipRole })
export type CreateInvitationBody = Static<typeof CreateInvitationBody>
export const InvitationPreview = Type.Object({
  organisationName: Type.String(),
  organisationKind: OrganisationKind,
  role: MembershipRole,
  email: Type.String(),
  expiresAt: DateTime,
})
export const InvitationToken = Type.String({ minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })

export const OutboxEmail = Type.Object({
  id: Uuid,
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('logged'), Type.Literal('failed')]),
  createdAt: DateTime,
  sentAt: Type.Union([DateTime, Type.Null()]),
  /** A mail that gathers changes waits until then before it is sent. */
  notBefore: Type.Union([DateTime, Type.Null()]),
})
