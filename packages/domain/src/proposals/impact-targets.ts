import { getSdgTarget } from '../sdg/sdg-catalogue'

export interface ChallengeSdgScope {
  readonly sdgGoals: readonly number[]
  readonly sdgTargets: readonly string[]
}

export type ImpactTargetProblem = 'unknown_target' | 'outside_challenge'

/**
 * A planned-impact target must exist in the catalogue and fit the challenge: one of its targets or a
 * target of one of its goals. A challenge without SDGs accepts any target.
 */
export function checkImpactTarget(code: string, challenge: ChallengeSdgScope): ImpactTargetProblem | null {
  const target = getSdgTarget(code)
  if (!target) return 'unknown_target'
  if (challenge.sdgGoals.length === 0 && challenge.sdgTargets.length === 0) return null
  if (challenge.sdgTargets.includes(code) || challenge.sdgGoals.includes(target.goal)) return null
  return 'outside_challenge'
}
