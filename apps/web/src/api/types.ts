import type { paths } from './schema'

// Every type the app uses is read from the generated `paths`, never from component names,
// so regenerating schema.d.ts from the API cannot silently drift from these aliases.
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never
type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: infer Rs
}
  ? S extends keyof Rs
    ? JsonBody<Rs[S]>
    : never
  : never

export type Me = Ok<'/me', 'get'>
export type Membership = Me['memberships'][number]
export type Locale = Me['locale']
export type SessionResponse = Ok<'/auth/login', 'post'>
export type Organisation = Ok<'/organisations/{organisationId}', 'get'>
export type OrganisationKind = Organisation['kind']
export type Member = Ok<'/organisations/{organisationId}/members', 'get'>['items'][number]
export type Role = Member['role']
export type Invitation = Ok<'/organisations/{organisationId}/invitations', 'get'>['items'][number]
export type InvitationPreview = Ok<'/invitations/{token}', 'get'>
export type OutboxEmail = Ok<'/admin/outbox', 'get'>['items'][number]

type JsonRequest<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B }
  ? JsonBody<NonNullable<B>>
  : never

export type LoginBody = JsonRequest<'/auth/login', 'post'>
export type RegisterBody = JsonRequest<'/auth/register', 'post'>
export type UpdateMeBody = JsonRequest<'/me', 'patch'>
export type CreateOrganisationBody = JsonRequest<'/organisations', 'post'>
export type CreateInvitationBody = JsonRequest<'/organisations/{organisationId}/invitations', 'post'>
