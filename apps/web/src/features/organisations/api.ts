import { api } from '../../api/client'
import type { CreateInvitationBody, CreateOrganisationBody, Role } from '../../api/types'

export const listOrganisations = () => api.GET('/organisations')

export const createOrganisation = (body: CreateOrganisationBody) => api.POST('/organisations', { body })

export const getOrganisation = (organisationId: string) =>
  api.GET('/organisations/{organisationId}', { params: { path: { organisationId } } })

export const listMembers = (organisationId: string) =>
  api.GET('/organisations/{organisationId}/members', { params: { path: { organisationId } } })

export const changeMemberRole = (organisationId: string, userId: string, role: Role) =>
  api.PATCH('/organisations/{organisationId}/members/{userId}', {
    params: { path: { organisationId, userId } },
    body: { role },
  })

export const removeMember = (organisationId: string, userId: string) =>
  api.DELETE('/organisations/{organisationId}/members/{userId}', { params: { path: { organisationId, userId } } })

export const listInvitations = (organisationId: string) =>
  api.GET('/organisations/{organisationId}/invitations', { params: { path: { organisationId } } })

export const createInvitation = (organisationId: string, body: CreateInvitationBody) =>
  api.POST('/organisations/{organisationId}/invitations', { params: { path: { organisationId } }, body })

export const revokeInvitation = (organisationId: string, invitationId: string) =>
  api.DELETE('/organisations/{organisationId}/invitations/{invitationId}', {
    params: { path: { organisationId, invitationId } },
  })
