import type { paths } from './schema'

// Every type the app uses is read from the generated `paths`, never from component names,
// so regenerating schema.d.ts from the API cannot silently drift from these aliases.
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never
/** The JSON body an operation answers with `S` (default 200); feature api.ts files name their types with it. */
export type ApiResponse<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: infer Rs
}
  ? S extends keyof Rs
    ? JsonBody<Rs[S]>
    : never
  : never

export type Me = ApiResponse<'/me', 'get'>
export type Membership = Me['memberships'][number]
export type Locale = Me['locale']
export type SessionResponse = ApiResponse<'/auth/login', 'post'>
export type Organisation = ApiResponse<'/organisations/{organisationId}', 'get'>
export type OrganisationKind = Organisation['kind']
export type Member = ApiResponse<'/organisations/{organisationId}/members', 'get'>['items'][number]
export type Role = Member['role']
export type Invitation = ApiResponse<'/organisations/{organisationId}/invitations', 'get'>['items'][number]
export type InvitationPreview = ApiResponse<'/invitations/{token}', 'get'>
export type OutboxEmail = ApiResponse<'/admin/outbox', 'get'>['items'][number]

/** The JSON request body of an operation. */
export type ApiRequest<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B }
  ? JsonBody<NonNullable<B>>
  : never

export type LoginBody = ApiRequest<'/auth/login', 'post'>
export type RegisterBody = ApiRequest<'/auth/register', 'post'>
export type UpdateMeBody = ApiRequest<'/me', 'patch'>
export type CreateOrganisationBody = ApiRequest<'/organisations', 'post'>
export type CreateInvitationBody = ApiRequest<'/organisations/{organisationId}/invitations', 'post'>
