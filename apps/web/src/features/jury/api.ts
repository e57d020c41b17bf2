import { api } from '../../api/client'
import type { ApiRequest, ApiResponse } from '../../api/types'


export type JuryRound = ApiResponse<'/jury-rounds/{roundId}', 'get', 200>
export type JuryCriterion = JuryRound['criteria'][number]
export type JuryMember = ApiResponse<'/challenges/{challengeId}/jury-members', 'get', 200>['items'][number]
export type AssignmentOverview = ApiResponse<'/jury-rounds/{roundId}/assignments', 'get', 200>
export type RoundProgress = ApiResponse<'/jury-rounds/{roundId}/progress', 'get', 200>
export type StoredResults = ApiResponse<'/jury-rounds/{roundId}/results', 'get', 200>
export type JuryDecision = ApiResponse<'/challenges/{challengeId}/jury-decision', 'get', 200>
export type ProposalFeedback = ApiResponse<'/proposals/{proposalId}/feedback', 'get', 200>
export type CreateRoundBody = ApiRequest<'/challenges/{challengeId}/rounds', 'post'>
export type UpdateRoundBody = ApiRequest<'/jury-rounds/{roundId}', 'patch'>
export type CreateCriterionBody = ApiRequest<'/jury-rounds/{roundId}/criteria', 'post'>
export type UpdateCriterionBody = ApiRequest<'/jury-rounds/{roundId}/criteria/{criterionId}', 'patch'>

const challengePath = (challengeId: string) => ({ params: { path: { challengeId } } })
const roundPath = (roundId: string) => ({ params: { path: { roundId } } })

// Set-up: rounds, criteria, members
/** How proposals are judged, for the public challenge page (visible with the challenge). */
export const getChallengeAssessment = (challengeId: string) => api.GET('/challenges/{challengeId}/assessment', challengePath(challengeId))
export const listRounds = (challengeId: string) => api.GET('/challenges/{challengeId}/rounds', challengePath(challengeId))
export const getRound = (roundId: string) => api.GET('/jury-rounds/{roundId}', roundPath(roundId))
export const createRound = (challengeId: string, body: CreateRoundBody) => api.POST('/challenges/{challengeId}/rounds', { ...challengePath(challengeId), body })
export const updateRound = (roundId: string, body: UpdateRoundBody) => api.PATCH('/jury-rounds/{roundId}', { ...roundPath(roundId), body })
export const createCriterion = (roundId: string, body: CreateCriterionBody) => api.POST('/jury-rounds/{roundId}/criteria', { ...roundPath(roundId), body })
export const updateCriterion = (roundId: string, criterionId: string, body: UpdateCriterionBody) =>
  api.PATCH('/jury-rounds/{roundId}/criteria/{criterionId}', { params: { path: { roundId, criterionId } }, body })
export const deleteCriterion = (roundId: string, criterionId: string) => api.DELETE('/jury-rounds/{roundId}/criteria/{criterionId}', { params: { path: { roundId, criterionId } } })
export const listMembers = (challengeId: string) => api.GET('/challenges/{challengeId}/jury-members', challengePath(challengeId))
export const inviteMember = (challengeId: string, body: { email: string; isChair?: boolean; sdgExpertise?: number[] }) =>
  api.POST('/challenges/{challengeId}/jury-members', { ...challengePath(challengeId), body })
export const updateMember = (challengeId: string, memberId: string, body: { version: number; isChair?: boolean; sdgExpertise?: number[] }) =>
  api.PATCH('/challenges/{challengeId}/jury-members/{memberId}', { params: { path: { challengeId, memberId } }, body })
export const removeMember = (challengeId: string, memberId: string) => api.DELETE('/challenges/{challengeId}/jury-members/{memberId}', { params: { path: { challengeId, memberId } } })

// Chair: assignment, progress, deliberation, results, shortlist, decision
export const getAssignments = (roundId: string) => api.GET('/jury-rounds/{roundId}/assignments', roundPath(roundId))
export const runAssignment = (roundId: string) => api.POST('/jury-rounds/{roundId}/assignment', roundPath(roundId))
export const swapJuror = (roundId: string, body: { proposalId: string; removeMemberId: string; addMemberId: string; allowOverload?: boolean }) =>
  api.PUT('/jury-rounds/{roundId}/assignments', { ...roundPath(roundId), body })
export const getProgress = (roundId: string) => api.GET('/jury-rounds/{roundId}/progress', roundPath(roundId))
export const sendReminders = (roundId: string) => api.POST('/jury-rounds/{roundId}/reminders', roundPath(roundId))
export const reopenScorecard = (roundId: string, scorecardId: string, reason: string) =>
  api.POST('/jury-rounds/{roundId}/scorecards/{scorecardId}/reopen', { params: { path: { roundId, scorecardId } }, body: { reason } })
export const openDeliberation = (roundId: string) => api.POST('/jury-rounds/{roundId}/deliberation', roundPath(roundId))
export const getResults = (roundId: string) => api.GET('/jury-rounds/{roundId}/results', roundPath(roundId))
export const computeResults = (roundId: string) => api.POST('/jury-rounds/{roundId}/results', roundPath(roundId))
export const shortlistRound = (roundId: string, body: { nextRoundId: string; topN?: number }) => api.POST('/jury-rounds/{roundId}/shortlist', { ...roundPath(roundId), body })
export const getDecision = (challengeId: string) => api.GET('/challenges/{challengeId}/jury-decision', challengePath(challengeId))
export const recordDecision = (challengeId: string, body: { version: number; winnerProposalIds: string[]; motivation: string }) =>
  api.PUT('/challenges/{challengeId}/jury-decision', { ...challengePath(challengeId), body })

// Report exports need the bearer token, so they are fetched and saved rather than plain links.
export async function downloadReport(roundId: string, format: 'csv' | 'xlsx'): Promise<boolean> {
  const { data, response } = await api.GET('/jury-rounds/{roundId}/results/export', { ...roundPath(roundId), params: { path: { roundId }, query: { format } }, parseAs: 'blob' })
  if (!response.ok || !(data instanceof Blob)) return false
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = `jury-report-${roundId}.${format}`
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}

// Applicants and the public
export const getProposalFeedback = (proposalId: string) => api.GET('/proposals/{proposalId}/feedback', { params: { path: { proposalId } } })

/** The challenge's title, status and municipality for headings; the challenges feature owns the rest. */
export const getChallengeHeading = async (challengeId: string) => {
  const result = await api.GET('/challenges/{challengeId}', challengePath(challengeId))
  return { ...result, data: result.data === undefined ? undefined : { id: result.data.id, title: result.data.title, status: result.data.status, municipality: result.data.municipality } }
}
export const listMySeats = () => api.GET('/jury-seats')
