import type { paths } from '../../api/schema'

// Read from the generated paths (never hand-written), so a regenerated client cannot drift from these.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never

export type Challenge = Json<paths['/challenges/{challengeId}']['get']['responses'][200]>
export type ChallengePage = Json<paths['/challenges']['get']['responses'][200]>
export type ChallengeSummary = ChallengePage['items'][number]
export type ChallengeAmendment = Json<paths['/challenges/{challengeId}/amendments']['get']['responses'][200]>['items'][number]
export type ChallengeStatus = Challenge['status']
export type ChallengeTransition = Challenge['allowedTransitions'][number]
export type EnterpriseKind = Challenge['eligibleEnterpriseKinds'][number]
export type CatalogueQuery = NonNullable<paths['/challenges']['get']['parameters']['query']>
export type CreateChallengeBody = Json<NonNullable<paths['/municipalities/{municipalityId}/challenges']['post']['requestBody']>>
export type UpdateChallengeBody = Json<NonNullable<paths['/challenges/{challengeId}']['patch']['requestBody']>>

export const CHALLENGE_STATUSES: ChallengeStatus[] = ['published', 'closed', 'in_evaluation', 'decided', 'results_published', 'archived']
export const ENTERPRISE_KINDS: EnterpriseKind[] = ['social_enterprise', 'sme']
