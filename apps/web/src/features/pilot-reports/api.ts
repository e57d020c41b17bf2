import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'


export type MyPilot = ApiResponse<'/me/pilots', 'get'>['items'][number]
export type PilotReport = MyPilot['reports'][number]
export type ReportForReview = ApiResponse<'/municipalities/{municipalityId}/pilot-reports', 'get'>['items'][number]
export type CreatePilotReportBody = ApiRequest<'/pilots/{proposalId}/reports', 'post'>

export const listMyPilots = () => api.GET('/me/pilots')
export const createPilotReport = (proposalId: string, body: CreatePilotReportBody) => api.POST('/pilots/{proposalId}/reports', { params: { path: { proposalId } }, body })
export const setShowcaseConsent = (proposalId: string, consented: boolean) => api.PUT('/pilots/{proposalId}/showcase-consent', { params: { path: { proposalId } }, body: { consented } })
export const listReportsForReview = (municipalityId: string, status?: PilotReport['status']) =>
  api.GET('/municipalities/{municipalityId}/pilot-reports', { params: { path: { municipalityId }, query: status ? { status } : {} } })
export const validateReport = (reportId: string, version: number) => api.POST('/pilot-reports/{reportId}/validate', { params: { path: { reportId } }, body: { version } })
export const rejectReport = (reportId: string, version: number, reason: string) => api.POST('/pilot-reports/{reportId}/reject', { params: { path: { reportId } }, body: { version, reason } })
