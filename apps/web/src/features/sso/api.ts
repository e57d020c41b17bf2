import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'

export type SsoConfig = ApiResponse<'/organisations/{organisationId}/sso', 'get'>
export type PutSsoConfigBody = ApiRequest<'/organisations/{organisationId}/sso', 'put'>
export type SsoProvider = ApiResponse<'/sso/providers', 'get'>['items'][number]
export type MunicipalRole = PutSsoConfigBody['roleMapping'][number]['role']

export const listSsoProviders = () => api.GET('/sso/providers')

export const getSsoConfig = (organisationId: string) => api.GET('/organisations/{organisationId}/sso', { params: { path: { organisationId } } })

export const putSsoConfig = (organisationId: string, body: PutSsoConfigBody) =>
  api.PUT('/organisations/{organisationId}/sso', { params: { path: { organisationId } }, body })

export const deleteSsoConfig = (organisationId: string) => api.DELETE('/organisations/{organisationId}/sso', { params: { path: { organisationId } } })

/** A full-page navigation (not fetch): the API answers with a redirect to the municipality's identity provider. */
export const ssoLoginUrl = (slug: string, redirect: string) => `/api/v1/sso/${encodeURIComponent(slug)}/login?redirect=${encodeURIComponent(redirect)}`
