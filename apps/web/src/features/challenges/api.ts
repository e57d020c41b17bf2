import { api } from '../../api/client'
import type { CatalogueQuery, ChallengeTransition, CreateChallengeBody, UpdateChallengeBody } from './types'

export const listChallenges = (query: CatalogueQuery) => api.GET('/challenges', { params: { query } })

export const getChallenge = (challengeId: string) => api.GET('/challenges/{challengeId}', { params: { path: { challengeId } } })

export const listMunicipalityChallenges = (municipalityId: string) =>
  api.GET('/municipalities/{municipalityId}/challenges', { params: { path: { municipalityId } } })

export const createChallenge = (municipalityId: string, body: CreateChallengeBody) =>
  api.POST('/municipalities/{municipalityId}/challenges', { params: { path: { municipalityId } }, body })

export const updateChallenge = (challengeId: string, body: UpdateChallengeBody) =>
  api.PATCH('/challenges/{challengeId}', { params: { path: { challengeId } }, body })

const TRANSITION_PATHS = {
  publish: '/challenges/{challengeId}/publish',
  startEvaluation: '/challenges/{challengeId}/start-evaluation',
  decide: '/challenges/{challengeId}/decide',
  publishResults: '/challenges/{challengeId}/publish-results',
  archive: '/challenges/{challengeId}/archive',
} as const satisfies Record<ChallengeTransition, string>

export const transitionChallenge = (challengeId: string, transition: ChallengeTransition, version: number) =>
  api.POST(TRANSITION_PATHS[transition], { params: { path: { challengeId } }, body: { version } })

export const listChallengeAmendments = (challengeId: string) => api.GET('/challenges/{challengeId}/amendments', { params: { path: { challengeId } } })

/** The challenge's deadlines as an iCalendar file: a plain link, so the browser downloads it. */
export const challengeIcsHref = (challengeId: string) => `/api/v1/challenges/${challengeId}/ics`

export const followChallenge = (challengeId: string) => api.PUT('/challenges/{challengeId}/follow', { params: { path: { challengeId } } })
export const unfollowChallenge = (challengeId: string) => api.DELETE('/challenges/{challengeId}/follow', { params: { path: { challengeId } } })
