import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'


export type JurySeat = ApiResponse<'/jury-seats', 'get'>['items'][number]
export type JuryRound = ApiResponse<'/jury-rounds/{roundId}', 'get'>
export type JuryCriterion = JuryRound['criteria'][number]
export type JurorProposal = ApiResponse<'/jury-rounds/{roundId}/my-proposals', 'get'>['items'][number]
export type JurorProposalDetail = ApiResponse<'/jury-rounds/{roundId}/proposals/{proposalId}', 'get'>
export type JuryScorecard = ApiResponse<'/jury-rounds/{roundId}/proposals/{proposalId}/scorecard', 'get'>
export type OtherScorecard = ApiResponse<'/jury-rounds/{roundId}/proposals/{proposalId}/scorecards', 'get'>['items'][number]
export type JuryConflict = ApiResponse<'/challenges/{challengeId}/jury-conflicts', 'get'>['items'][number]
export type JuryInvitationPreview = ApiResponse<'/jury-invitations/{token}', 'get'>
export type SaveScorecardBody = ApiRequest<'/jury-rounds/{roundId}/proposals/{proposalId}/scorecard', 'put'>

export const getJuryInvitation = (token: string) => api.GET('/jury-invitations/{token}', { params: { path: { token } } })
export const acceptJuryInvitation = (token: string) => api.POST('/jury-invitations/{token}/accept', { params: { path: { token } } })

export const listMySeats = () => api.GET('/jury-seats')
export const getRound = (roundId: string) => api.GET('/jury-rounds/{roundId}', { params: { path: { roundId } } })
export const listMyProposals = (roundId: string) => api.GET('/jury-rounds/{roundId}/my-proposals', { params: { path: { roundId } } })
export const listMyConflicts = (challengeId: string) => api.GET('/challenges/{challengeId}/jury-conflicts', { params: { path: { challengeId } } })
export const declareConflict = (challengeId: string, proposalId: string, reason: string) =>
  api.POST('/challenges/{challengeId}/jury-conflicts', { params: { path: { challengeId } }, body: { proposalId, reason } })

const roundProposal = (roundId: string, proposalId: string) => ({ params: { path: { roundId, proposalId } } })
export const getProposalForJuror = (roundId: string, proposalId: string) => api.GET('/jury-rounds/{roundId}/proposals/{proposalId}', roundProposal(roundId, proposalId))
export const getMyScorecard = (roundId: string, proposalId: string) => api.GET('/jury-rounds/{roundId}/proposals/{proposalId}/scorecard', roundProposal(roundId, proposalId))
export const saveMyScorecard = (roundId: string, proposalId: string, body: SaveScorecardBody) =>
  api.PUT('/jury-rounds/{roundId}/proposals/{proposalId}/scorecard', { ...roundProposal(roundId, proposalId), body })
export const submitMyScorecard = (roundId: string, proposalId: string, version: number) =>
  api.POST('/jury-rounds/{roundId}/proposals/{proposalId}/scorecard/submit', { ...roundProposal(roundId, proposalId), body: { version } })
export const listOtherScorecards = (roundId: string, proposalId: string) => api.GET('/jury-rounds/{roundId}/proposals/{proposalId}/scorecards', roundProposal(roundId, proposalId))

/** The document route needs the bearer token, so the file is fetched through the client and handed over as a blob. */
export const downloadJurorDocument = (roundId: string, proposalId: string, documentId: string) =>
  api.GET('/jury-rounds/{roundId}/proposals/{proposalId}/documents/{documentId}', { params: { path: { roundId, proposalId, documentId } }, parseAs: 'blob' })

/** The file name the server chose (neutral in a blind round), from Content-Disposition. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim())
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain ? plain[1]!.trim() : null
}

export async function saveJurorDocument(roundId: string, proposalId: string, documentId: string): Promise<boolean> {
  const { data, response } = await downloadJurorDocument(roundId, proposalId, documentId)
  if (!response.ok || !(data instanceof Blob)) return false
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = fileNameFromDisposition(response.headers.get('content-disposition')) ?? 'document'
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}
