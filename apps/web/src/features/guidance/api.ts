import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'

export type GuidanceIndex = ApiResponse<'/municipalities/by-slug/{slug}/guidance', 'get'>
export type GuidanceSummary = GuidanceIndex['items'][number]
export type PublicGuidancePage = ApiResponse<'/municipalities/by-slug/{slug}/guidance/{pageSlug}', 'get'>
export type GuidanceHeading = PublicGuidancePage['page']['headings'][number]
export type RenderedGuidance = ApiResponse<'/municipalities/{municipalityId}/guidance/preview', 'post'>
export type GuidancePage = ApiResponse<'/municipalities/{municipalityId}/guidance/{pageId}', 'get'>
export type GuidanceAudience = GuidancePage['audience']
export type GuidanceLanguage = GuidancePage['language']
export type CreateGuidancePageBody = ApiRequest<'/municipalities/{municipalityId}/guidance', 'post'>
export type UpdateGuidancePageBody = ApiRequest<'/municipalities/{municipalityId}/guidance/{pageId}', 'patch'>

const pagePath = (municipalityId: string, pageId: string) => ({ params: { path: { municipalityId, pageId } } })

export const listPublishedGuidance = (slug: string) => api.GET('/municipalities/by-slug/{slug}/guidance', { params: { path: { slug } } })
export const getPublishedGuidance = (slug: string, pageSlug: string) => api.GET('/municipalities/by-slug/{slug}/guidance/{pageSlug}', { params: { path: { slug, pageSlug } } })
export const listGuidanceForStaff = (municipalityId: string) => api.GET('/municipalities/{municipalityId}/guidance', { params: { path: { municipalityId } } })
export const getGuidanceForStaff = (municipalityId: string, pageId: string) => api.GET('/municipalities/{municipalityId}/guidance/{pageId}', pagePath(municipalityId, pageId))
export const createGuidancePage = (municipalityId: string, body: CreateGuidancePageBody) => api.POST('/municipalities/{municipalityId}/guidance', { params: { path: { municipalityId } }, body })
export const updateGuidancePage = (municipalityId: string, pageId: string, body: UpdateGuidancePageBody) => api.PATCH('/municipalities/{municipalityId}/guidance/{pageId}', { ...pagePath(municipalityId, pageId), body })
export const publishGuidancePage = (municipalityId: string, pageId: string, version: number) => api.POST('/municipalities/{municipalityId}/guidance/{pageId}/publish', { ...pagePath(municipalityId, pageId), body: { version } })
export const unpublishGuidancePage = (municipalityId: string, pageId: string, version: number) => api.POST('/municipalities/{municipalityId}/guidance/{pageId}/unpublish', { ...pagePath(municipalityId, pageId), body: { version } })
export const deleteGuidancePage = (municipalityId: string, pageId: string) => api.DELETE('/municipalities/{municipalityId}/guidance/{pageId}', pagePath(municipalityId, pageId))
export const previewGuidance = (municipalityId: string, markdown: string) => api.POST('/municipalities/{municipalityId}/guidance/preview', { params: { path: { municipalityId } }, body: { markdown } })
