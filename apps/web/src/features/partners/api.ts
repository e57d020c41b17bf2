import { api } from '../../api/client'
import type { paths } from '../../api/schema'

type Json<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never

export type Partner = Json<'/partners'>['items'][number]
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
export type PartnerSuggestions = Json<'/challenges/{challengeId}/partner-suggestions'>
export const suggestPartners = (challengeId: string) => api.GET('/challenges/{challengeId}/partner-suggestions', { params: { path: { challengeId } } })
