import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'


export type EnterpriseProfile = ApiResponse<'/enterprises/{enterpriseId}/profile', 'get', 200>
export type UpdateEnterpriseProfileBody = ApiRequest<'/enterprises/{enterpriseId}/profile', 'patch'>
export type LegalForm = NonNullable<EnterpriseProfile['legalForm']>
export type EnterpriseContact = ApiResponse<'/enterprises/{enterpriseId}/contacts', 'get', 200>['items'][number]
export type DirectoryEntry = ApiResponse<'/enterprises', 'get', 200>['items'][number]
export type ManagedEnterprise = ApiResponse<'/me/managed-enterprises', 'get', 200>['items'][number]
export type AccountManagerAssignment = ApiResponse<'/municipalities/{municipalityId}/account-managers', 'get', 200>['items'][number]
export type Routekaart = ApiResponse<'/municipalities/by-slug/{slug}/routekaart', 'get', 200>
export type RoutekaartEntry = Routekaart['items'][number]
export type CreateRoutekaartEntryBody = ApiRequest<'/municipalities/{municipalityId}/routekaart', 'post'>

export const LEGAL_FORMS: readonly LegalForm[] = ['eenmanszaak', 'vof', 'bv', 'nv', 'stichting', 'vereniging', 'cooperatie', 'other']

const enterprisePath = (enterpriseId: string) => ({ params: { path: { enterpriseId } } })
const municipalityPath = (municipalityId: string) => ({ params: { path: { municipalityId } } })

export const getProfile = (enterpriseId: string) => api.GET('/enterprises/{enterpriseId}/profile', enterprisePath(enterpriseId))
export const updateProfile = (enterpriseId: string, body: UpdateEnterpriseProfileBody) =>
  api.PATCH('/enterprises/{enterpriseId}/profile', { ...enterprisePath(enterpriseId), body })
export const listContacts = (enterpriseId: string) => api.GET('/enterprises/{enterpriseId}/contacts', enterprisePath(enterpriseId))
export const searchEnterprises = (q: string) => api.GET('/enterprises', { params: { query: { q } } })
export const listManagedEnterprises = () => api.GET('/me/managed-enterprises')
export const listAssignments = (municipalityId: string) => api.GET('/municipalities/{municipalityId}/account-managers', municipalityPath(municipalityId))
export const assignAccountManager = (municipalityId: string, enterpriseId: string, userId: string) =>
  api.PUT('/municipalities/{municipalityId}/account-managers/{enterpriseId}', { params: { path: { municipalityId, enterpriseId } }, body: { userId } })
export const unassignAccountManager = (municipalityId: string, enterpriseId: string) =>
  api.DELETE('/municipalities/{municipalityId}/account-managers/{enterpriseId}', { params: { path: { municipalityId, enterpriseId } } })
export const listMunicipalityMembers = (organisationId: string) => api.GET('/organisations/{organisationId}/members', { params: { path: { organisationId } } })
export const getRoutekaart = (slug: string) => api.GET('/municipalities/by-slug/{slug}/routekaart', { params: { path: { slug } } })
export const createRoutekaartEntry = (municipalityId: string, body: CreateRoutekaartEntryBody) =>
  api.POST('/municipalities/{municipalityId}/routekaart', { ...municipalityPath(municipalityId), body })
export const updateRoutekaartEntry = (municipalityId: string, entryId: string, body: Partial<CreateRoutekaartEntryBody> & { version: number }) =>
  api.PATCH('/municipalities/{municipalityId}/routekaart/{entryId}', { params: { path: { municipalityId, entryId } }, body })
export const deleteRoutekaartEntry = (municipalityId: string, entryId: string) =>
  api.DELETE('/municipalities/{municipalityId}/routekaart/{entryId}', { params: { path: { municipalityId, entryId } } })
