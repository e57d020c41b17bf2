import { api } from '../../api/client'
import type { ApiResponse } from '../../api/types'


export type Partner = ApiResponse<'/partners', 'get'>['items'][number]
export interface PartnerFilter {
  sdg?: number
  kind?: 'social_enterprise' | 'sme'
  region?: string
  lookingForPartners?: boolean
}

export const searchPartners = (query: PartnerFilter) => api.GET('/partners', { params: { query } })
export const myOrganisations = () => api.GET('/organisations')
export const contactPartner = (enterpriseId: string, body: { fromEnterpriseId: string; subject: string; message: string }) =>
  api.POST('/partners/{enterpriseId}/messages', { params: { path: { enterpriseId } }, body })
export type PartnerSuggestions = ApiResponse<'/challenges/{challengeId}/partner-suggestions', 'get'>
export const suggestPartners = (challengeId: string) => api.GET('/challenges/{challengeId}/partner-suggestions', { params: { path: { challengeId } } })
