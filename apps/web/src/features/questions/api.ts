import { api } from '../../api/client'
import type { ApiResponse } from '../../api/types'


export type PublicQa = ApiResponse<'/challenges/{challengeId}/qa', 'get', 200>
export type PublicQaItem = PublicQa['items'][number]
export type NotaVersionSummary = ApiResponse<'/challenges/{challengeId}/nota', 'get', 200>['items'][number]
export type MyQuestion = ApiResponse<'/me/questions', 'get', 200>['items'][number]
export type InboxQuestion = ApiResponse<'/challenges/{challengeId}/questions', 'get', 200>['items'][number]
export type QuestionStatus = MyQuestion['status']

const challengePath = (challengeId: string) => ({ params: { path: { challengeId } } })

export const getPublicQa = (challengeId: string) => api.GET('/challenges/{challengeId}/qa', challengePath(challengeId))
export const listNotaVersions = (challengeId: string) => api.GET('/challenges/{challengeId}/nota', challengePath(challengeId))
export const listMyChallengeQuestions = (challengeId: string) => api.GET('/challenges/{challengeId}/questions/mine', challengePath(challengeId))
export const listMyQuestions = () => api.GET('/me/questions')
export const askQuestion = (challengeId: string, enterpriseId: string, text: string) =>
  api.POST('/challenges/{challengeId}/questions', { ...challengePath(challengeId), body: { enterpriseId, text } })
export const listInbox = (challengeId: string) => api.GET('/challenges/{challengeId}/questions', challengePath(challengeId))
export const answerQuestion = (questionId: string, body: { answer: string; publicText: string | null; version: number }) =>
  api.PUT('/questions/{questionId}/answer', { params: { path: { questionId } }, body })
export const mergeQuestion = (questionId: string, intoQuestionId: string, version: number) =>
  api.POST('/questions/{questionId}/merge', { params: { path: { questionId } }, body: { intoQuestionId, version } })
export const publishQuestions = (challengeId: string, questionIds: string[]) =>
  api.POST('/challenges/{challengeId}/questions/publish', { ...challengePath(challengeId), body: { questionIds } })

/** Downloads are plain links: the browser saves the CSV and opens the printable page itself. */
export const notaCsvUrl = (challengeId: string, version: number) => `/api/v1/challenges/${challengeId}/nota/${version}/csv`
export const notaPrintUrl = (challengeId: string, version: number) => `/api/v1/challenges/${challengeId}/nota/${version}/html`

/** The challenge's title for headings; the challenges feature owns everything else about it. */
export const getChallengeTitle = async (challengeId: string) => {
  const result = await api.GET('/challenges/{challengeId}', challengePath(challengeId))
  return { ...result, data: result.data === undefined ? undefined : { id: result.data.id, title: result.data.title, municipality: result.data.municipality } }
}
