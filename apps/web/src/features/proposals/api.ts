import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'

export type Proposal = ApiResponse<'/proposals/{proposalId}', 'get'>
export type ProposalSummary = ApiResponse<'/me/proposals', 'get'>['items'][number]
export type ProposalPatch = ApiRequest<'/proposals/{proposalId}', 'patch'>
export type Receipt = ApiResponse<'/proposals/{proposalId}/submit', 'post'>
export type ChallengeProposals = ApiResponse<'/challenges/{challengeId}/proposals', 'get'>
export type PlannedImpact = Proposal['plannedImpact'][number]
export type DocumentMeta = Proposal['documents'][number]

const path = (proposalId: string) => ({ params: { path: { proposalId } } })

export const listMyProposals = () => api.GET('/me/proposals')
export const getProposal = (proposalId: string) => api.GET('/proposals/{proposalId}', path(proposalId))
export const createProposal = (challengeId: string, enterpriseId: string, title: string) =>
  api.POST('/challenges/{challengeId}/proposals', { params: { path: { challengeId } }, body: { enterpriseId, title } })
export const updateProposal = (proposalId: string, body: ProposalPatch) => api.PATCH('/proposals/{proposalId}', { ...path(proposalId), body })
export const submitProposal = (proposalId: string, version: number) => api.POST('/proposals/{proposalId}/submit', { ...path(proposalId), body: { version } })
export const withdrawProposal = (proposalId: string, version: number) => api.POST('/proposals/{proposalId}/withdraw', { ...path(proposalId), body: { version } })

export const invitePartner = (proposalId: string, enterpriseId: string) => api.POST('/proposals/{proposalId}/partners', { ...path(proposalId), body: { enterpriseId } })
export const removePartner = (proposalId: string, enterpriseId: string) =>
  api.DELETE('/proposals/{proposalId}/partners/{enterpriseId}', { params: { path: { proposalId, enterpriseId } } })
export const acceptInvitation = (proposalId: string, enterpriseId: string) =>
  api.POST('/proposals/{proposalId}/partners/{enterpriseId}/accept', { params: { path: { proposalId, enterpriseId } } })
export const declineInvitation = (proposalId: string, enterpriseId: string) =>
  api.POST('/proposals/{proposalId}/partners/{enterpriseId}/decline', { params: { path: { proposalId, enterpriseId } } })
export const searchEnterprises = (q: string) => api.GET('/enterprises', { params: { query: { q, limit: 10 } } })

/** The schema types the form field as a string; the real file goes into the FormData the serializer returns. */
export function uploadDocument(proposalId: string, file: File) {
  const form = new FormData()
  form.append('file', file, file.name)
  return api.POST('/proposals/{proposalId}/documents', { ...path(proposalId), body: { file: file.name }, bodySerializer: () => form })
}
export const deleteDocument = (documentId: string) => api.DELETE('/documents/{documentId}', { params: { path: { documentId } } })

/** Downloads go through the API client (the access token is not a cookie), then to the browser as a file. */
export async function downloadDocument(doc: DocumentMeta): Promise<boolean> {
  const { data, response } = await api.GET('/documents/{documentId}', { params: { path: { documentId: doc.id } }, parseAs: 'blob' })
  if (!response.ok || !(data instanceof Blob)) return false
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = doc.name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}

export const getChallengeProposals = (challengeId: string) => api.GET('/challenges/{challengeId}/proposals', { params: { path: { challengeId } } })
export const getChallengeTitle = (challengeId: string) => api.GET('/challenges/{challengeId}', { params: { path: { challengeId } } })
